#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ModelCollapse

/// The metrics of a fitted categorical model against the truth. See ``CategoricalMetric``.
///
/// Every metric but `mean-loss-generation` and `first-fit-distance` visits only the model's
/// categories with mass (``CategoricalModel/aliveCategories``): O(support), not O(K), so a
/// collapsing model gets cheaper to measure. For the truth p and model q with support A:
/// TV = ½[Σ_A |pᵢ − qᵢ| + (1 − Σ_A pᵢ)]; KL = ∞ if the truth has mass outside A, else
/// Σ p ln p − Σ_A pᵢ ln qᵢ.
public struct CategoricalEvaluation: Evaluation {
    public var truth: DiscreteTruth
    public var metrics: [CategoricalMetric]

    public init(truth: DiscreteTruth, metrics: [CategoricalMetric]) {
        self.truth = truth
        self.metrics = metrics
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        var model = CategoricalModel(probabilities: truth.probabilities)
        model.probabilities = truth.probabilities  // exactly, not renormalised
        evaluate(model, previous: [Double](repeating: 0, count: metrics.count), into: &values)
    }

    public func evaluate(_ model: CategoricalModel, previous: [Double], into values: inout [Double]) {
        truth.probabilities.withUnsafeBufferPointer { p in
            model.probabilities.withUnsafeBufferPointer { q in
                model.aliveCategories.withUnsafeBufferPointer { alive in
                    for (index, metric) in metrics.enumerated() {
                        values[index] = value(of: metric, truth: p, model: q, alive: alive, lineage: model.lineage)
                    }
                }
            }
        }
    }

    @inlinable
    func value(
        of metric: CategoricalMetric, truth p: UnsafeBufferPointer<Double>, model q: UnsafeBufferPointer<Double>,
        alive: UnsafeBufferPointer<Int32>, lineage: CategoryLineage
    ) -> Double {
        switch metric {
        case .tv:
            var differences = 0.0, covered = 0.0
            for i in alive {
                let j = Int(i)
                differences += abs(p[j] - q[j])
                covered += p[j]
            }
            return 0.5 * (differences + max(0, 1 - covered))
        case .kl:
            if supportLost(p, alive) > 0 { return .infinity }
            var crossEntropy = 0.0
            for i in alive where p[Int(i)] > 0 { crossEntropy += p[Int(i)] * log(q[Int(i)]) }
            return max(0, truth.negativeEntropy - crossEntropy)
        case .entropy:
            var sum = 0.0
            for i in alive { sum -= q[Int(i)] * log(q[Int(i)]) }
            return max(0, sum)
        case .collision:
            var sum = 0.0
            for i in alive { sum += q[Int(i)] * q[Int(i)] }
            return sum
        case .support: return Double(alive.count)
        case .supportLost: return Double(supportLost(p, alive))
        case .tailMass:
            return truth.tailWeights.withUnsafeBufferPointer { t in
                var sum = 0.0
                for i in alive { sum += t[Int(i)] * q[Int(i)] }
                return sum
            }
        case .collapsed: return alive.count <= 1 ? 1 : 0
        case .meanLossGeneration:
            return lineage.lostAt.withUnsafeBufferPointer {
                DiscreteMeasures.meanLossGeneration(p, lostAt: $0, generation: lineage.generation)
            }
        case .firstFitDistance:
            return lineage.firstFit.withUnsafeBufferPointer { DiscreteMeasures.squaredDistance(q, $0) }
        }
    }

    /// The truth's categories outside the model's support: |supp p| − |supp p ∩ A|.
    @inlinable
    func supportLost(_ p: UnsafeBufferPointer<Double>, _ alive: UnsafeBufferPointer<Int32>) -> Int {
        var kept = 0
        for i in alive where p[Int(i)] > 0 { kept += 1 }
        return truth.support - kept
    }
}
