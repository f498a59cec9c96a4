import Foundation
import Randomness

/// One EM fit of ``GaussianMixtureLearner``: k-means++ seeding, then E- and M-steps over borrowed
/// points and weights, with every buffer allocated once in a ``Workspace``. See
/// ``GaussianMixtureLearner`` for the algorithm, the covariance floor and the collapse rule.
struct ExpectationMaximization {
    /// Buffers of one fit, owned by a class so the struct can be passed around without copies;
    /// freed with it.
    final class Workspace {
        let weights: UnsafeMutablePointer<Double>          // K: πⱼ
        let means: UnsafeMutablePointer<Double>            // K·d
        let covariances: UnsafeMutablePointer<Double>      // K·d²
        let factors: UnsafeMutablePointer<Double>          // K·d²
        let normalizers: UnsafeMutablePointer<Double>      // K: ln πⱼ − ½ ln det Σⱼ − (d/2) ln 2π
        let inverseScales: UnsafeMutablePointer<Double>    // K: 1/σⱼ (d = 1)
        let masses: UnsafeMutablePointer<Double>           // K: Nⱼ
        let collapsed: UnsafeMutablePointer<Bool>          // K
        let responsibilities: UnsafeMutablePointer<Double> // n·K, row i = point i
        let distances: UnsafeMutablePointer<Double>        // n: k-means++ D²
        let assignment: UnsafeMutablePointer<Int>          // n: nearest seed
        let scratch: UnsafeMutablePointer<Double>          // d² + d

        init(points n: Int, components k: Int, dimension d: Int) {
            func make<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
                let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
                pointer.initialize(repeating: value, count: max(count, 1))
                return pointer
            }
            weights = make(k, 0.0)
            means = make(k * d, 0.0)
            covariances = make(k * d * d, 0.0)
            factors = make(k * d * d, 0.0)
            normalizers = make(k, 0.0)
            inverseScales = make(k, 0.0)
            masses = make(k, 0.0)
            collapsed = make(k, false)
            responsibilities = make(n * k, 0.0)
            distances = make(n, 0.0)
            assignment = make(n, 0)
            scratch = make(d * d + d, 0.0)
        }

        deinit {
            weights.deallocate(); means.deallocate(); covariances.deallocate(); factors.deallocate()
            normalizers.deallocate(); inverseScales.deallocate(); masses.deallocate(); collapsed.deallocate()
            responsibilities.deallocate(); distances.deallocate(); assignment.deallocate(); scratch.deallocate()
        }
    }

    let x: UnsafeBufferPointer<Double>
    let w: UnsafeBufferPointer<Double>
    let n: Int, d: Int, k: Int
    let totalWeight: Double
    /// λ, the covariance floor in the data's units.
    let floor: Double
    /// Responsibility mass below which a component is empty: 10⁻⁸ of one average point's weight.
    let emptyMass: Double
    let workspace: Workspace
    /// Components still in the model (the first `alive` slots).
    var alive: Int
    var collapsedCount = 0
    /// Whether the last component standing is itself collapsed (counted once).
    var survivorCollapsed = false
    var iterations = 0

    static let halfLogTwoPi = 0.5 * log(2 * Double.pi)

    init(points: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>, dimension: Int, components: Int, covarianceFloor: Double) {
        x = points
        w = weights
        d = dimension
        n = weights.count
        k = components
        precondition(n >= 1 && points.count == n * d)
        var total = 0.0
        for i in 0..<n { total += weights[i] }
        precondition(total > 0 && total.isFinite, "EM: the training set's weights must have a positive sum")
        totalWeight = total
        // The mean per-coordinate weighted variance, by two passes.
        var spread = 0.0
        for c in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += weights[i] * points[i * d + c] }
            mean /= total
            var sum = 0.0
            for i in 0..<n {
                let u = points[i * d + c] - mean
                sum += weights[i] * u * u
            }
            spread += sum / total
        }
        spread /= Double(d)
        floor = covarianceFloor * (spread > 0 && spread.isFinite ? spread : 1)
        emptyMass = 1e-8 * total / Double(n)
        workspace = Workspace(points: n, components: components, dimension: dimension)
        alive = components
    }

    // MARK: k-means++

    /// k-means++ seeding, then hard assignment to the nearest seed: weights and means of the
    /// clusters, the pooled within-cluster covariance (+ λI) for every component.
    mutating func seed<G: RandomNumberGenerator>(using generator: inout G) {
        let means = workspace.means, distances = workspace.distances, assignment = workspace.assignment
        for j in 0..<k {
            var index: Int
            if j == 0 {
                index = pick(total: totalWeight, using: &generator) { w[$0] }
            } else {
                var total = 0.0
                for i in 0..<n { total += w[i] * distances[i] }
                index = total > 0
                    ? pick(total: total, using: &generator) { w[$0] * distances[$0] }
                    : pick(total: totalWeight, using: &generator) { w[$0] }
            }
            for c in 0..<d { means[j * d + c] = x[index * d + c] }
            for i in 0..<n {
                var distance = 0.0
                for c in 0..<d {
                    let u = x[i * d + c] - means[j * d + c]
                    distance += u * u
                }
                if j == 0 || distance < distances[i] {
                    distances[i] = distance
                    assignment[i] = j
                }
            }
        }
        // Cluster weights and means (an empty cluster, a duplicate seed, keeps its seed).
        let masses = workspace.masses, weights = workspace.weights
        let sums = workspace.covariances  // K·d² ≥ K·d: borrowed for the cluster sums
        for e in 0..<(k * d) { sums[e] = 0 }
        for j in 0..<k { masses[j] = 0 }
        for i in 0..<n {
            let j = assignment[i]
            masses[j] += w[i]
            for c in 0..<d { sums[j * d + c] += w[i] * x[i * d + c] }
        }
        for j in 0..<k where masses[j] > 0 {
            for c in 0..<d { means[j * d + c] = sums[j * d + c] / masses[j] }
        }
        // The pooled within-cluster covariance.
        let pooled = workspace.scratch
        for e in 0..<(d * d) { pooled[e] = 0 }
        let difference = workspace.scratch + d * d
        for i in 0..<n {
            let j = assignment[i]
            for c in 0..<d { difference[c] = x[i * d + c] - means[j * d + c] }
            for a in 0..<d {
                for b in 0...a { pooled[a * d + b] += w[i] * difference[a] * difference[b] }
            }
        }
        for a in 0..<d {
            for b in 0...a {
                let value = pooled[a * d + b] / totalWeight + (a == b ? floor : 0)
                pooled[a * d + b] = value
                pooled[b * d + a] = value
            }
        }
        for j in 0..<k {
            weights[j] = masses[j] / totalWeight
            for e in 0..<(d * d) { workspace.covariances[j * d * d + e] = pooled[e] }
        }
    }

    /// An index drawn with probability mass(i)/total, by a linear scan; `total` is Σ mass(i)
    /// summed in index order, and the last index with positive mass absorbs rounding.
    func pick<G: RandomNumberGenerator>(total: Double, using generator: inout G, mass: (Int) -> Double) -> Int {
        let target = generator.nextUniform() * total
        var cumulative = 0.0
        var last = 0
        for i in 0..<n {
            let m = mass(i)
            if m > 0 {
                cumulative += m
                last = i
                if cumulative > target { return i }
            }
        }
        return last
    }

    // MARK: EM

    /// Runs E- and M-steps until the mean log-likelihood changes by at most `tolerance` or
    /// `maximumIterations` M-steps are done.
    mutating func iterate(tolerance: Double, maximumIterations: Int) {
        var previous = -Double.infinity
        while true {
            factorize()
            let logLikelihood = expectation()
            if previous.isFinite && abs(logLikelihood - previous) <= tolerance { break }
            previous = logLikelihood
            if maximization() { previous = -.infinity }
            if iterations >= maximumIterations {
                factorize()
                break
            }
        }
    }

    /// Cholesky factors and log normalisers of the live components. A covariance that fails to
    /// factor in floating point (it is positive definite in exact arithmetic) gets a growing ridge.
    mutating func factorize() {
        let covariances = workspace.covariances, factors = workspace.factors
        for j in 0..<alive {
            let block = j * d * d
            var ridge = 0.0
            var attempts = 0
            while true {
                for e in 0..<(d * d) { factors[block + e] = covariances[block + e] }
                if SmallCholesky.factor(factors + block, dimension: d) != nil { break }
                attempts += 1
                ridge = attempts == 1 ? floor : ridge * 10
                for c in 0..<d { covariances[block + c * d + c] += ridge }
                if attempts > 60 {
                    for e in 0..<(d * d) { covariances[block + e] = 0 }
                    for c in 0..<d { covariances[block + c * d + c] = floor }
                }
            }
            workspace.inverseScales[j] = 1 / factors[block]
            workspace.normalizers[j] = log(workspace.weights[j])
                - SmallCholesky.halfLogDeterminant(factors + block, dimension: d)
                - Double(d) * Self.halfLogTwoPi
        }
    }

    /// Responsibilities of the live components; returns Σ wᵢ ln f(xᵢ) / W.
    ///
    /// Per point: log-densities, their maximum (whose exponential is 1, not computed), and
    /// sᵢ = Σⱼ exp(ℓᵢⱼ − maxⱼ ℓᵢⱼ) ∈ [1, K]. The ln sᵢ are summed as logarithms of running products
    /// over runs of equal weight (flushed before they could overflow), one `log` per few hundred
    /// points instead of one per point.
    func expectation() -> Double {
        let r = workspace.responsibilities, normalizers = workspace.normalizers
        let means = workspace.means, factors = workspace.factors, inverseScales = workspace.inverseScales
        let difference = workspace.scratch + d * d
        let live = alive
        var maximumTerms = 0.0
        var logTerms = 0.0
        var runWeight = w[0], product = 1.0
        for i in 0..<n {
            let row = r + i * k
            var largest = -Double.infinity
            var argmax = 0
            if d == 1 {
                let xi = x[i]
                for j in 0..<live {
                    let z = (xi - means[j]) * inverseScales[j]
                    let value = normalizers[j] - 0.5 * z * z
                    row[j] = value
                    if value > largest { largest = value; argmax = j }
                }
            } else {
                for j in 0..<live {
                    for c in 0..<d { difference[c] = x[i * d + c] - means[j * d + c] }
                    let q = SmallCholesky.squaredMahalanobis(factors + j * d * d, difference, dimension: d)
                    let value = normalizers[j] - 0.5 * q
                    row[j] = value
                    if value > largest { largest = value; argmax = j }
                }
            }
            var sum = 0.0
            for j in 0..<live {
                let e = j == argmax ? 1 : exp(row[j] - largest)
                row[j] = e
                sum += e
            }
            let scale = 1 / sum
            for j in 0..<live { row[j] *= scale }
            maximumTerms += w[i] * largest
            if w[i] != runWeight || product > 1e250 {
                logTerms += runWeight * log(product)
                runWeight = w[i]
                product = 1
            }
            product *= sum
        }
        logTerms += runWeight * log(product)
        return (maximumTerms + logTerms) / totalWeight
    }

    /// The weighted M-step with the collapse rule; returns whether a component was dropped.
    mutating func maximization() -> Bool {
        iterations += 1
        let r = workspace.responsibilities, masses = workspace.masses, means = workspace.means
        let covariances = workspace.covariances, weights = workspace.weights, collapsed = workspace.collapsed
        let live = alive
        if d == 1 {
            // Component by component, so the sums live in registers (k is small, the row stride
            // only skips the other components' responsibilities).
            for j in 0..<live {
                var mass = 0.0, sum = 0.0
                for i in 0..<n {
                    let weight = w[i] * r[i * k + j]
                    mass += weight
                    sum += weight * x[i]
                }
                masses[j] = mass
                collapsed[j] = mass < emptyMass
                guard !collapsed[j] else { continue }
                let mean = sum / mass
                means[j] = mean
                var scatter = 0.0
                for i in 0..<n {
                    let u = x[i] - mean
                    scatter += w[i] * r[i * k + j] * u * u
                }
                covariances[j] = scatter
            }
        } else {
            for j in 0..<live { masses[j] = 0 }
            for e in 0..<(live * d) { means[e] = 0 }
            for i in 0..<n where w[i] > 0 {
                let row = r + i * k
                for j in 0..<live {
                    let weight = w[i] * row[j]
                    masses[j] += weight
                    for c in 0..<d { means[j * d + c] += weight * x[i * d + c] }
                }
            }
            for j in 0..<live {
                collapsed[j] = masses[j] < emptyMass
                if !collapsed[j] {
                    for c in 0..<d { means[j * d + c] /= masses[j] }
                }
            }
            // Centred scatter, lower triangle.
            for e in 0..<(live * d * d) { covariances[e] = 0 }
            let difference = workspace.scratch + d * d
            for i in 0..<n where w[i] > 0 {
                let row = r + i * k
                for j in 0..<live where !collapsed[j] {
                    let weight = w[i] * row[j]
                    for c in 0..<d { difference[c] = x[i * d + c] - means[j * d + c] }
                    let block = covariances + j * d * d
                    for a in 0..<d {
                        let scaled = weight * difference[a]
                        for b in 0...a { block[a * d + b] += scaled * difference[b] }
                    }
                }
            }
        }
        let test = workspace.scratch
        for j in 0..<live where !collapsed[j] {
            let block = covariances + j * d * d
            for a in 0..<d {
                for b in 0...a {
                    let value = block[a * d + b] / masses[j]
                    block[a * d + b] = value
                    block[b * d + a] = value
                }
            }
            for e in 0..<(d * d) { test[e] = block[e] }
            if let smallestPivot = SmallCholesky.factor(test, dimension: d), smallestPivot > floor {
                // not singular
            } else {
                collapsed[j] = true
            }
            for c in 0..<d { block[c * d + c] += floor }
        }
        // Drop the collapsed components; keep the heaviest if every one collapsed (counted once,
        // however many iterations it stays singular).
        var flagged = 0
        for j in 0..<live where collapsed[j] { flagged += 1 }
        var keptCollapsed = false
        if flagged == live {
            var heaviest = 0
            for j in 1..<max(live, 1) where masses[j] > masses[heaviest] { heaviest = j }
            collapsed[heaviest] = false
            keptCollapsed = true
        }
        var survivors = 0
        var survivingMass = 0.0
        for j in 0..<live where !collapsed[j] {
            if survivors != j {
                masses[survivors] = masses[j]
                for c in 0..<d { means[survivors * d + c] = means[j * d + c] }
                for e in 0..<(d * d) { covariances[survivors * d * d + e] = covariances[j * d * d + e] }
            }
            survivingMass += masses[survivors]
            survivors += 1
        }
        for j in 0..<survivors { weights[j] = masses[j] / survivingMass }
        alive = survivors
        let dropped = flagged - (keptCollapsed ? 1 : 0)
        collapsedCount += dropped
        if keptCollapsed && !survivorCollapsed {
            collapsedCount += 1
            survivorCollapsed = true
        }
        return dropped > 0
    }

    /// The fitted mixture of the live components.
    func model() -> GaussianMixture {
        let weights = Array(UnsafeBufferPointer(start: workspace.weights, count: alive))
        let means = Array(UnsafeBufferPointer(start: workspace.means, count: alive * d))
        let covariances = Array(UnsafeBufferPointer(start: workspace.covariances, count: alive * d * d))
        var model = GaussianMixture(weights: weights, means: means, covariances: covariances, dimension: d)
            ?? GaussianMixture(
                weights: [1], means: Array(means.prefix(d)),
                covariances: (0..<(d * d)).map { $0 % (d + 1) == 0 ? floor : 0 }, dimension: d)!
        model.collapsedComponents = collapsedCount
        model.iterations = iterations
        return model
    }
}
