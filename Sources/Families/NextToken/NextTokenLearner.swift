import ModelCollapse
import Randomness

/// Fits a counting next-token model (Seddik et al. 2024) and generates from it.
///
/// Per context c, with weighted counts w(c, v) = Σ_parts weight·n(c, v) and W(c) = Σ_v w(c, v):
/// MLE p(v | c) = w(c, v)/W(c), add-k (w(c, v) + k)/(W(c) + kV). A context that got no data in this
/// training set keeps the distribution of the model that drew the synthetic data (the first fit,
/// which has no earlier model: uniform) — no evidence, no change. Generation splits the budget of n
/// tokens across contexts by ``ContextAllocation`` and draws each context's tokens as one
/// multinomial vector (or point by point on the sample path).
public struct NextTokenLearner: Learner {
    public typealias Batch = ContextTokenCounts
    public var contexts: Int
    public var tokens: Int
    public var visits: ContextVisits
    public var allocation: ContextAllocation
    public var estimator: CategoricalEstimator
    public var sampling: DiscreteSampling

    public init(
        contexts: Int, tokens: Int, visits: ContextVisits, allocation: ContextAllocation,
        estimator: CategoricalEstimator, sampling: DiscreteSampling = .multinomial
    ) {
        self.contexts = contexts
        self.tokens = tokens
        self.visits = visits
        self.allocation = allocation
        self.estimator = estimator
        self.sampling = sampling
    }

    public func fit(_ trainingSet: TrainingSet<ContextTokenCounts>) -> NextTokenModel {
        let size = contexts * tokens
        var weights = [Double](repeating: 0, count: size)
        var contextWeights = [Double](repeating: 0, count: contexts)
        for part in trainingSet.parts where part.batch.total > 0 && part.weight > 0 {
            let weight = part.weight
            for i in 0..<size { weights[i] += weight * Double(part.batch.counts[i]) }
            for c in 0..<contexts { contextWeights[c] += weight * Double(part.batch.contextTotals[c]) }
        }
        let lineage = CategoryLineage.newest(trainingSet.parts.lazy.map(\.batch.lineage))
        let pseudo = estimator.pseudoCount
        for c in 0..<contexts {
            let base = c * tokens
            if contextWeights[c] > 0 {
                if pseudo > 0 { for v in 0..<tokens { weights[base + v] += pseudo } }
            } else if lineage.drawingModel.count == size {
                for v in 0..<tokens { weights[base + v] = lineage.drawingModel[base + v] }
            } else {
                for v in 0..<tokens { weights[base + v] = 1 }
            }
        }
        var model = NextTokenModel(contexts: contexts, tokens: tokens, weights: weights, lineage: .real)
        model.lineage = lineage.next(probabilities: model.probabilities, keepDrawingModel: true)
        return model
    }

    @inlinable
    public func sample<G: RandomNumberGenerator>(
        from model: NextTokenModel, count: Int, into batch: inout ContextTokenCounts, using generator: inout G
    ) {
        batch.draw(
            from: model, count: count, visits: visits, allocation: allocation, pointwise: sampling == .points,
            using: &generator)
    }

    public var supportsIncrementalUpdate: Bool { true }

    /// p(· | c) ← (1 − a)·p_previous(· | c) + a·p̂(· | c), every context.
    public func interpolate(from previous: NextTokenModel, toward fitted: NextTokenModel, step a: Double) -> NextTokenModel {
        let weights = zip(previous.probabilities, fitted.probabilities).map { (1 - a) * $0 + a * $1 }
        var model = NextTokenModel(contexts: contexts, tokens: tokens, weights: weights, lineage: .real)
        model.lineage = previous.lineage.next(probabilities: model.probabilities, keepDrawingModel: true)
        return model
    }
}
