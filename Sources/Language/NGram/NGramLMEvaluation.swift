import ModelCollapse
import Randomness

/// The metrics of each generation of the `ngram-lm` family (``NGramLMMetric``).
public struct NGramLMEvaluation: Evaluation {
    public typealias Model = NGramModel

    /// A replicate's rare real types, fixed at its first generation (``NGramLMMetric/tailLoss``).
    public struct ReplicateState: Sendable {
        public var rareTypes: [TokenID]?
    }

    public let metrics: [NGramLMMetric]
    public let heldOut: DocumentBatch
    /// The documents the detector metrics use as human text (held-out, as many as the sample).
    public let heldOutSample: DocumentBatch
    public let sampler: DocumentSampler
    /// Evaluation sample size, and how many of its documents Self-BLEU uses.
    public let sampleSize: Int
    public let selfBLEUSize: Int
    /// Token counts of the real training pool (index = token id).
    public let poolCounts: [Int]
    public let detector: DetectorTraining?
    /// The model of generation 0's perplexity (trained on n(0) documents spread through the pool).
    public let realModel: NGramModel

    public init(
        metrics: [NGramLMMetric], heldOut: DocumentBatch, sampler: DocumentSampler, sampleSize: Int, selfBLEUSize: Int,
        poolCounts: [Int], detector: DetectorTraining?, realModel: NGramModel
    ) {
        precondition(!metrics.contains(where: \.needsDetector) || detector != nil, "NGramLMEvaluation: detector metrics need a detector")
        self.metrics = metrics
        self.heldOut = heldOut
        self.heldOutSample = heldOut.selecting(0..<min(sampleSize, heldOut.count))
        self.sampler = sampler
        self.sampleSize = sampleSize
        self.selfBLEUSize = selfBLEUSize
        self.poolCounts = poolCounts
        self.detector = detector
        self.realModel = realModel
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        var continuations = DocumentBatch()
        var truncated = 0
        for i in 0..<heldOutSample.count {
            let document = heldOutSample[i]
            continuations.append(document: document.dropFirst(sampler.promptLength))
            if document.count > sampler.strategy.maxLength { truncated += 1 }
        }
        let sample = heldOutSample.count
        let ended = (0..<sample).map { heldOutSample.length(of: $0) <= sampler.strategy.maxLength }
        for (m, metric) in metrics.enumerated() {
            switch metric {
            case .perplexity: values[m] = realModel.perplexity(of: heldOut)
            case .tailLoss: values[m] = 0
            case .truncated: values[m] = sample == 0 ? 0 : Double(truncated) / Double(sample)
            case .detectorAccuracy: values[m] = detector!.validationAccuracy
            case .detectorF1: values[m] = detector!.validationF1
            default: values[m] = textMetric(metric, continuations: continuations, ended: ended)
            }
        }
    }

    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState {
        ReplicateState(rareTypes: nil)
    }

    /// Without a replicate's state: a fixed evaluation stream, and the tail taken from this model.
    public func evaluate(_ model: NGramModel, previous: [Double], into values: inout [Double]) {
        var generator = Xoshiro256StarStar(seed: 0)
        var state = ReplicateState(rareTypes: nil)
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    /// The rare real types a first model saw: among the types it observed, by increasing count in
    /// the real pool (ties by decreasing id), the smallest set holding 10% of their pool tokens.
    public func rareTypes(seenBy model: NGramModel) -> [TokenID] {
        let types = model.observedTokens.filter { $0 > Vocabulary.documentEnd && poolCounts[Int($0)] > 0 }
        let total = types.reduce(0) { $0 + poolCounts[Int($1)] }
        let ordered = types.sorted { poolCounts[Int($0)] != poolCounts[Int($1)] ? poolCounts[Int($0)] < poolCounts[Int($1)] : $0 > $1 }
        var result: [TokenID] = [], mass = 0
        for w in ordered {
            if Double(mass) >= 0.1 * Double(total) { break }
            result.append(w)
            mass += poolCounts[Int(w)]
        }
        return result
    }

    public func evaluate<G: RandomNumberGenerator>(
        _ model: NGramModel, previous: [Double], state: inout ReplicateState, using generator: inout G, into values: inout [Double]
    ) {
        if state.rareTypes == nil, metrics.contains(.tailLoss) { state.rareTypes = rareTypes(seenBy: model) }
        let sample = metrics.contains(where: \.needsSample)
            ? sampler.generate(from: model, count: sampleSize, using: &generator) : GeneratedSample()
        var detectorScore: (accuracy: Double, f1: Double)?
        if metrics.contains(where: \.needsDetector), let detector {
            detectorScore = detector.detector.score(human: heldOutSample, machine: sample.documents)
        }
        for (m, metric) in metrics.enumerated() {
            switch metric {
            case .perplexity: values[m] = model.perplexity(of: heldOut)
            case .tailLoss:
                let rare = state.rareTypes ?? []
                var lost = 0
                for w in rare where !model.observed(w) { lost += 1 }
                values[m] = rare.isEmpty ? 0 : Double(lost) / Double(rare.count)
            case .detectorAccuracy: values[m] = detectorScore!.accuracy
            case .detectorF1: values[m] = detectorScore!.f1
            default: values[m] = textMetric(metric, continuations: sample.continuations, ended: sample.ended)
            }
        }
    }

    func textMetric(_ metric: NGramLMMetric, continuations: DocumentBatch, ended: [Bool]) -> Double {
        let count = continuations.count
        switch metric {
        case .distinct2, .distinct3, .distinct4: return TextStatistics.distinct(continuations, n: metric.order!)
        case .rep2, .rep3, .rep4: return TextStatistics.repetition(continuations, n: metric.order!)
        case .selfBLEU: return TextStatistics.selfBLEU(continuations.selecting(0..<min(selfBLEUSize, count)))
        case .vocabulary: return Double(TextStatistics.types(continuations))
        case .unigramEntropy: return TextStatistics.unigramEntropy(continuations)
        case .length: return count == 0 ? 0 : Double(continuations.tokenCount) / Double(count)
        case .emptyDocuments:
            var empty = 0
            for i in 0..<count where continuations.length(of: i) == 0 && ended[i] { empty += 1 }
            return count == 0 ? 0 : Double(empty) / Double(count)
        case .truncated:
            return count == 0 ? 0 : Double(ended.filter { !$0 }.count) / Double(count)
        case .perplexity, .tailLoss, .detectorAccuracy, .detectorF1:
            preconditionFailure("not a text metric")
        }
    }
}
