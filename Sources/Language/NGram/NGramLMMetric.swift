/// The metrics of the `ngram-lm` family.
///
/// Text metrics are measured on an evaluation sample: documents the generation's model writes with
/// the run's decoding and prompts (from the replicate's evaluation stream, so measuring changes no
/// training), counting only the continuations after the prompts. Generation 0 measures real text:
/// the held-out documents' continuations after the same number of prompt tokens, and the
/// perplexity of a model trained on n(0) documents spread evenly through the pool
/// (``LanguageCorpus/evenSubset(_:)``).
public enum NGramLMMetric: String, Sendable, CaseIterable {
    case perplexity
    case distinct2 = "distinct-2", distinct3 = "distinct-3", distinct4 = "distinct-4"
    case rep2 = "rep-2", rep3 = "rep-3", rep4 = "rep-4"
    case selfBLEU = "self-bleu"
    case vocabulary
    case tailLoss = "tail-loss"
    case unigramEntropy = "unigram-entropy"
    case length
    case emptyDocuments = "empty-documents"
    case truncated
    case detectorAccuracy = "detector-accuracy"
    case detectorF1 = "detector-f1"

    public var summary: String {
        switch self {
        case .perplexity: return "per-token perplexity of the held-out real text (no generation trains on it), </s> included"
        case .distinct2, .distinct3, .distinct4: return "distinct \(order!)-grams / all \(order!)-grams over the evaluation sample (Li et al. 2016)"
        case .rep2, .rep3, .rep4: return "mean over documents of 1 − distinct \(order!)-grams / \(order!)-grams (Welleck et al. 2020 seq-rep-n)"
        case .selfBLEU: return "mean BLEU-4 of each of the first self-bleu documents against the others (Zhu et al. 2018), smoothing ε = 0.1"
        case .vocabulary: return "distinct tokens in the evaluation sample"
        case .tailLoss: return "share of the rare real types the replicate's first model saw (the rarest in the pool holding 10% of their tokens) that this model never saw in training (0 at generations 0 and 1)"
        case .unigramEntropy: return "Shannon entropy (nats) of the evaluation sample's token frequencies"
        case .length: return "mean continuation length, tokens"
        case .emptyDocuments: return "share of documents that end at once after the prompt (the model emits only </s>)"
        case .truncated: return "share of documents cut by max-length before </s> (generation 0: real documents longer than it)"
        case .detectorAccuracy: return "accuracy of the detector on the evaluation sample (machine) and as many held-out real documents (generation 0: its validation accuracy)"
        case .detectorF1: return "F1 of the detector, machine text the positive class (generation 0: its validation F1)"
        }
    }

    /// n of the n-gram metrics.
    public var order: Int? {
        switch self {
        case .distinct2, .rep2: return 2
        case .distinct3, .rep3: return 3
        case .distinct4, .rep4: return 4
        default: return nil
        }
    }

    public var needsDetector: Bool { self == .detectorAccuracy || self == .detectorF1 }

    /// Metrics measured on the evaluation sample.
    public var needsSample: Bool { self != .perplexity && self != .tailLoss }

    public static let defaults: [NGramLMMetric] = allCases.filter { !$0.needsDetector }
}
