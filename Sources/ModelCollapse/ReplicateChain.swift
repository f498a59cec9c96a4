import Randomness

/// One replicate of recursive training: fit on real data, then T − 1 times sample, compose the
/// next training set by the regime, fit, update.
///
/// ```
/// real ──fit──► model(1) ──sample n(1)──► synthetic ──regime──► training set(2) ──fit──► model(2) …
/// ```
/// Generic over the family so the loop specialises: one generator per replicate, buffers reused
/// across generations.
public struct ReplicateChain<Source: RealSource, L: Learner, E: Evaluation>: Sendable
where Source.Batch == L.Batch, E.Model == L.Model {
    public typealias Batch = L.Batch

    public let source: Source
    public let learner: L
    public let evaluation: E
    public let plan: SimulationPlan
    public let truthValues: [Double]

    public init(source: Source, learner: L, evaluation: E, plan: SimulationPlan) {
        self.source = source
        self.learner = learner
        self.evaluation = evaluation
        self.plan = plan
        var truth = [Double](repeating: 0, count: evaluation.metricNames.count)
        evaluation.evaluateTruth(into: &truth)
        self.truthValues = truth
    }

    /// The random stream of replicate `r`.
    @inlinable
    public func generator(replicate r: Int) -> Xoshiro256StarStar {
        RandomStream.generator(seed: plan.seed, path: plan.streamPrefix + [UInt64(r)])
    }

    /// Runs replicate `r`, calling `record(t, values)` after the t-th fit, t = 1…T.
    /// `shouldStop` is checked at each generation boundary; returns false if it stopped early.
    @inlinable
    @discardableResult
    public func run(
        replicate r: Int,
        shouldStop: () -> Bool = { false },
        record: (Int, [Double]) -> Void
    ) -> Bool {
        var generator = generator(replicate: r)
        let metricCount = truthValues.count
        var values = [Double](repeating: 0, count: metricCount)
        var previous = truthValues

        let realSample = source.initialSample(count: plan.schedule.size(at: 0), using: &generator)
        var trainingSet = TrainingSet<Batch>(parts: [.init(batch: realSample, origin: .real)])
        var model = learner.fit(trainingSet)
        trainingSet.parts.removeAll(keepingCapacity: true)
        evaluation.evaluate(model, previous: previous, into: &values)
        record(1, values)
        swap(&previous, &values)

        var synthetic = Batch()
        var pool = Batch()
        let generations = plan.generations
        if generations < 2 { return true }
        for t in 2...generations {
            if shouldStop() { return false }
            learner.sample(
                from: model, count: plan.schedule.size(at: t - 1), into: &synthetic, using: &generator)
            compose(
                &trainingSet, synthetic: synthetic, pool: &pool, realSample: realSample,
                using: &generator)
            let fitted = learner.fit(trainingSet)
            trainingSet.parts.removeAll(keepingCapacity: true)
            switch plan.update {
            case .refit:
                model = fitted
            case .incremental(let steps):
                model = learner.interpolate(from: model, toward: fitted, step: steps.step(at: t))
            }
            evaluation.evaluate(model, previous: previous, into: &values)
            record(t, values)
            swap(&previous, &values)
        }
        return true
    }

    /// Composes the training set of a generation after the first from the newest synthetic
    /// batch, the synthetic pool, the original real sample and fresh real draws, as the regime
    /// says; weights follow `real-weight`.
    @inlinable
    public func compose<G: RandomNumberGenerator>(
        _ trainingSet: inout TrainingSet<Batch>, synthetic: Batch, pool: inout Batch,
        realSample: Batch, using generator: inout G
    ) {
        let regime = plan.regime
        switch regime.synthetic {
        case .replace:
            trainingSet.parts.append(.init(batch: synthetic, origin: .synthetic))
        case .accumulate:
            pool.append(synthetic)
            trainingSet.parts.append(.init(batch: pool, origin: .synthetic))
        case .accumulateSubsample(let size):
            pool.append(synthetic)
            let part = pool.count <= size ? pool : pool.subsample(size, using: &generator)
            trainingSet.parts.append(.init(batch: part, origin: .synthetic))
        }
        let syntheticCount = trainingSet.parts[0].batch.count
        switch regime.real {
        case .none:
            break
        case .keep:
            trainingSet.parts.append(.init(batch: realSample, origin: .real))
        case .fresh, .fraction:
            let count = regime.realCount(syntheticCount: syntheticCount, keptCount: realSample.count)
            if count > 0 {
                trainingSet.parts.append(.init(batch: source.draw(count, using: &generator), origin: .real))
            }
        }
        if let realWeight = regime.realWeight, trainingSet.parts.count == 2 {
            // Per-point weights that give the real part `realWeight` of the total weight while the
            // total weight stays the number of points.
            let realCount = Double(trainingSet.parts[1].batch.count)
            let total = Double(syntheticCount) + realCount
            trainingSet.parts[1].weight = realWeight * total / realCount
            trainingSet.parts[0].weight = syntheticCount > 0 ? (1 - realWeight) * total / Double(syntheticCount) : 0
        }
    }
}
