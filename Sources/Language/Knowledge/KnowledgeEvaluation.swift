import ModelCollapse
import Randomness

/// The metrics of each generation's model (``KnowledgeMetric``): the probes, the fluency of a
/// sample of generated text under the reference model, the model's perplexity of held-out text,
/// and the stage.
///
/// Fluency is exp(−mean log P_ref) over the tokens (and `</s>`) of `fluencySample` documents the
/// model generates from `<s>` with the experiment's decoding strategy, drawn from the replicate's
/// evaluation stream; empty documents are left out (``KnowledgeMetric/emptyOutput`` counts them)
/// and a sample of empty documents only has fluency +∞. Generation 0 describes the real data:
/// accuracies 1, `confident-wrong` 0, `fluency` and `perplexity` the reference model's
/// perplexity of the held-out test text, stage 1, `empty-output` 0, `distinct-answers` 1.
public struct KnowledgeEvaluation: Evaluation {
    public typealias Model = NGramModel

    /// A replicate's generation-1 values, the yardstick of its stages.
    public struct ReplicateState: Sendable {
        public var firstAccuracy: Double?
        public var firstFluency: Double?
    }

    public let metrics: [KnowledgeMetric]
    public let corpus: KnowledgeCorpus
    public let prober: FactProber
    public let decoding: DecodingStrategy
    public let fluencySample: Int
    /// `confident-wrong` counts wrong answers with probability above this.
    public let confidence: Double
    public let stages: KnowledgeStageRule
    /// The probes of the trained formats: what fact-accuracy and the other probe metrics average.
    let trainedProbes: [Int]
    /// The probe indices of each format (``FactFormat/allCases`` order), trained or not.
    let probesByFormat: [[Int]]
    /// The trained probe indices in and outside the target domain.
    let domainProbes: [Int]
    let otherProbes: [Int]
    /// The number of distinct true answers.
    let distinctTrueAnswers: Int

    public init(
        metrics: [KnowledgeMetric], corpus: KnowledgeCorpus, decoding: DecodingStrategy, fluencySample: Int,
        confidence: Double, stages: KnowledgeStageRule
    ) {
        self.metrics = metrics
        self.corpus = corpus
        self.prober = FactProber(probes: corpus.probes, terminator: corpus.terminator)
        self.decoding = decoding
        self.fluencySample = fluencySample
        self.confidence = confidence
        self.stages = stages
        let trained = corpus.probes.indices.filter { corpus.probes[$0].trained }
        trainedProbes = trained
        probesByFormat = FactFormat.allCases.map { format in corpus.probes.indices.filter { corpus.probes[$0].format == format } }
        domainProbes = trained.filter { corpus.probes[$0].inTargetDomain }
        otherProbes = trained.filter { !corpus.probes[$0].inTargetDomain }
        distinctTrueAnswers = Set(trained.map { corpus.probes[$0].answer }).count
    }

    public var metricNames: [String] { metrics.map(\.rawValue) }

    public func evaluateTruth(into values: inout [Double]) {
        for (i, metric) in metrics.enumerated() {
            switch metric {
            case .factAccuracy, .accuracyDeclarative, .accuracyQuestionAnswer, .domainAccuracy, .otherAccuracy:
                values[i] = 1
            case .confidentWrong, .emptyOutput: values[i] = 0
            case .answerProbability: values[i] = 1
            case .fluency, .perplexity: values[i] = corpus.realFluency
            case .stage, .distinctAnswers: values[i] = 1
            }
        }
    }

    public func makeReplicateState<G: RandomNumberGenerator>(using generator: inout G) -> ReplicateState {
        ReplicateState()
    }

    /// Without a replicate state (a direct call): the stage is measured against this model itself.
    public func evaluate(_ model: NGramModel, previous: [Double], into values: inout [Double]) {
        var state = ReplicateState()
        var generator = RandomStream.generator(seed: 0, 0)
        evaluate(model, previous: previous, state: &state, using: &generator, into: &values)
    }

    public func evaluate<G: RandomNumberGenerator>(
        _ model: NGramModel, previous: [Double], state: inout ReplicateState, using generator: inout G,
        into values: inout [Double]
    ) {
        let needsProbes = metrics.contains { $0 != .fluency && $0 != .perplexity && $0 != .emptyOutput }
        let needsFluency = metrics.contains { $0 == .fluency || $0 == .stage || $0 == .emptyOutput }
        let outcomes = needsProbes ? prober.answers(of: model) : []
        var fluency = Double.infinity
        var emptyShare = 0.0
        if needsFluency { (fluency, emptyShare) = measureFluency(model, using: &generator) }
        let accuracy = Self.accuracy(outcomes, indices: outcomes.isEmpty ? [] : trainedProbes)
        if state.firstAccuracy == nil {
            state.firstAccuracy = accuracy
            state.firstFluency = fluency
        }
        for (i, metric) in metrics.enumerated() {
            switch metric {
            case .factAccuracy: values[i] = accuracy
            case .accuracyDeclarative, .accuracyQuestionAnswer:
                let k = FactFormat.allCases.firstIndex(of: metric.format!)!
                values[i] = Self.accuracy(outcomes, indices: probesByFormat[k])
            case .domainAccuracy:
                values[i] = Self.accuracy(outcomes, indices: domainProbes)
            case .otherAccuracy:
                values[i] = Self.accuracy(outcomes, indices: otherProbes)
            case .confidentWrong:
                let count = trainedProbes.reduce(0) { $0 + (!outcomes[$1].correct && outcomes[$1].probability > confidence ? 1 : 0) }
                values[i] = Double(count) / Double(max(trainedProbes.count, 1))
            case .answerProbability:
                values[i] = trainedProbes.reduce(0) { $0 + outcomes[$1].probability } / Double(max(trainedProbes.count, 1))
            case .fluency: values[i] = fluency
            case .perplexity: values[i] = model.perplexity(of: corpus.test)
            case .stage:
                values[i] = Double(stages.stage(
                    accuracy: accuracy, fluency: fluency, firstAccuracy: state.firstAccuracy!,
                    firstFluency: state.firstFluency!, realFluency: corpus.realFluency))
            case .emptyOutput: values[i] = emptyShare
            case .distinctAnswers:
                values[i] = Double(Set(trainedProbes.map { outcomes[$0].answer }).count) / Double(max(distinctTrueAnswers, 1))
            }
        }
    }

    /// The share of correct outcomes among `indices` (0 for none).
    static func accuracy<C: Collection>(_ outcomes: [FactProber.Outcome], indices: C) -> Double where C.Element == Int {
        guard !indices.isEmpty else { return 0 }
        var correct = 0
        for i in indices where outcomes[i].correct { correct += 1 }
        return Double(correct) / Double(indices.count)
    }

    /// The reference perplexity of a generated sample's non-empty documents, and the empty share.
    func measureFluency<G: RandomNumberGenerator>(_ model: NGramModel, using generator: inout G) -> (Double, Double) {
        var textGenerator = TextGenerator(model: model, strategy: decoding)
        var sample = DocumentBatch()
        var empty = 0
        let start: [TokenID] = []
        for _ in 0..<fluencySample {
            let document = textGenerator.generate(prompt: start, using: &generator)
            if document.tokens.isEmpty { empty += 1 } else { sample.append(document: document.tokens) }
        }
        let emptyShare = fluencySample == 0 ? 0 : Double(empty) / Double(fluencySample)
        guard sample.count > 0 else { return (.infinity, emptyShare) }
        return (corpus.reference.perplexity(of: sample), emptyShare)
    }
}
