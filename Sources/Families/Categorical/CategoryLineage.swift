/// The record a discrete model passes to the next fit through the batches it draws: its
/// generation, the first fit's probabilities, and when each category was lost.
///
/// The engine's ``Learner/fit(_:)`` sees only a training set, yet two metrics need history: the
/// generation at which each category was lost (``CategoricalMetric/meanLossGeneration``) and the
/// distance to the first fit p⁽¹⁾ (Seddik et al. 2024's D_m = E‖p⁽ᵐ⁾ − p⁽¹⁾‖²). So every batch a
/// model draws carries the model's lineage, the next fit continues it, and real data carry the
/// empty lineage of generation 0. A lineage is immutable and shared by reference: passing it along
/// costs one reference count, not copies.
public final class CategoryLineage: Sendable, Equatable {
    /// The generation of the model that drew the batch; 0 for real data.
    public let generation: Int
    /// The first fit's probabilities p⁽¹⁾ (flattened rows for several contexts); empty for real data.
    public let firstFit: [Double]
    /// Per category: the generation at which its current absence from the model began; 0 while the
    /// category has mass. Empty for real data.
    public let lostAt: [Int32]
    /// The probabilities of the model that drew the batch (next-token models keep a context's row
    /// when a generation brings it no data); empty for real data and when not needed.
    public let drawingModel: [Double]
    /// The categories with mass of the model that drew the batch (ascending) when known, so the next
    /// lineage is updated in O(support) rather than O(K); empty otherwise.
    public let alive: [Int32]

    public init(
        generation: Int = 0, firstFit: [Double] = [], lostAt: [Int32] = [], drawingModel: [Double] = [],
        alive: [Int32] = []
    ) {
        self.generation = generation
        self.firstFit = firstFit
        self.lostAt = lostAt
        self.drawingModel = drawingModel
        self.alive = alive
    }

    public static func == (lhs: CategoryLineage, rhs: CategoryLineage) -> Bool {
        lhs === rhs || (lhs.generation == rhs.generation && lhs.firstFit == rhs.firstFit && lhs.lostAt == rhs.lostAt
            && lhs.drawingModel == rhs.drawingModel && lhs.alive == rhs.alive)
    }

    /// The lineage of real data.
    public static let real = CategoryLineage()

    /// The newest lineage among several (that of the latest generation; real data lose to any).
    @inlinable
    public static func newest<S: Sequence>(_ lineages: S) -> CategoryLineage where S.Element == CategoryLineage {
        var best = CategoryLineage.real
        for lineage in lineages where lineage.generation > best.generation { best = lineage }
        return best
    }

    /// The lineage of a model fitted on data whose newest lineage is `self`, with `probabilities`
    /// (and, when given, its categories with mass `alive`): the next generation; p⁽¹⁾ set by the
    /// first fit; each category absent now keeps the generation its absence began, or gets this one.
    @inlinable
    public func next(probabilities: [Double], alive: [Int32] = [], keepDrawingModel: Bool = false) -> CategoryLineage {
        let generation = self.generation + 1
        let count = probabilities.count
        let current = Int32(clamping: generation)
        let inherited = self.lostAt.count == count
        var lostAt: [Int32]
        if inherited && !self.alive.isEmpty && !alive.isEmpty {
            // Only categories alive in the drawing model can be newly lost, and only those alive
            // now can have come back.
            lostAt = self.lostAt
            lostAt.withUnsafeMutableBufferPointer { lost in
                probabilities.withUnsafeBufferPointer { p in
                    for i in self.alive where p[Int(i)] == 0 { lost[Int(i)] = current }
                }
                for i in alive { lost[Int(i)] = 0 }
            }
        } else {
            lostAt = [Int32](repeating: 0, count: count)
            probabilities.withUnsafeBufferPointer { p in
                lostAt.withUnsafeMutableBufferPointer { lost in
                    if inherited {
                        self.lostAt.withUnsafeBufferPointer { before in
                            // Branch-free, so the loop vectorises.
                            for i in 0..<count {
                                let since = before[i] > 0 ? before[i] : current
                                lost[i] = p[i] == 0 ? since : 0
                            }
                        }
                    } else {
                        for i in 0..<count { lost[i] = p[i] == 0 ? current : 0 }
                    }
                }
            }
        }
        return CategoryLineage(
            generation: generation,
            firstFit: firstFit.count == count ? firstFit : probabilities,
            lostAt: lostAt,
            drawingModel: keepDrawingModel ? probabilities : [],
            alive: alive)
    }
}
