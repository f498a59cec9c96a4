import Experiments
import Foundation
import Synchronization
import Testing

@Test func aStoppedSweepKeepsItsCompletePointsAndRunsTheRestWhenRunAgain() throws {
    let root = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let plan = try SpecParser.parseSweep(smallSweep)
    let directory = root.appendingPathComponent("sweep")
    // Stop once two points are complete (one point at a time, so the order is fixed).
    let finished = Mutex(0)
    let options = SweepRunner.Options(
        threads: 1, pointsInParallel: 1,
        observer: { _ in finished.withLock { $0 += 1 } },
        shouldStop: { finished.withLock { $0 } >= 2 })
    #expect(throws: SweepError.stopped(directory)) {
        _ = try SweepRunner.run(plan, in: directory, options: options)
    }
    let complete = plan.points.filter { SweepRunner.status(of: $0, in: directory) == .complete }
    #expect(complete.count == 2)

    let outcomes = try SweepRunner.run(plan, in: directory, options: .init(threads: 2))
    #expect(outcomes.filter(\.skipped).count == 2)
    #expect(plan.points.allSatisfy { SweepRunner.status(of: $0, in: directory) == .complete })
}
