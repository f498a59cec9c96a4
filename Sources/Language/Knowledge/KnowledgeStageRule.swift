/// The three stages of knowledge collapse (Keisha et al. 2025), measured per replicate against
/// its own first fit (generation 1), which saw only real data.
///
/// With A and F the fact-accuracy and fluency of a generation, A₁, F₁ those of generation 1 and
/// F₀ the reference model's perplexity of real held-out text:
/// - the facts have **fallen** when A < `factsFall` · A₁, or A = 0;
/// - the fluency has **fallen** when F > `fluencyFalls` · max(F₁, F₀), or F is infinite (every
///   generated document empty). The max matters for truncated decoding (top-k, top-p, low
///   temperature), whose first generation writes text more predictable than real text (F₁ < F₀):
///   text that is still more predictable than real text has not become disfluent;
/// - stage 3 if the fluency has fallen; else stage 2 if the facts have fallen; else stage 1.
///
/// Generation 1 is stage 1 unless it knows no fact at all (stage 2) or generates nothing
/// (stage 3). The rule is applied afresh each generation: a stage can go back when real data
/// repair the model.
public struct KnowledgeStageRule: Sendable, Equatable {
    /// The facts fall below this share of generation 1's accuracy; in (0, 1].
    public var factsFall: Double
    /// The fluency falls above this multiple of max(generation 1's, real text's) perplexity; ≥ 1.
    public var fluencyFalls: Double

    public init(factsFall: Double = 0.5, fluencyFalls: Double = 1.75) {
        self.factsFall = factsFall
        self.fluencyFalls = fluencyFalls
    }

    /// The stage of a generation with accuracy `accuracy` and fluency `fluency`.
    public func stage(
        accuracy: Double, fluency: Double, firstAccuracy: Double, firstFluency: Double, realFluency: Double
    ) -> Int {
        let yardstick = max(firstFluency, realFluency)
        let fluencyFell = !fluency.isFinite || (yardstick.isFinite && fluency > fluencyFalls * yardstick)
        if fluencyFell { return 3 }
        let factsFell = accuracy == 0 || accuracy < factsFall * firstAccuracy
        return factsFell ? 2 : 1
    }
}
