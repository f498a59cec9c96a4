import Dispatch
import Foundation
import Synchronization

/// Runs the points of a sweep into a sweep directory: `sweep.yaml` and `plan.json` at the top, one
/// run directory per point (`point-0000`, …), each written by ``ExperimentRunner`` into a hidden
/// partial directory and renamed into place when complete.
///
/// Idempotent: a point whose run directory is complete (its manifest says `complete` and its spec
/// hash is the plan's) is skipped, so a re-run, a retried cluster task or a resumed local sweep
/// only runs what is missing. A run directory of another spec at a point's place is an error,
/// found before anything runs.
///
/// **Cores.** Points run `pointsInParallel` at a time (default: as many as there are threads),
/// each on worker threads of its own (plain threads, not a dispatch queue, so that every point's
/// replicates still spread over the whole pool: when the last points run, their replicate waves
/// take the cores the finished points left). Results do not depend on either setting.
public enum SweepRunner {
    public struct Options: Sendable {
        /// Threads for each point's replicates.
        public var threads: Int
        /// Points run at once; nil: as many as `threads`.
        public var pointsInParallel: Int?
        /// Called on each finished point's partial directory before it is renamed into place.
        public var finalize: @Sendable (URL) throws -> Void
        /// Told about each point as it finishes or is skipped (from worker threads).
        public var observer: (@Sendable (PointOutcome) -> Void)?
        /// Polled by the running points at generation boundaries and before each new point.
        public var shouldStop: @Sendable () -> Bool

        public init(
            threads: Int = ProcessInfo.processInfo.activeProcessorCount, pointsInParallel: Int? = nil,
            finalize: @escaping @Sendable (URL) throws -> Void = { _ in },
            observer: (@Sendable (PointOutcome) -> Void)? = nil,
            shouldStop: @escaping @Sendable () -> Bool = { false }
        ) {
            self.threads = threads
            self.pointsInParallel = pointsInParallel
            self.finalize = finalize
            self.observer = observer
            self.shouldStop = shouldStop
        }
    }

    /// What happened to one point.
    public struct PointOutcome: Sendable {
        public var index: Int
        public var directory: URL
        /// True when the point was already complete.
        public var skipped: Bool
        public var wallSeconds: Double
    }

    public enum PointStatus: Sendable, Equatable {
        case missing, complete, mismatch
    }

    /// Writes `sweep.yaml` and `plan.json` into `directory` (creating it), or checks that the plan
    /// already there is this sweep's. Safe when many tasks do it at once (each file is written
    /// to a hidden temporary name and renamed; the contents are the same).
    public static func prepare(_ plan: SweepPlan, in directory: URL) throws {
        let fileManager = FileManager.default
        let planData = plan.file.json()
        let planURL = directory.appendingPathComponent(SweepPlanFile.fileName)
        if let existing = fileManager.contents(atPath: planURL.path) {
            guard existing == planData else { throw SweepError.otherSweep(directory) }
        } else {
            if let entries = try? fileManager.contentsOfDirectory(atPath: directory.path),
               entries.contains(where: { !$0.hasPrefix(".") }) {
                throw SweepError.io("\(directory.path) exists and is not a sweep directory (it has no plan.json); choose another --out")
            }
            do {
                try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw SweepError.io("cannot create the sweep directory \(directory.path): \(error.localizedDescription)")
            }
            try writeAtomically(planData, to: planURL)
        }
        let yaml = Data(plan.documentText.utf8)
        let yamlURL = directory.appendingPathComponent("sweep.yaml")
        if fileManager.contents(atPath: yamlURL.path) != yaml { try writeAtomically(yaml, to: yamlURL) }
    }

    /// Whether a point's run directory is missing, complete, or holds something else.
    public static func status(of point: SweepPoint, in directory: URL) -> PointStatus {
        status(directory: directory.appendingPathComponent(point.directoryName), specHash: point.specHash)
    }

    static func status(directory: URL, specHash: String) -> PointStatus {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: directory.path) else { return .missing }
        struct Header: Decodable { var status: String?; var specHash: String? }
        guard let data = fileManager.contents(atPath: directory.appendingPathComponent("manifest.json").path),
              let header = try? JSONDecoder().decode(Header.self, from: data),
              header.status == "complete", header.specHash == specHash,
              fileManager.fileExists(atPath: directory.appendingPathComponent("summary.csv").path)
        else { return .mismatch }
        return .complete
    }

    /// Runs the points `indices` (all when nil) into `directory`; complete points are skipped.
    /// Outcomes are in index order.
    @discardableResult
    public static func run(_ plan: SweepPlan, in directory: URL, indices: [Int]? = nil, options: Options = Options()) throws -> [PointOutcome] {
        let selected = indices ?? Array(plan.points.indices)
        for index in selected where !plan.points.indices.contains(index) {
            throw SweepError.indexOutOfRange(index: index, count: plan.points.count)
        }
        try prepare(plan, in: directory)

        var outcomes: [PointOutcome] = []
        var pending: [SweepPoint] = []
        for index in selected {
            let point = plan.points[index]
            let pointDirectory = directory.appendingPathComponent(point.directoryName)
            switch status(of: point, in: directory) {
            case .complete: outcomes.append(PointOutcome(index: index, directory: pointDirectory, skipped: true, wallSeconds: 0))
            case .mismatch: throw SweepError.pointMismatch(index: index, directory: pointDirectory)
            case .missing: pending.append(point)
            }
        }
        for outcome in outcomes { options.observer?(outcome) }

        let threads = max(1, options.threads)
        let workers = max(1, min(options.pointsInParallel ?? threads, pending.count))
        let next = Atomic<Int>(0)
        let results = Mutex<(outcomes: [PointOutcome], failure: SweepError?)>(([], nil))
        let queue = pending
        let work: @Sendable () -> Void = {
            while results.withLock({ $0.failure == nil }) && !options.shouldStop() {
                let slot = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if slot >= queue.count { break }
                do {
                    let outcome = try runPoint(
                        queue[slot], in: directory, threads: threads, finalize: options.finalize,
                        shouldStop: options.shouldStop)
                    results.withLock { $0.outcomes.append(outcome) }
                    options.observer?(outcome)
                } catch {
                    let failure = (error as? SweepError) ?? .failed(index: queue[slot].index, message: "\(error)")
                    results.withLock { if $0.failure == nil { $0.failure = failure } }
                }
            }
        }
        if workers == 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                let thread = Thread {
                    work()
                    group.leave()
                }
                thread.start()
            }
            group.wait()
        }
        let (ran, failure) = results.withLock { ($0.outcomes, $0.failure) }
        if options.shouldStop() { throw SweepError.stopped(directory) }
        if let failure { throw failure }
        return (outcomes + ran).sorted { $0.index < $1.index }
    }

    static func runPoint(
        _ point: SweepPoint, in directory: URL, threads: Int, finalize: @escaping @Sendable (URL) throws -> Void,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> PointOutcome {
        let pointDirectory = directory.appendingPathComponent(point.directoryName)
        let started = Date()
        do {
            _ = try ExperimentRunner.run(point.spec, options: .init(
                threads: threads, outputDirectory: pointDirectory, shouldStop: shouldStop, finalize: finalize))
        } catch {
            // Another task may have finished the same point meanwhile (a retried or duplicated
            // cluster task): then the point is complete and this run's partial copy goes.
            if status(of: point, in: directory) == .complete {
                let partial = directory.appendingPathComponent(".\(point.directoryName).partial-\(ProcessInfo.processInfo.processIdentifier)")
                try? FileManager.default.removeItem(at: partial)
                return PointOutcome(index: point.index, directory: pointDirectory, skipped: true, wallSeconds: 0)
            }
            throw SweepError.failed(index: point.index, message: "\(error)")
        }
        let seconds = Date().timeIntervalSince(started)
        return PointOutcome(index: point.index, directory: pointDirectory, skipped: false, wallSeconds: seconds)
    }

    /// Writes to a hidden temporary file next to `url`, then renames it over `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temporary)
                throw SweepError.io("cannot write \(url.path): \(String(cString: strerror(code)))")
            }
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
