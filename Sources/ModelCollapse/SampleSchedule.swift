import Foundation

/// How many points generation t's synthetic batch has: n(t).
///
/// Index 0 is the real sample the first model is fitted on; the t-th fitted model (t ≥ 1)
/// generates n(t) points for the (t+1)-th fit. With this numbering the fit t is trained on n(t − 1)
/// points, as in Xu, He & Cheng (2025), "A Probabilistic Perspective on Model Collapse", where
/// E σ_T = σ ∏_{k<T} c(n_k − 1).
///
/// Growing n(t) is the mitigation that paper studies: σ_t → 0 almost surely iff Σ 1/n(t) = ∞, so a
/// constant or linear schedule still collapses while a superlinear one, n(t) ∝ (t+1)^{1+s}, does not.
public enum SampleSchedule: Sendable, Equatable {
    /// n(t) = n.
    case constant(Int)
    /// n(t) = round(initial + slope·t).
    case linear(initial: Int, slope: Double)
    /// n(t) = round(initial·(t + 1)^exponent).
    case power(initial: Int, exponent: Double)
    /// n(t) = round(initial·ratio^t).
    case geometric(initial: Int, ratio: Double)
    /// n(t) = sizes[t]; must cover every index used.
    case list([Int])

    /// The sample size at index t (t = 0 is the real sample), never below 1.
    @inlinable
    public func size(at t: Int) -> Int {
        let value: Double
        switch self {
        case .constant(let n): return max(1, n)
        case .linear(let initial, let slope): value = Double(initial) + slope * Double(t)
        case .power(let initial, let exponent): value = Double(initial) * Foundation.pow(Double(t + 1), exponent)
        case .geometric(let initial, let ratio): value = Double(initial) * Foundation.pow(ratio, Double(t))
        case .list(let sizes): return max(1, sizes[min(t, sizes.count - 1)])
        }
        guard value.isFinite, value < Double(Int.max / 2) else { return Int.max / 2 }
        return max(1, Int(value.rounded()))
    }

    /// The sizes n(0), …, n(count − 1).
    public func sizes(count: Int) -> [Int] { (0..<count).map(size(at:)) }
}

