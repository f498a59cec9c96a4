import Foundation

/// Which pseudo-labelled examples a self-training round keeps, and with what weight, from the
/// network's confidence c = max_k p(k | x) (spec key `selection`).
public enum PseudoLabelSelection: Sendable, Equatable {
    /// Keep every pseudo-label, weight 1.
    case all
    /// Keep those with c ≥ τ, weight 1 (the classic confidence threshold).
    case threshold(Double)
    /// Keep all, weight c^k: soft weights (Sun et al. 2019 weight pseudo-labels softly).
    case soft(power: Double)
    /// Keep all, weight σ(a + b·logit c), a and b learned each round on the labelled set by
    /// cross-fitting (``ConfidenceCalibration``): an estimate of the probability that the
    /// pseudo-label is right — a small stand-in for the soft weighting network Sun et al. meta-learn.
    case learned

    /// The weight of a pseudo-label with confidence c (0 drops it).
    func weight(confidence c: Double, calibration: ConfidenceCalibration?) -> Double {
        switch self {
        case .all: return 1
        case .threshold(let tau): return c >= tau ? 1 : 0
        case .soft(let k): return pow(c, k)
        case .learned: return calibration?.probabilityCorrect(confidence: c) ?? 1
        }
    }
}

/// P(pseudo-label right | confidence c) = σ(a + b·logit c), fitted by penalised logistic regression
/// (Newton's method; the penalty ½λ(a² + b²), λ = 1, keeps the fit finite when every held-out
/// prediction is right).
public struct ConfidenceCalibration: Sendable, Equatable {
    public var intercept: Double
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// logit c, with c clamped to [10⁻⁶, 1 − 10⁻⁶].
    static func logit(_ c: Double) -> Double {
        let p = min(max(c, 1e-6), 1 - 1e-6)
        return log(p / (1 - p))
    }

    public func probabilityCorrect(confidence c: Double) -> Double {
        1 / (1 + exp(-(intercept + slope * Self.logit(c))))
    }

    /// The fit to (confidence, right) pairs.
    public init(confidences: [Double], correct: [Bool], penalty: Double = 1) {
        var a = 0.0, b = 0.0
        let s = confidences.map(Self.logit)
        for _ in 0..<50 {
            // Gradient and Hessian of the penalised negative log-likelihood.
            var ga = penalty * a, gb = penalty * b
            var haa = penalty, hab = 0.0, hbb = penalty
            for i in 0..<s.count {
                let p = 1 / (1 + exp(-(a + b * s[i])))
                let e = p - (correct[i] ? 1 : 0)
                let w = p * (1 - p)
                ga += e
                gb += e * s[i]
                haa += w
                hab += w * s[i]
                hbb += w * s[i] * s[i]
            }
            let det = haa * hbb - hab * hab
            guard det > 0 else { break }
            let da = (hbb * ga - hab * gb) / det
            let db = (haa * gb - hab * ga) / det
            a -= da
            b -= db
            if abs(da) + abs(db) < 1e-10 { break }
        }
        intercept = a
        slope = b
    }
}
