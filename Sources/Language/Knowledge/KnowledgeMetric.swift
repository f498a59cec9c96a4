/// The metrics of the knowledge family: task-centric (the probes), model-centric (perplexity)
/// and text-centric (fluency), and the stage of Keisha et al. (2025)'s three-stage collapse.
public enum KnowledgeMetric: String, Sendable, CaseIterable {
    /// The share of probes (facts × trained formats) whose greedy completion is the fact's answer.
    case factAccuracy = "fact-accuracy"
    /// The accuracy of the probes in the declarative format (trained in it or not).
    case accuracyDeclarative = "accuracy-declarative"
    /// The accuracy of the probes in the question–answer format (trained in it or not).
    case accuracyQuestionAnswer = "accuracy-question-answer"
    /// The accuracy of the probes of the target domain's facts.
    case domainAccuracy = "domain-accuracy"
    /// The accuracy of the probes of the facts outside the target domain.
    case otherAccuracy = "other-accuracy"
    /// The share of probes answered wrongly with an answer probability above the threshold.
    case confidentWrong = "confident-wrong"
    /// The mean probability of the answers given (right or wrong).
    case answerProbability = "answer-probability"
    /// The reference model's perplexity of text the model generates.
    case fluency
    /// The model's perplexity of held-out real text.
    case perplexity
    /// 1, 2 or 3 (see ``KnowledgeStageRule``).
    case stage
    /// The share of generated documents that are empty (only `</s>`).
    case emptyOutput = "empty-output"
    /// Distinct answers given over distinct true answers.
    case distinctAnswers = "distinct-answers"

    /// The metrics a spec gets when it lists none.
    public static let defaults: [KnowledgeMetric] = [
        .factAccuracy, .accuracyDeclarative, .accuracyQuestionAnswer, .confidentWrong, .fluency, .perplexity, .stage,
    ]

    /// The format whose probes a per-format accuracy measures.
    public var format: FactFormat? {
        switch self {
        case .accuracyDeclarative: return .declarative
        case .accuracyQuestionAnswer: return .questionAnswer
        default: return nil
        }
    }

    /// Whether the metric needs a target domain.
    public var needsTargetDomain: Bool { self == .domainAccuracy || self == .otherAccuracy }

    /// One line for `collapse families`.
    public var summary: String {
        switch self {
        case .factAccuracy: return "share of probes (facts × trained formats) whose greedy completion is the fact's answer"
        case .accuracyDeclarative: return "accuracy of the declarative probes ('a kill is a kind of' → 'destruction .'), whether or not facts are trained in that format"
        case .accuracyQuestionAnswer: return "accuracy of the question–answer probes ('q: what is a kill? a:' → 'a kind of destruction .'), whether or not facts are trained in that format"
        case .domainAccuracy: return "fact-accuracy of the target domain's facts (needs target-domain, except under metrics: all, where no target domain means every fact)"
        case .otherAccuracy: return "fact-accuracy of the facts outside the target domain (needs target-domain; 0 when no fact is outside it)"
        case .confidentWrong: return "share of probes (trained formats) answered wrongly with the answer's probability above confidence (\"confidently wrong\")"
        case .answerProbability: return "mean probability the model gives its own (greedy) answers, right or wrong: its confidence"
        case .fluency: return "perplexity of generated documents under a reference model trained on held-out real text (inf when every document is empty)"
        case .perplexity: return "the model's perplexity of held-out real text (model-centric)"
        case .stage: return "1: facts and fluency hold; 2: facts fell, fluency holds; 3: fluency fell (thresholds in stages)"
        case .emptyOutput: return "share of generated documents that are empty (the model emits only the end token)"
        case .distinctAnswers: return "distinct answers the probes got over distinct true answers (answers narrowing)"
        }
    }
}
