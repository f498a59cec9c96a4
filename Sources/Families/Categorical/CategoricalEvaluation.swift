import ModelCollapse

/// The metrics of a fitted categorical model against the truth. See ``CategoricalMetric``.
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
                for (index, metric) in metrics.enumerated() {
                    values[index] = value(of: metric, truth: p, model: q, lineage: model.lineage)
                }
            }
        }
    }

    @inlinable
    func value(
        of metric: CategoricalMetric, truth p: UnsafeBufferPointer<Double>, model q: UnsafeBufferPointer<Double>,
        lineage: CategoryLineage
    ) -> Double {
        switch metric {
        case .tv: return DiscreteMeasures.totalVariation(p, q)
        case .kl: return DiscreteMeasures.kullbackLeibler(p, q, negativeEntropy: truth.negativeEntropy)
        case .entropy: return DiscreteMeasures.entropy(q)
        case .collision: return DiscreteMeasures.collision(q)
        case .support: return Double(DiscreteMeasures.support(q))
        case .supportLost: return Double(DiscreteMeasures.supportLost(p, q))
        case .tailMass:
            return truth.tailWeights.withUnsafeBufferPointer { DiscreteMeasures.weightedMass($0, q) }
        case .collapsed: return DiscreteMeasures.support(q) <= 1 ? 1 : 0
        case .meanLossGeneration:
            return lineage.lostAt.withUnsafeBufferPointer {
                DiscreteMeasures.meanLossGeneration(p, lostAt: $0, generation: lineage.generation)
            }
        case .firstFitDistance:
            return lineage.firstFit.withUnsafeBufferPointer { DiscreteMeasures.squaredDistance(q, $0) }
        }
    }
}
