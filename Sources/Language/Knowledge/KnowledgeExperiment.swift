/// Everything a knowledge-collapse run needs, built from its settings: the real data, the learner
/// and the evaluation, ready for `RunControl.simulate(source:learner:evaluation:plan:)`. The
/// `knowledge` family of the spec builds its runs through this, and so do the tests.
public struct KnowledgeExperiment: Sendable {
    public var data: KnowledgeCorpus.Configuration
    public var order: Int
    public var discounting: Discounting
    public var decoding: DecodingStrategy
    /// The hypernyms whose facts' prompts make synthetic fact documents; nil for every fact.
    public var syntheticHypernyms: [String]?
    /// The share of synthetic documents that complete fact prompts; nil for the real data's share.
    public var factShare: Double?
    public var fluencySample: Int
    public var confidence: Double
    public var stages: KnowledgeStageRule

    public init(
        data: KnowledgeCorpus.Configuration, order: Int = 8, discounting: Discounting = .plain,
        decoding: DecodingStrategy = .sample(maxLength: 40), syntheticHypernyms: [String]? = nil,
        factShare: Double? = nil, fluencySample: Int = 500, confidence: Double = 0.3,
        stages: KnowledgeStageRule = KnowledgeStageRule()
    ) {
        self.data = data
        self.order = order
        self.discounting = discounting
        self.decoding = decoding
        self.syntheticHypernyms = syntheticHypernyms
        self.factShare = factShare
        self.fluencySample = fluencySample
        self.confidence = confidence
        self.stages = stages
    }

    /// The parts of a run.
    public struct Parts: Sendable {
        public var corpus: KnowledgeCorpus
        public var source: KnowledgeSource
        public var learner: KnowledgeLearner
        public var evaluation: KnowledgeEvaluation
    }

    /// Builds the corpus (tokenising the text, training the reference model) and the run's parts.
    public func build(metrics: [KnowledgeMetric]) throws -> Parts {
        let corpus = try KnowledgeCorpus(data)
        let prompts = corpus.trainedProbeIndices(hypernyms: syntheticHypernyms).map { corpus.probes[$0].prompt }
        let share = factShare ?? Double(corpus.factDocumentCount) / Double(corpus.training.count)
        let learner = KnowledgeLearner(
            order: order, vocabularySize: corpus.vocabulary.count, discounting: discounting, decoding: decoding,
            syntheticPrompts: prompts, factShare: share)
        let evaluation = KnowledgeEvaluation(
            metrics: metrics, corpus: corpus, decoding: decoding, fluencySample: fluencySample,
            confidence: confidence, stages: stages)
        return Parts(corpus: corpus, source: KnowledgeSource(documents: corpus.training), learner: learner, evaluation: evaluation)
    }
}
