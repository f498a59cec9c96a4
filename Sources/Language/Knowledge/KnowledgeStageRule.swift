/// The three stages of knowledge collapse (Keisha et al. 2025), measured per replicate against
/// its own first fit (generation 1), which saw only real data.
///
/// With A and F the fact-accuracy and fluency of a generation and A₁, F₁ those of generation 1:
/// - the facts have **fallen** when A < `factsFall` · A₁, or A = 0;
/// - the fluency has **fallen** when F > `fluencyFalls` · F₁, or F is infinite (every generated
///   document empty);
/// - stage 3 if the fluency has fallen; else stage 2 if the facts have fallen; else stage 1.
///
/// Generation 1 is stage 1 unless it knows no fact at all (stage 2) or generates nothing
/// (stage 3). The rule is applied afresh each generation: a stage can go back when real data
/// repair the model.
public struct KnowledgeStageRule: Sendable, Equatable {
    /// The facts fall below this share of generation 1's accuracy; in (0, 1].
    public var factsFall: Double
    /// The fluency falls above this multiple of generation 1's perplexity; ≥ 1.
    public var fluencyFalls: Double

    public init(factsFall: Double = 0.5, fluencyFalls: Double = 1.75) {
        self.factsFall = factsFall
        self.fluencyFalls = fluencyFalls
    }

    /// The stage of a generation with accuracy `accuracy` and fluency `fluency`.
    public func stage(accuracy: Double, fluency: Double, firstAccuracy: Double, firstFluency: Double) -> Int {
        let fluencyFell = !fluency.isFinite || (firstFluency.isFinite && fluency > fluencyFalls * firstFluency)
        if fluencyFell { return 3 }
        let factsFell = accuracy == 0 || accuracy < factsFall * firstAccuracy
        return factsFell ? 2 : 1
    }
}
