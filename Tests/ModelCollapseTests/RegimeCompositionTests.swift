import ModelCollapse
import Randomness
import Testing

/// A batch of tagged points: each point remembers where it came from, so a test can check the
/// composition of a training set directly.
struct TaggedBatch: DataBatch {
    var tags: [Int] = []
    init() {}
    init(tags: [Int]) { self.tags = tags }
    var count: Int { tags.count }
    mutating func append(_ other: TaggedBatch) { tags += other.tags }
    static var supportsSubsampling: Bool { true }
    func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> TaggedBatch {
        TaggedBatch(tags: Self.subsampleIndices(count: count, size: size, using: &generator).map { tags[$0] })
    }
}

/// Real points are tagged −1 (initial sample) or −2 (fresh draws).
struct TaggedSource: RealSource {
    var canDrawFresh: Bool { true }
    func initialSample<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> TaggedBatch {
        TaggedBatch(tags: Array(repeating: -1, count: count))
    }
    func draw<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> TaggedBatch {
        TaggedBatch(tags: Array(repeating: -2, count: count))
    }
}

/// The "model" is the generation that fitted it; samples are tagged with it.
struct TaggedLearner: Learner {
    func fit(_ trainingSet: TrainingSet<TaggedBatch>) -> Int { 0 }
    func sample<G: RandomNumberGenerator>(from model: Int, count: Int, into batch: inout TaggedBatch, using generator: inout G) {
        batch = TaggedBatch(tags: Array(repeating: model, count: count))
    }
}

struct NoMetrics: Evaluation {
    var metricNames: [String] { [] }
    func evaluateTruth(into values: inout [Double]) {}
    func evaluate(_ model: Int, previous: [Double], into values: inout [Double]) {}
}

/// Composes generation t's training set by hand-feeding synthetic batches tagged t − 1.
func composedSets(regime: Regime, generations: Int, n: Int = 10, realCount: Int = 10) -> [TrainingSet<TaggedBatch>] {
    let plan = SimulationPlan(generations: generations, replicates: 1, seed: 1, schedule: .constant(n), regime: regime)
    let chain = ReplicateChain(source: TaggedSource(), learner: TaggedLearner(), evaluation: NoMetrics(), plan: plan)
    var generator = Xoshiro256StarStar(seed: 3)
    let real = TaggedBatch(tags: Array(repeating: -1, count: realCount))
    var pool = TaggedBatch()
    var sets: [TrainingSet<TaggedBatch>] = []
    for t in 2...generations {
        var set = TrainingSet<TaggedBatch>()
        chain.compose(&set, synthetic: TaggedBatch(tags: Array(repeating: t - 1, count: n)), pool: &pool, realSample: real, using: &generator)
        sets.append(set)
    }
    return sets
}

func tags(_ set: TrainingSet<TaggedBatch>, _ origin: TrainingSet<TaggedBatch>.Origin) -> [Int] {
    set.parts.filter { $0.origin == origin }.flatMap(\.batch.tags)
}

@Test func replaceUsesOnlyTheNewestBatch() {
    for (index, set) in composedSets(regime: .replace, generations: 5).enumerated() {
        let t = index + 2
        #expect(tags(set, .synthetic) == Array(repeating: t - 1, count: 10))
        #expect(tags(set, .real).isEmpty)
        #expect(set.parts.allSatisfy { $0.weight == 1 })
    }
}

@Test func accumulateKeepsEveryBatchAndTheRealSample() {
    for (index, set) in composedSets(regime: .accumulate, generations: 5).enumerated() {
        let t = index + 2
        #expect(tags(set, .synthetic).sorted() == (1..<t).flatMap { Array(repeating: $0, count: 10) })
        #expect(tags(set, .real) == Array(repeating: -1, count: 10))
    }
}

@Test func accumulateSubsampleDrawsAFixedBudgetFromThePool() {
    let sets = composedSets(regime: .accumulateSubsample(15), generations: 6)
    #expect(tags(sets[0], .synthetic).count == 10)  // the pool has 10 < 15 points
    for (index, set) in sets.enumerated().dropFirst() {
        let t = index + 2
        let synthetic = tags(set, .synthetic)
        #expect(synthetic.count == 15)
        #expect(synthetic.allSatisfy { (1..<t).contains($0) })
        #expect(tags(set, .real) == Array(repeating: -1, count: 10))
    }
    // Without replacement: no generation appears more often than it has points.
    let last = tags(sets.last!, .synthetic)
    for g in 1...5 { #expect(last.filter { $0 == g }.count <= 10) }
}

@Test func freshRealDrawsJoinEachGeneration() {
    let regime = Regime(synthetic: .replace, real: .fresh(7))
    for set in composedSets(regime: regime, generations: 4) {
        #expect(tags(set, .real) == Array(repeating: -2, count: 7))
        #expect(tags(set, .synthetic).count == 10)
    }
}

@Test func realFractionIsThatShareOfTheTrainingSet() {
    for p in [0.1, 0.25, 0.5, 0.9] {
        let regime = Regime(synthetic: .replace, real: .fraction(p))
        for set in composedSets(regime: regime, generations: 3, n: 100) {
            let real = Double(set.count(of: .real)), total = Double(set.count)
            #expect(abs(real / total - p) <= 0.5 / total + 1e-12, "p = \(p): \(real) of \(total)")
            #expect(tags(set, .real).allSatisfy { $0 == -2 })
        }
    }
    let none = composedSets(regime: Regime(synthetic: .replace, real: .fraction(0)), generations: 3)
    #expect(none.allSatisfy { $0.count(of: .real) == 0 })
}

@Test func realWeightSetsTheRealShareOfTheTotalWeight() {
    for w in [0.0, 0.3, 0.5, 0.8, 1.0] {
        let regime = Regime(synthetic: .accumulate, real: .keep, realWeight: w)
        for set in composedSets(regime: regime, generations: 4, n: 10, realCount: 25) {
            let realWeight = set.parts.filter { $0.origin == .real }.reduce(0) { $0 + $1.weight * Double($1.batch.count) }
            #expect(abs(realWeight / set.totalWeight - w) < 1e-12)
            #expect(abs(set.totalWeight - Double(set.count)) < 1e-9)
        }
    }
}

@Test func theFirstFitIsOnTheRealSampleAndTheChainRunsEveryGeneration() {
    var recorded: [Int] = []
    let plan = SimulationPlan(generations: 6, replicates: 1, seed: 1, schedule: .constant(4))
    let chain = ReplicateChain(source: TaggedSource(), learner: TaggedLearner(), evaluation: NoMetrics(), plan: plan)
    let finished = chain.run(replicate: 0) { t, _ in recorded.append(t) }
    #expect(finished)
    #expect(recorded == Array(1...6))
}
