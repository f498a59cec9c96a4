import Dispatch
import LinearAlgebra
import Foundation
import Synchronization

/// Runs the replicates of a ``ReplicateChain`` on worker threads and aggregates every
/// (generation, metric) cell in a streaming way.
///
/// Replicates run in waves of at most `waveSize`; each wave's values sit in one reused buffer
/// (wave × T × M doubles), then are folded into the cell accumulators in replicate order, cells
/// in parallel. Memory is therefore O(wave·T·M + T·M·sketch), independent of R, and the result
/// is the same for any thread count and wave size: each cell sees its values in replicate order.
public struct Simulation<Source: RealSource, L: Learner, E: Evaluation>: Sendable
where Source.Batch == L.Batch, E.Model == L.Model {
    public let chain: ReplicateChain<Source, L, E>

    public init(chain: ReplicateChain<Source, L, E>) { self.chain = chain }

    /// Runs every replicate. `shouldStop` is polled between generations; when it returns true
    /// the run stops and the result says so (nothing of a partial wave is aggregated).
    /// `onCheckpoint` receives the state after every wave; a run started `resumeFrom` such a state
    /// continues at its next replicate and ends with the same result as an uninterrupted run.
    @inlinable
    public func run(
        progress: (any ProgressObserver)? = nil,
        trajectories: (any TrajectorySink)? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        resumeFrom checkpoint: SimulationCheckpoint? = nil,
        onCheckpoint: ((SimulationCheckpoint) -> Void)? = nil
    ) -> SimulationResult {
        let plan = chain.plan
        // One BLAS thread per replicate thread, at every thread count: no oversubscription, and
        // results that do not depend on --threads (a no-op in the pure-Swift build).
        Backend.configureForParallelReplicates()
        let names = chain.evaluation.metricNames
        let metricCount = names.count
        let generations = plan.generations
        let stride = generations * metricCount
        let threads = max(1, plan.threads)
        let waveSize = Simulation.waveSize(
            replicates: plan.replicates, valuesPerReplicate: stride, threads: threads)

        var accumulators = [CellAccumulator](repeating: CellAccumulator(), count: stride)
        var completed = 0
        if let checkpoint {
            precondition(checkpoint.accumulators.count == stride, "a checkpoint of another plan")
            accumulators = checkpoint.accumulators
            completed = checkpoint.completedReplicates
        }
        let buffer = SharedBuffer(count: waveSize * stride)
        defer { buffer.deallocate() }
        let completedCounter = Atomic<Int>(completed)
        var stopped = false

        var waveStart = completed
        while waveStart < plan.replicates {
            let waveCount = min(waveSize, plan.replicates - waveStart)
            let next = Atomic<Int>(0)
            let stoppedFlag = Atomic<Bool>(false)
            let chain = self.chain
            let start = waveStart
            DispatchQueue.concurrentPerform(iterations: min(threads, waveCount)) { _ in
                while true {
                    let slot = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if slot >= waveCount { break }
                    let base = slot * stride
                    let finished = chain.run(replicate: start + slot, shouldStop: shouldStop) { t, values in
                        let offset = base + (t - 1) * metricCount
                        for m in 0..<metricCount { buffer.pointer[offset + m] = values[m] }
                    }
                    if !finished {
                        stoppedFlag.store(true, ordering: .relaxed)
                        break
                    }
                    let done = completedCounter.wrappingAdd(1, ordering: .relaxed).newValue
                    progress?.replicatesCompleted(done, of: plan.replicates)
                }
            }
            if stoppedFlag.load(ordering: .relaxed) {
                stopped = true
                break
            }
            Simulation.fold(
                buffer: buffer, replicates: waveCount, generations: generations,
                metricCount: metricCount, threads: threads, into: &accumulators)
            if let trajectories {
                for slot in 0..<waveCount {
                    for t in 1...generations {
                        let offset = slot * stride + (t - 1) * metricCount
                        trajectories.record(
                            replicate: waveStart + slot, generation: t,
                            values: UnsafeBufferPointer(start: buffer.pointer + offset, count: metricCount))
                    }
                }
            }
            completed += waveCount
            waveStart += waveCount
            onCheckpoint?(SimulationCheckpoint(completedReplicates: completed, accumulators: accumulators))
        }

        var rows: [[MetricSummary]] = [chain.truthValues.enumerated().map { m, value in
            MetricSummary(
                generation: 0, metric: names[m], count: completed, mean: value,
                standardDeviation: 0, standardError: 0, q05: value, q50: value, q95: value,
                nonFiniteCount: value.isFinite ? 0 : completed)
        }]
        for t in 1...generations {
            rows.append((0..<metricCount).map { m in
                accumulators[(t - 1) * metricCount + m].summary(generation: t, metric: names[m])
            })
        }
        return SimulationResult(metricNames: names, rows: rows, completedReplicates: completed, stopped: stopped)
    }

    /// Replicates per wave: ``SimulationPlan/waveSize(replicates:valuesPerReplicate:threads:)``.
    @usableFromInline
    static func waveSize(replicates: Int, valuesPerReplicate: Int, threads: Int) -> Int {
        SimulationPlan.waveSize(replicates: replicates, valuesPerReplicate: valuesPerReplicate, threads: threads)
    }

    /// Folds a wave into the accumulators, in replicate order within each cell; cells are split
    /// across threads by generation.
    @inlinable
    static func fold(
        buffer: SharedBuffer, replicates: Int, generations: Int, metricCount: Int, threads: Int,
        into accumulators: inout [CellAccumulator]
    ) {
        let stride = generations * metricCount
        accumulators.withUnsafeMutableBufferPointer { cells in
            let cellPointer = SharedCells(pointer: cells.baseAddress!)
            let chunks = min(threads, generations)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = chunk * generations / chunks
                let upper = (chunk + 1) * generations / chunks
                for cell in (lower * metricCount)..<(upper * metricCount) {
                    for slot in 0..<replicates {
                        cellPointer.pointer[cell].add(buffer.pointer[slot * stride + cell])
                    }
                }
            }
        }
    }
}

/// A raw buffer shared by worker threads that write disjoint slots.
@usableFromInline
struct SharedBuffer: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Double>
    @usableFromInline init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }
    @usableFromInline func deallocate() { pointer.deallocate() }
}

/// Accumulator storage shared by fold threads that update disjoint cells.
@usableFromInline
struct SharedCells: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<CellAccumulator>
    @usableFromInline init(pointer: UnsafeMutablePointer<CellAccumulator>) { self.pointer = pointer }
}

extension SimulationPlan {
    /// Replicates per wave: enough to keep every thread busy, at most 2²⁴ buffered values. Public so
    /// that resource estimates size the wave buffer as the run will.
    public static func waveSize(replicates: Int, valuesPerReplicate: Int, threads: Int) -> Int {
        let byMemory = max(1, (1 << 24) / max(1, valuesPerReplicate))
        return max(1, min(replicates, max(threads * 8, min(1024, byMemory))))
    }
}
