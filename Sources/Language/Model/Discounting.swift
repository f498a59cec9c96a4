/// The discounts of interpolated Kneser–Ney smoothing.
///
/// - `plain`: one discount per order, D = Y = n₁/(n₁ + 2n₂) (Ney, Essen & Kneser 1994).
/// - `modified`: three discounts per order by the count of the n-gram, D₁ for counts below 1.5,
///   D₂ below 2.5 and D₃₊ above, with D₁ = 1 − 2Y n₂/n₁, D₂ = 2 − 3Y n₃/n₂, D₃₊ = 3 − 4Y n₄/n₃
///   (Chen & Goodman 1998, "An empirical study of smoothing techniques for language modeling",
///   TR-10-98, §3.5).
///
/// n_r counts the n-grams of an order whose occurrence count (continuation count below the top
/// order) is r; weights never enter it (``NGramModel``). A
/// discount that the counts cannot determine (no n-gram counted once…) falls back to the one
/// below it, and every discount D_r is clamped to [0.05, r − 0.05].
public enum Discounting: String, Sendable, CaseIterable {
    case modified
    case plain
}

/// The discounts of one order.
public struct OrderDiscounts: Sendable, Equatable {
    public var one: Double
    public var two: Double
    public var threePlus: Double

    public init(one: Double, two: Double, threePlus: Double) {
        self.one = one
        self.two = two
        self.threePlus = threePlus
    }

    /// The discount of an n-gram with occurrence (or continuation) count `count`.
    @inlinable @inline(__always)
    public func discount(_ count: Double) -> Double {
        count < 1.5 ? one : (count < 2.5 ? two : threePlus)
    }

    /// Estimates the discounts from the counts of counts n₁…n₄.
    public static func estimate(_ n: (Double, Double, Double, Double), discounting: Discounting) -> OrderDiscounts {
        let (n1, n2, n3, n4) = n
        let y = n1 + 2 * n2 > 0 && n1 > 0 ? n1 / (n1 + 2 * n2) : 0.5
        func clamp(_ d: Double, _ r: Double) -> Double { min(max(d, 0.05), r - 0.05) }
        switch discounting {
        case .plain:
            let d = clamp(y, 1)
            return OrderDiscounts(one: d, two: d, threePlus: d)
        case .modified:
            let d1 = clamp(n1 > 0 ? 1 - 2 * y * n2 / n1 : y, 1)
            let d2 = clamp(n2 > 0 ? 2 - 3 * y * n3 / n2 : d1, 2)
            let d3 = clamp(n3 > 0 ? 3 - 4 * y * n4 / n3 : d2, 3)
            return OrderDiscounts(one: d1, two: d2, threePlus: d3)
        }
    }
}
