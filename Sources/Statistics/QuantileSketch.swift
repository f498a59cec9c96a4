/// A deterministic, bounded-memory streaming quantile summary: exact while it holds at most
/// `capacity` values, a hierarchy of compactors with a guaranteed rank error beyond that.
///
/// **Exact phase.** Up to `capacity` values are kept as they are, and ``quantile(_:)`` equals
/// ``Quantile/of(sorted:_:)`` (type 7) of all of them, bit for bit.
///
/// **Compacted phase** (the equal-capacity compactor hierarchy of G. S. Manku, S. Rajagopalan,
/// B. G. Lindsay, "Approximate medians and other quantiles in one pass and with limited memory",
/// SIGMOD 1998, with the compaction step of Z. Karnin, K. Lang, E. Liberty, "Optimal quantile
/// approximation in streams", FOCS 2016, made deterministic). Level h holds items that each stand
/// for 2ʰ values. When a level holds more than `capacity` items it is sorted and an even number of
/// them (all, or all but the largest) is halved: the items at even positions (offset 0) or at odd
/// positions (offset 1) move up one level with twice the weight. For any y, a compaction of weight
/// w changes the estimated number of values ≤ y by 0 or +w (offset 0) or by 0 or −w (offset 1).
/// The offset is chosen deterministically to balance the two: offset 0 when the total weight of
/// earlier offset-0 compactions is not larger than that of offset-1 compactions, else offset 1.
/// No randomness is involved, so the same values in the same order give bit-identical state.
///
/// **Queries.** The items, sorted, are placed at the centres of the rank ranges their weights
/// cover (item i of weight wᵢ at `Σ_{j<i} wⱼ + (wᵢ − 1)/2`; the exact minimum at rank 0 and the
/// exact maximum at rank n − 1 are kept aside), and the quantile at rank h = (n − 1)p is
/// interpolated linearly between the two neighbouring items. With unit weights this is type 7.
///
/// **Guarantee.** With n the number of values, q = `quantile(p)` and h = (n − 1)p:
/// `#{x < q} − 1 − ε ≤ h ≤ #{x ≤ q} + ε`, where ε = ``rankErrorBound``
/// `= max(E₊, E₋) + (W − 1)/2`, E₊ and E₋ the total weights of offset-0 and offset-1 compactions
/// and W the largest item weight present. ε = 0 in the exact phase. For a sketch filled by `add`
/// alone, with k = `capacity` and H ≤ ⌊log₂(n/k)⌋ + 2 levels, each level below the top compacts at
/// most n/(k·2ʰ) times, so E₊ + E₋ ≤ (H − 1)n/k, the balancing keeps |E₊ − E₋| ≤ 2^{H−2} ≤ n/k, and
/// `ε ≤ (n/k)·(H + 2)/2 ≤ (n/k)·(log₂(n/k) + 4)/2`.
/// For k = 1024 that is at most 0.52 % of n at n = 10⁵ and 0.68 % at n = 10⁶ (typical errors are
/// ten times smaller). ``merge(_:)`` keeps ``rankErrorBound`` rigorous; it may exceed the a priori
/// figure by at most one compaction weight per merge.
///
/// **Memory.** At most (k + 1) doubles per level, H levels: O(k log(n/k)); 8 KB in the exact phase
/// for k = 1024, about 66 KB at n = 10⁵. (A comparison-based deterministic summary cannot do with
/// o((1/ε) log(εn)) items: Cormode and Veselý, PODS 2020.)
///
/// **Non-finite values.** ±∞ are ordinary items that sort to the ends; NaN values are counted in
/// ``nanCount`` and otherwise ignored. −0.0 is stored as +0.0.
///
/// **Default capacity.** 1024: the default run has 1000 replicates, so each (generation, metric)
/// cell of a default run is summarised exactly, and the sketch stays at 8 KB while exact.
public struct QuantileSketch: Sendable, Equatable, Codable {
    /// The number of items a level may hold before it is compacted.
    public let capacity: Int
    /// Number of (non-NaN) values summarised.
    public private(set) var count: Int
    /// Number of NaN values offered (and ignored).
    public private(set) var nanCount: Int
    /// `levels[h]` holds items of weight 2ʰ, unsorted.
    private var levels: [[Double]]
    private var smallest: Double
    private var largest: Double
    /// Total weight of offset-0 compactions (E₊) and of offset-1 compactions (E₋).
    private var upwardError: Int
    private var downwardError: Int

    /// An empty sketch.
    /// - Parameter capacity: items per level, ≥ 2; the sketch is exact up to this many values.
    public init(capacity: Int = 1024) {
        precondition(capacity >= 2, "QuantileSketch: capacity must be at least 2")
        self.capacity = capacity
        count = 0
        nanCount = 0
        levels = [[]]
        smallest = .infinity
        largest = -.infinity
        upwardError = 0
        downwardError = 0
    }

    /// A sketch of `values`, added in order.
    public init<S: Sequence>(_ values: S, capacity: Int = 1024) where S.Element == Double {
        self.init(capacity: capacity)
        for value in values { add(value) }
    }

    /// Whether the sketch still holds every value (and quantiles are exact).
    public var isExact: Bool { levels.count == 1 }

    /// The bound ε on the rank error of ``quantile(_:)`` (see the type's discussion); 0 while exact.
    public var rankErrorBound: Double {
        let top = levels.lastIndex(where: { !$0.isEmpty }) ?? 0
        let largestWeight = Double(1 << top)
        return Double(max(upwardError, downwardError)) + (largestWeight - 1) / 2
    }

    /// The smallest value added (possibly −∞); NaN when empty.
    public var minimum: Double { count > 0 ? smallest : .nan }

    /// The largest value added (possibly +∞); NaN when empty.
    public var maximum: Double { count > 0 ? largest : .nan }

    /// Number of items stored (the memory in use, in doubles).
    public var storedItemCount: Int { levels.reduce(0) { $0 + $1.count } }

    /// Adds a value.
    /// - Complexity: amortised O(log capacity) (a compaction sorts `capacity` items once every
    ///   `capacity/2` additions at level 0, and geometrically less often above).
    public mutating func add(_ x: Double) {
        if x.isNaN {
            nanCount += 1
            return
        }
        let value = x + 0.0  // −0.0 → +0.0, so that equal values have equal bits
        count += 1
        if value < smallest { smallest = value }
        if value > largest { largest = value }
        levels[0].append(value)
        if levels[0].count > capacity { compactOverfullLevels() }
    }

    /// Adds everything `other` summarises. Both sketches must have the same capacity.
    /// - Complexity: O(stored items · log capacity).
    public mutating func merge(_ other: QuantileSketch) {
        precondition(capacity == other.capacity, "QuantileSketch.merge: capacities differ")
        count += other.count
        nanCount += other.nanCount
        smallest = min(smallest, other.smallest)
        largest = max(largest, other.largest)
        upwardError += other.upwardError
        downwardError += other.downwardError
        for (h, items) in other.levels.enumerated() {
            if h == levels.count { levels.append([]) }
            levels[h].append(contentsOf: items)
        }
        compactOverfullLevels()
    }

    /// The estimated type 7 quantile at probability p (exact while ``isExact``); NaN when empty.
    /// - Complexity: O(s log s) for s stored items.
    public func quantile(_ p: Double) -> Double {
        quantiles([p])[0]
    }

    /// Several quantiles, sorting the stored items once.
    /// - Complexity: O(s log s + k log s) for s stored items and k probabilities.
    public func quantiles(_ probabilities: [Double]) -> [Double] {
        for p in probabilities {
            precondition(!(p < 0) && !(p > 1), "QuantileSketch.quantile: p must be in [0, 1]")
        }
        guard count > 0 else { return probabilities.map { _ in .nan } }
        if isExact {
            var sorted = levels[0]
            RadixSort.sort(&sorted)
            return probabilities.map { Quantile.of(sorted: sorted, $0) }
        }
        var items: [(value: Double, weight: Int)] = []
        items.reserveCapacity(storedItemCount)
        for (h, level) in levels.enumerated() {
            for value in level { items.append((value, 1 << h)) }
        }
        items.sort { $0.value < $1.value || ($0.value == $1.value && $0.weight < $1.weight) }
        var positions = [Double]()
        positions.reserveCapacity(items.count)
        var cumulative = 0
        for item in items {
            positions.append(Double(cumulative) + Double(item.weight - 1) / 2)
            cumulative += item.weight
        }
        let last = Double(count - 1)
        return probabilities.map { p -> Double in
            if p.isNaN { return .nan }
            let h = last * p
            if h <= 0 { return smallest }
            if h >= last { return largest }
            if h < positions[0] {
                return Quantile.interpolate(smallest, items[0].value, h / positions[0])
            }
            if h >= positions[positions.count - 1] {
                let start = positions[positions.count - 1]
                return Quantile.interpolate(items[items.count - 1].value, largest, (h - start) / (last - start))
            }
            // The last i with positions[i] ≤ h.
            var low = 0, high = positions.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if positions[middle] <= h { low = middle } else { high = middle }
            }
            let fraction = (h - positions[low]) / (positions[high] - positions[low])
            return Quantile.interpolate(items[low].value, items[high].value, fraction)
        }
    }

    /// Compacts, bottom-up, every level holding more than `capacity` items.
    private mutating func compactOverfullLevels() {
        var h = 0
        while h < levels.count {
            if levels[h].count > capacity { compact(level: h) }
            h += 1
        }
    }

    private mutating func compact(level h: Int) {
        if h + 1 == levels.count {
            levels.append([])
            levels[h + 1].reserveCapacity(capacity + 1)
        }
        RadixSort.sort(&levels[h])
        let weight = 1 << h
        let offset: Int
        if upwardError <= downwardError {
            offset = 0
            upwardError += weight
        } else {
            offset = 1
            downwardError += weight
        }
        let items = levels[h]
        let held = items.count % 2  // with an odd count the largest item stays behind
        for index in stride(from: offset, to: items.count - held, by: 2) {
            levels[h + 1].append(items[index])
        }
        levels[h].removeAll(keepingCapacity: true)
        if held == 1 { levels[h].append(items[items.count - 1]) }
    }
}
