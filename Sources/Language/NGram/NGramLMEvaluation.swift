import ModelCollapse
import Randomness

/// The metrics of each generation of the `ngram-lm` family (``NGramLMMetric``).
public struct NGramLMEvaluation: Evaluation {
    public typealias Model = NGramModel

    public let metrics: [NGramLMMetric]
    public let heldOut: DocumentBatch
    /// The documents the detector metrics use as human text (held-out, as many as the sample).
    public let heldOutSample: DocumentBatch
    public let sampler: DocumentSampler
    /// Evaluation sample size, and how many of its documents Self-BLEU uses.
    public let sampleSize: Int
    public let selfBLEUSize: Int
    public let rareTypes: [TokenID]
    public let detector: DetectorTraining?
    /// The model of generation 0's perplexity (trained on n(0) documents spread through the pool).
    public let realModel: NGramModel

    public init(
        metrics: [NGramLMMetric], heldOut: DocumentBatch, sampler: DocumentSampler, sampleSize: Int, selfBLEUSize: Int,
        rareTypes: [TokenID], detector: DetectorTraining?, realModel: NGramModel
    ) {
        precondition(!metrics.contains(where: \.needsDetector) || detector != nil, "NGramLMEvaluation: detector metrics need a detector")
        self.metrics = metrics
        self.heldOut = heldOut
        self.heldOutSample = heldOut.selecting(0..<min(sampleSize, heldOut.count))
        self.sampler = sampler
        self.sampleSize = sampleSize
        self.selfBLEUSize = selfBLEUSize
        self.rareTypes = rareTypes
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

    public func evaluate(_ model: NGramModel, previous: [Double], into values: inout [Double]) {
        var generator = Xoshiro256StarStar(seed: 0)
        var state: Void = ()
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    public func evaluate<G: RandomNumberGenerator>(
        _ model: NGramModel, previous: [Double], state: inout Void, using generator: inout G, into values: inout [Double]
    ) {
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
                var lost = 0
                for w in rareTypes where !model.observed(w) { lost += 1 }
                values[m] = rareTypes.isEmpty ? 0 : Double(lost) / Double(rareTypes.count)
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
