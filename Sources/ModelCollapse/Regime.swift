/// How generation t's training set is composed from synthetic and real data.
///
/// The regimes of the literature: replacing the data with each generation's synthetic batch
/// (Shumailov et al. 2024), accumulating every batch (Gerstgrasser et al. 2024: the error stays
/// bounded), accumulating and subsampling to a fixed budget (Kazdan et al.), mixing in real data
/// (Bertrand et al. 2024; Seddik et al. 2024), fresh real data each generation and weighting real
/// against synthetic data (He, Xu & Cheng 2025).
public struct Regime: Sendable, Equatable {
    /// What happens to earlier synthetic batches.
    public enum Synthetic: Sendable, Equatable {
        /// Only the newest synthetic batch is used.
        case replace
        /// Every synthetic batch so far is used.
        case accumulate
        /// A uniform subsample, without replacement, of this many points from every synthetic
        /// batch so far (all of them while fewer).
        case accumulateSubsample(Int)
    }

    /// Which real data join the synthetic data.
    public enum Real: Sendable, Equatable {
        /// None: after the first fit, training is on synthetic data only.
        case none
        /// The original real sample (the first fit's training set) stays in every training set.
        case keep
        /// This many fresh real points each generation (drawn from the source; from a finite real
        /// data set, a subsample of it without replacement).
        case fresh(Int)
        /// A fraction P of every training set is real: round(P/(1 − P)·|synthetic part|) real
        /// points, drawn as for `fresh`.
        case fraction(Double)
    }

    public var synthetic: Synthetic
    public var real: Real
    /// The real part's share of the total weight in a weighted fit, in [0, 1]; nil fits every
    /// point with weight 1.
    public var realWeight: Double?

    public init(synthetic: Synthetic, real: Real, realWeight: Double? = nil) {
        self.synthetic = synthetic
        self.real = real
        self.realWeight = realWeight
    }

    /// `replace`: {synthetic: replace, real: none}.
    public static let replace = Regime(synthetic: .replace, real: .none)
    /// `accumulate`: {synthetic: accumulate, real: keep} (Gerstgrasser et al. 2024).
    public static let accumulate = Regime(synthetic: .accumulate, real: .keep)
    /// `accumulate-subsample`: {synthetic: {accumulate-subsample: SIZE}, real: keep}.
    public static func accumulateSubsample(_ size: Int) -> Regime {
        Regime(synthetic: .accumulateSubsample(size), real: .keep)
    }

    /// Whether composing the training set needs to subsample individual points (impossible on the
    /// sufficient-statistics path) given whether the real source can draw fresh points.
    public func needsSubsampling(realSourceCanDrawFresh: Bool) -> Bool {
        if case .accumulateSubsample = synthetic { return true }
        switch real {
        case .none, .keep: return false
        case .fresh, .fraction: return !realSourceCanDrawFresh
        }
    }

    /// The number of real points joined to a synthetic part of `syntheticCount` points.
    public func realCount(syntheticCount: Int, keptCount: Int) -> Int {
        switch real {
        case .none: return 0
        case .keep: return keptCount
        case .fresh(let count): return count
        case .fraction(let p):
            guard p > 0 else { return 0 }
            return Int((p / (1 - p) * Double(syntheticCount)).rounded())
        }
    }
}
