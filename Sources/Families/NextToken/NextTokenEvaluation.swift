import ModelCollapse

/// The discrete metrics of a next-token model, per context and averaged with the contexts' visiting
/// frequencies: KL and TV become those of the joint (context, token) distributions, entropy the
/// conditional entropy H(token | context), `collapsed` the visited share of contexts left with a
/// single token, `support` and `support-lost` the expected numbers per visited context.
public struct NextTokenEvaluation: Evaluation {
    public var contexts: Int
    public var tokens: Int
    /// One truth row per context.
    public var truthRows: [DiscreteTruth]
    public var visits: [Double]
    public var metrics: [CategoricalMetric]

    public init(truth: NextTokenModel, visits: ContextVisits, metrics: [CategoricalMetric]) {
        contexts = truth.contexts
        tokens = truth.tokens
        truthRows = (0..<truth.contexts).map { c in
            DiscreteTruth(probabilities: Array(truth.probabilities[(c * truth.tokens)..<((c + 1) * truth.tokens)]))
        }
        self.visits = visits.frequencies
        self.metrics = metrics
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        let weights = truthRows.flatMap(\.probabilities)
        var model = NextTokenModel(contexts: contexts, tokens: tokens, weights: weights, lineage: .real)
        model.probabilities = weights  // exactly, not renormalised
        evaluate(model, previous: [Double](repeating: 0, count: metrics.count), into: &values)
    }

    public func evaluate(_ model: NextTokenModel, previous: [Double], into values: inout [Double]) {
        for index in metrics.indices { values[index] = 0 }
        let lineage = model.lineage
        model.probabilities.withUnsafeBufferPointer { all in
            lineage.lostAt.withUnsafeBufferPointer { allLost in
                lineage.firstFit.withUnsafeBufferPointer { allFirst in
                    for c in 0..<contexts {
                        let f = visits[c]
                        let range = (c * tokens)..<((c + 1) * tokens)
                        let q = UnsafeBufferPointer(rebasing: all[range])
                        let lost = allLost.isEmpty ? allLost : UnsafeBufferPointer(rebasing: allLost[range])
                        let first = allFirst.isEmpty ? allFirst : UnsafeBufferPointer(rebasing: allFirst[range])
                        let row = truthRows[c]
                        row.probabilities.withUnsafeBufferPointer { p in
                            for (index, metric) in metrics.enumerated() {
                                values[index] += f * value(of: metric, row: row, truth: p, model: q, lostAt: lost, firstFit: first, generation: lineage.generation)
                            }
                        }
                    }
                }
            }
        }
    }

    func value(
        of metric: CategoricalMetric, row: DiscreteTruth, truth p: UnsafeBufferPointer<Double>,
        model q: UnsafeBufferPointer<Double>, lostAt: UnsafeBufferPointer<Int32>,
        firstFit: UnsafeBufferPointer<Double>, generation: Int
    ) -> Double {
        switch metric {
        case .tv: return DiscreteMeasures.totalVariation(p, q)
        case .kl: return DiscreteMeasures.kullbackLeibler(p, q, negativeEntropy: row.negativeEntropy)
        case .entropy: return DiscreteMeasures.entropy(q)
        case .collision: return DiscreteMeasures.collision(q)
        case .support: return Double(DiscreteMeasures.support(q))
        case .supportLost: return Double(DiscreteMeasures.supportLost(p, q))
        case .tailMass: return row.tailWeights.withUnsafeBufferPointer { DiscreteMeasures.weightedMass($0, q) }
        case .collapsed: return DiscreteMeasures.support(q) <= 1 ? 1 : 0
        case .meanLossGeneration: return DiscreteMeasures.meanLossGeneration(p, lostAt: lostAt, generation: generation)
        case .firstFitDistance: return DiscreteMeasures.squaredDistance(q, firstFit)
        }
    }
}
