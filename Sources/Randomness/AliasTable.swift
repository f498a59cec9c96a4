/// A categorical distribution over the indices 0 ..< K, `P(i) = w_i / Σ w`, by Walker's alias
/// method in Vose's construction: O(K) setup, O(1) per draw.
///
/// M. D. Vose, "A linear algorithm for generating random numbers with a given distribution",
/// IEEE Trans. Softw. Eng. 17(9), 1991, https://doi.org/10.1109/32.92917 (after A. J. Walker,
/// ACM Trans. Math. Softw. 3(3), 1977). Each of the K columns holds an index i, a cut `q_i` and an
/// alias `a_i`; a draw picks a column uniformly (Lemire's unbiased bounded integer, the standard
/// library's `next(upperBound:)`) and a uniform U, and returns `U < q_i ? i : a_i`. A weight of 0
/// gets the cut 0 exactly and is never returned; its column's alias has a positive weight.
/// The probabilities are exact up to the rounding of the cuts (≈ K · 10⁻¹⁶).
///
/// - Precondition: at least one weight; all finite and ≥ 0 with a positive, finite sum.
public struct AliasTable: Sampler, Sendable, Hashable {
    @usableFromInline
    struct Column: Sendable, Hashable {
        @usableFromInline var cut: Double
        @usableFromInline var alias: Int

        @inlinable
        init(cut: Double, alias: Int) {
            self.cut = cut
            self.alias = alias
        }
    }

    @usableFromInline let columns: [Column]
    /// The normalised probabilities `w_i / Σ w`.
    public let probabilities: [Double]

    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "AliasTable: needs at least one weight")
        precondition(weights.allSatisfy { $0.isFinite && $0 >= 0 }, "AliasTable: weights must be finite and ≥ 0")
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "AliasTable: weights must have a positive, finite sum")
        let k = weights.count
        probabilities = weights.map { $0 / total }
        var scaled = weights.map { $0 * Double(k) / total }
        let heaviest = weights.indices.max { weights[$0] < weights[$1] }!
        var columns = [Column](repeating: Column(cut: 1, alias: 0), count: k)
        var small: [Int] = []
        var large: [Int] = []
        for i in 0..<k {
            columns[i].alias = i
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let lighter = small.popLast() {
            guard let heavier = large.popLast() else {
                // Only rounding leaves a column here (its scaled weight is 1 − O(K·ε)): it keeps
                // itself, except a zero weight, which must never be drawn.
                columns[lighter] = weights[lighter] > 0
                    ? Column(cut: 1, alias: lighter)
                    : Column(cut: 0, alias: heaviest)
                continue
            }
            columns[lighter] = Column(cut: scaled[lighter], alias: heavier)
            // Vose's order of operations: (a + b) − 1 ≥ 0 whenever a ≥ 1.
            scaled[heavier] = (scaled[heavier] + scaled[lighter]) - 1
            if scaled[heavier] < 1 { small.append(heavier) } else { large.append(heavier) }
        }
        for i in large { columns[i] = Column(cut: 1, alias: i) }
        self.columns = columns
    }

    /// K, the number of categories.
    public var count: Int { columns.count }

    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let i = Int(truncatingIfNeeded: generator.next(upperBound: UInt64(columns.count)))
        let column = columns[i]
        return generator.nextUniform() < column.cut ? i : column.alias
    }

    /// Fills `buffer` with the values of `buffer.count` calls of ``sample(using:)``, without
    /// per-draw bounds checks.
    @inlinable
    public func fill<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Int>, using generator: inout G) {
        var local = generator
        defer { generator = local }
        columns.withUnsafeBufferPointer { columns in
            let k = UInt64(columns.count)
            for index in buffer.indices {
                let i = Int(truncatingIfNeeded: local.next(upperBound: k))
                let column = columns[i]
                buffer[index] = local.nextUniform() < column.cut ? i : column.alias
            }
        }
    }
}

/// A categorical distribution over 0 ..< K with given weights: an ``AliasTable``.
public typealias Categorical = AliasTable
