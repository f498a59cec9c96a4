import ModelCollapse
import Randomness

/// Fits a categorical distribution to weighted count vectors and samples from it.
///
/// Weighted counts wᵢ = Σ_parts weight · countᵢ, W = Σ wᵢ; MLE pᵢ = wᵢ/W, add-k
/// pᵢ = (wᵢ + k)/(W + kK). Under the MLE and regime `replace` this is Wright–Fisher resampling
/// (RESEARCH.md §6): E[1 − Σpᵢ²] shrinks by (1 − 1/n) per generation and category j fixes with
/// probability p_{0,j}. A lost category is data, not an error: the model has pᵢ = 0, the lineage
/// records the generation of the loss, the KL from the truth is +∞.
public struct CategoricalLearner: Learner {
    public typealias Batch = CategoryCounts
    public var categoryCount: Int
    public var estimator: CategoricalEstimator
    public var sampling: DiscreteSampling

    public init(categoryCount: Int, estimator: CategoricalEstimator, sampling: DiscreteSampling = .multinomial) {
        self.categoryCount = categoryCount
        self.estimator = estimator
        self.sampling = sampling
    }

    @inlinable
    public func fit(_ trainingSet: TrainingSet<CategoryCounts>) -> CategoricalModel {
        let k = categoryCount
        let pseudo = estimator.pseudoCount
        let lineage = CategoryLineage.newest(trainingSet.parts.lazy.map(\.batch.lineage))
        // The common case of a replace regime: one part, unweighted, with its occupied categories
        // known — visit only those.
        if pseudo == 0, trainingSet.parts.count == 1, let part = trainingSet.parts.first,
           let occupied = part.batch.occupied, part.weight > 0, part.batch.total > 0 {
            var weights = [Double](repeating: 0, count: k)
            weights.withUnsafeMutableBufferPointer { w in
                part.batch.counts.withUnsafeBufferPointer { c in
                    for i in occupied { w[Int(i)] = Double(c[Int(i)]) }
                }
            }
            var model = CategoricalModel(weights: weights, candidates: occupied, lineage: .real)
            model.lineage = lineage.next(probabilities: model.probabilities, alive: model.aliveCategories)
            return model
        }
        var weights = [Double](repeating: pseudo, count: k)
        var total = pseudo * Double(k)
        weights.withUnsafeMutableBufferPointer { w in
            for part in trainingSet.parts where part.batch.total > 0 && part.weight > 0 {
                let weight = part.weight
                total += weight * Double(part.batch.total)
                part.batch.counts.withUnsafeBufferPointer { c in
                    if weight == 1 {
                        for i in 0..<k { w[i] += Double(c[i]) }
                    } else {
                        for i in 0..<k { w[i] += weight * Double(c[i]) }
                    }
                }
            }
        }
        guard total > 0 else {
            // No data and no smoothing (every part had weight 0): the uninformed uniform model.
            var model = CategoricalModel(weights: [Double](repeating: 1, count: k), lineage: .real)
            model.lineage = lineage.next(probabilities: model.probabilities, alive: model.aliveCategories)
            return model
        }
        var model = CategoricalModel(weights: weights, lineage: .real)
        model.lineage = lineage.next(probabilities: model.probabilities, alive: model.aliveCategories)
        return model
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: CategoricalModel, count: Int, into batch: inout CategoryCounts, using generator: inout G
    ) {
        batch.draw(from: model, count: count, pointwise: sampling == .points, using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// p ← (1 − a)·p_previous + a·p̂: a category comes back as soon as either has mass.
    public func interpolate(from previous: CategoricalModel, toward fitted: CategoricalModel, step a: Double) -> CategoricalModel {
        var weights = [Double](repeating: 0, count: categoryCount)
        for i in 0..<categoryCount {
            weights[i] = (1 - a) * previous.probabilities[i] + a * fitted.probabilities[i]
        }
        var model = CategoricalModel(weights: weights, lineage: .real)
        // The fit continued the lineage of the previous model's batch; so does the update.
        model.lineage = previous.lineage.next(probabilities: model.probabilities, alive: model.aliveCategories)
        return model
    }
}
