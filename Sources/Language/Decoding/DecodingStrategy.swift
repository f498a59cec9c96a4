/// How a language model turns next-token distributions into a document.
///
/// The order of operations is Hugging Face's: the repetition penalty, then the temperature, then
/// top-k, then top-p.
/// - `greedy`: the most probable token each step (after the repetition penalty).
/// - `beam(width:)`: beam search over whole documents by total log-probability (after the
///   repetition penalty): each step every live hypothesis proposes its `width` best tokens, the
///   `width` best extensions survive, an extension by `</s>` is a finished hypothesis, and the
///   search stops once `width` hypotheses finished (or at the length cap). The winner maximises
///   log P / length^α (α = ``lengthPenalty``, the length counting `</s>`), as Hugging Face's
///   `length_penalty`.
/// - `sample`: a draw from the distribution, with ``temperature`` (p^(1/T), renormalised),
///   ``topK`` (only the k most probable tokens, 0 = all) and ``topP`` (nucleus sampling: the
///   smallest set of most probable tokens whose probability reaches p; Holtzman et al. 2020).
/// The repetition penalty θ (Keskar et al. 2019, CTRL) divides the logit of every token already in
/// the document by θ; an n-gram model's logit is log p < 0, so the penalty is p → p^θ before
/// renormalising. Every document stops at `</s>` or at ``maxLength`` tokens (prompt included).
public struct DecodingStrategy: Sendable, Equatable, Hashable {
    public enum Method: Sendable, Equatable, Hashable {
        case greedy
        case beam(width: Int)
        case sample
    }

    public var method: Method
    /// T > 0; sampling only.
    public var temperature: Double
    /// k ≥ 0, 0 for no limit; sampling only.
    public var topK: Int
    /// p in (0, 1]; sampling only.
    public var topP: Double
    /// θ ≥ 1; 1 for none.
    public var repetitionPenalty: Double
    /// α; beam search only.
    public var lengthPenalty: Double
    /// The longest document, in tokens (prompt included, `</s>` not counted); ≥ 1.
    public var maxLength: Int

    public init(
        method: Method = .sample, temperature: Double = 1, topK: Int = 0, topP: Double = 1,
        repetitionPenalty: Double = 1, lengthPenalty: Double = 1, maxLength: Int = 64
    ) {
        precondition(temperature > 0 && temperature.isFinite, "DecodingStrategy: temperature must be > 0")
        precondition(topK >= 0, "DecodingStrategy: top-k must be ≥ 0")
        precondition(topP > 0 && topP <= 1, "DecodingStrategy: top-p must be in (0, 1]")
        precondition(repetitionPenalty >= 1 && repetitionPenalty.isFinite, "DecodingStrategy: the repetition penalty must be ≥ 1")
        precondition(maxLength >= 1, "DecodingStrategy: the length cap must be ≥ 1")
        if case .beam(let width) = method { precondition(width >= 1, "DecodingStrategy: beam width must be ≥ 1") }
        self.method = method
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.repetitionPenalty = repetitionPenalty
        self.lengthPenalty = lengthPenalty
        self.maxLength = maxLength
    }

    public static func greedy(maxLength: Int = 64, repetitionPenalty: Double = 1) -> DecodingStrategy {
        DecodingStrategy(method: .greedy, repetitionPenalty: repetitionPenalty, maxLength: maxLength)
    }

    public static func beam(width: Int, maxLength: Int = 64, lengthPenalty: Double = 1, repetitionPenalty: Double = 1) -> DecodingStrategy {
        DecodingStrategy(method: .beam(width: width), repetitionPenalty: repetitionPenalty, lengthPenalty: lengthPenalty, maxLength: maxLength)
    }

    public static func sample(
        temperature: Double = 1, topK: Int = 0, topP: Double = 1, repetitionPenalty: Double = 1, maxLength: Int = 64
    ) -> DecodingStrategy {
        DecodingStrategy(method: .sample, temperature: temperature, topK: topK, topP: topP, repetitionPenalty: repetitionPenalty, maxLength: maxLength)
    }

    /// Sampling from the model's own distribution: no temperature, filter or penalty.
    public var isPureSampling: Bool {
        method == .sample && temperature == 1 && topK == 0 && topP == 1 && repetitionPenalty == 1
    }
}
