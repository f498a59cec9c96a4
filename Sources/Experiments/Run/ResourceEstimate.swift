import Foundation
import ModelCollapse

/// The peak memory and the disk a run or a sweep will need, estimated from its spec before it
/// starts, so that one that cannot fit is refused with a clear error instead of being killed by the
/// kernel hours in, or filling the disk (`collapse run … --force` runs it anyway).
///
/// **Memory** (the peak resident size of the process):
/// - the process itself (runtime, libraries): ``processBytes``;
/// - the per-cell accumulators: T·M cells (generations × metrics), each Welford moments and a
///   quantile sketch holding min(R, 1024) values, more levels beyond (``sketchItems(values:)``);
/// - the wave buffer: W·T·M doubles, W from ``SimulationPlan/waveSize(replicates:valuesPerReplicate:threads:)``;
/// - a checkpoint's encoding: the binary property list of every sketch value, built in memory
///   (about ``checkpointEncodingBytesPerValue`` bytes a value) whenever a checkpoint is written;
/// - the data of the replicates running at once: min(threads, R) chains, each holding its real
///   sample, the newest synthetic batch, the pool of every synthetic batch for `accumulate` regimes
///   (1.25 times its size: arrays grow by doubling), subsamples and fresh real draws, and the fit's
///   workspace per training point; on the statistics path and for count vectors, fixed-size batches;
/// - each chain's models and metric state, and what the replicates share (``FamilyFootprint``).
///
/// A sweep holds `points in parallel` runs at once, each on its own threads.
///
/// **Disk**: spec.yaml and manifest.json, summary.csv ((T+1)·M rows), trajectories.csv (R·T·M rows,
/// when asked for), plots/*.svg and report.html (~105 bytes per generation and metric), two copies of
/// checkpoint.plist while one replaces the other, the run index's rows; for a sweep, every point not
/// yet complete plus sweep.csv, its charts and index.html.
///
/// The constants were measured on small real runs (Tests/ExperimentsTests/ResourceEstimateTests.swift
/// checks the estimate against a run's measured peak resident size and file sizes).
public struct ResourceEstimate: Sendable, Equatable {
    /// One part of an estimate.
    public struct Item: Sendable, Equatable {
        public var name: String
        public var bytes: Double
    }

    /// The parts of the peak memory, largest first.
    public var memory: [Item]
    /// The parts of the disk, largest first.
    public var disk: [Item]

    public var memoryBytes: Double { memory.reduce(0) { $0 + $1.bytes } }
    public var diskBytes: Double { disk.reduce(0) { $0 + $1.bytes } }

    /// The resident size of the process before a run allocates anything (measured: 25–40 MB).
    public static let processBytes: Double = 40 * 1024 * 1024
    /// Bytes of memory per sketch value while a checkpoint is encoded. Measured about 80 per value,
    /// but the peak of one spec (1.8 M values, a checkpoint every wave, 2 threads) varied from 222 to
    /// 238 MiB between runs (allocator reuse with the wave's buffers); 95 covers the higher peak, as
    /// an estimate that refuses runs should.
    public static let checkpointEncodingBytesPerValue: Double = 95
    /// Bytes per sketch value in checkpoint.plist (binary: 9 a double, a 3-byte reference and a
    /// 3-byte offset; measured 15.1 for distinct values, less when values repeat).
    public static let checkpointFileBytesPerValue: Double = 15
    /// Bytes per generation and metric of the charts: plots/*.svg, and report.html that inlines
    /// them again (measured: 100–110).
    public static let chartBytesPerGeneration: Double = 105
    /// Bytes per metric of a chart's axes, legend and text, both copies (measured: about 16 KiB).
    public static let chartBytesPerMetric: Double = 16 * 1024

    init(memory: [Item], disk: [Item]) {
        self.memory = memory.filter { $0.bytes > 0 }.sorted { $0.bytes > $1.bytes }
        self.disk = disk.filter { $0.bytes > 0 }.sorted { $0.bytes > $1.bytes }
    }

    // MARK: a run

    /// The estimate of one run of `spec` on `threads` threads (`report`: plots and report.html are
    /// written, as the CLI does).
    public init(run spec: ExperimentSpec, threads: Int, report: Bool = true) {
        let parts = Self.runParts(spec, threads: threads, report: report)
        self.init(memory: [Item(name: "the process (runtime and libraries)", bytes: Self.processBytes)] + parts.memory, disk: parts.disk)
    }

    static func runParts(_ spec: ExperimentSpec, threads: Int, report: Bool) -> (memory: [Item], disk: [Item]) {
        let footprint = FamilyFootprint.of(spec)
        let R = Double(spec.replicates), T = Double(spec.generations), M = Double(spec.metrics.count)
        let cells = T * M
        let sketch = sketchItems(values: spec.replicates)
        let running = Double(max(1, min(threads, spec.replicates)))
        let wave = Double(SimulationPlan.waveSize(
            replicates: spec.replicates, valuesPerReplicate: spec.generations * spec.metrics.count, threads: max(1, threads)))

        var memory: [Item] = []
        memory.append(Item(
            name: "per-cell accumulators (\(count(cells)) cells of \(count(Double(sketch.items))) sketch values)",
            bytes: cells * sketch.allocatedBytes))
        memory.append(Item(name: "the wave buffer (\(count(wave)) replicates × \(count(cells)) values)", bytes: wave * cells * 8))
        memory.append(Item(
            name: "encoding a checkpoint (\(count(cells * Double(sketch.items))) sketch values)",
            bytes: cells * Double(sketch.items) * checkpointEncodingBytesPerValue))

        let data = dataPoints(spec)
        if footprint.batchGrowsWithPoints {
            let perChain = data.held * footprint.bytesPerPoint + data.training * footprint.fitBytesPerPoint
            memory.append(Item(
                name: "data of the \(count(running)) chains running at once (\(count(data.held)) points each\(data.pool > 0 ? ", most of them the accumulated synthetic pool" : ""))",
                bytes: running * perChain))
        } else {
            memory.append(Item(name: "batches of the \(count(running)) chains running at once", bytes: running * 6 * footprint.batchBytes))
        }
        memory.append(Item(
            name: "models and metric state of the \(count(running)) chains",
            bytes: running * (3 * footprint.modelBytes + footprint.evaluationBytes) + footprint.sharedBytes))
        if spec.trajectories { memory.append(Item(name: "the trajectories.csv buffer", bytes: 4 * 1024 * 1024)) }

        var disk: [Item] = []
        let specBytes = Double(SpecYAML.emit(spec.resolved).utf8.count)
        disk.append(Item(name: "spec.yaml and manifest.json", bytes: specBytes + 1024 + 200 * M))
        disk.append(Item(name: "summary.csv (\(count((T + 1) * M)) rows)", bytes: summaryBytes(spec)))
        if spec.trajectories {
            disk.append(Item(name: "trajectories.csv (\(count(R * T * M)) rows)", bytes: trajectoryBytes(spec)))
        }
        if report {
            disk.append(Item(
                name: "plots/*.svg and report.html",
                bytes: 5 * 1024 + M * (chartBytesPerMetric + chartBytesPerGeneration * (T + 1))))
        }
        disk.append(Item(
            name: "checkpoint.plist (two copies while it is replaced)",
            bytes: 2 * (cells * (Double(sketch.items) * checkpointFileBytesPerValue + 160) + 1024)))
        disk.append(Item(name: "the run index's rows", bytes: (T + 1) * M * 90))
        return (memory, disk)
    }

    /// Points one chain holds at its peak (`held`) and the largest training set it fits (`training`).
    static func dataPoints(_ spec: ExperimentSpec) -> (held: Double, training: Double, pool: Double) {
        let schedule = spec.schedule
        let first = Double(schedule.size(at: 0))
        var largest = 0.0, total = 0.0
        if spec.generations > 1 {
            if case .constant(let n) = schedule {
                largest = Double(max(1, n))
                total = largest * Double(spec.generations - 1)
            } else {
                for t in 1..<spec.generations {
                    let n = Double(schedule.size(at: t))
                    largest = max(largest, n)
                    total += n
                }
            }
        }
        let pool: Double
        let syntheticPart: Double
        var copies = 0.0
        switch spec.regime.synthetic {
        case .replace:
            pool = 0
            syntheticPart = largest
        case .accumulate:
            pool = total
            syntheticPart = total
        case .accumulateSubsample(let size):
            pool = total
            syntheticPart = min(Double(size), total)
            copies += syntheticPart
        }
        let realPart: Double
        switch spec.regime.real {
        case .none: realPart = 0
        case .keep: realPart = first
        case .fresh(let count):
            realPart = Double(count)
            copies += realPart
        case .fraction(let p):
            realPart = p > 0 ? (p / (1 - p) * syntheticPart).rounded() : 0
            copies += realPart
        }
        // The real sample, the newest batch, the pool (arrays grow by doubling, but pages of unused
        // capacity are not resident: measured 1.15× the pool), copies.
        return (first + largest + 1.25 * pool + copies, max(first, syntheticPart + realPart), pool)
    }

    /// The bytes of summary.csv: the header and (T + 1)·M rows of nine fields.
    static func summaryBytes(_ spec: ExperimentSpec) -> Double {
        let T = Double(spec.generations)
        let names = Double(spec.metrics.reduce(0) { $0 + $1.utf8.count })
        let M = Double(spec.metrics.count)
        // generation, metric, six numbers of ~13 characters, theory (~13 or empty), 8 commas, newline.
        return 48 + digitSum(1...(spec.generations)) * M + (T + 1) * (names + M * (6 * 13 + 9 + 9))
    }

    /// The bytes of trajectories.csv: `replicate,generation,metric,value` rows.
    static func trajectoryBytes(_ spec: ExperimentSpec) -> Double {
        let R = Double(spec.replicates), T = Double(spec.generations), M = Double(spec.metrics.count)
        let names = Double(spec.metrics.reduce(0) { $0 + $1.utf8.count })
        return 34
            + digitSum(0...(spec.replicates - 1)) * T * M
            + digitSum(1...(spec.generations)) * R * M
            + names * R * T
            + R * T * M * (3 + 1 + 14)
    }

    /// Σ of the decimal digit counts of the integers in `range` (non-negative).
    static func digitSum(_ range: ClosedRange<Int>) -> Double {
        var total = 0.0
        var low = 0, high = 9, digits = 1.0
        while low <= range.upperBound {
            let from = max(low, range.lowerBound), to = min(high, range.upperBound)
            if from <= to { total += Double(to - from + 1) * digits }
            if high > Int.max / 10 { break }
            low = high + 1
            high = high * 10 + 9
            digits += 1
        }
        return total
    }

    /// The values a cell's quantile sketch (capacity 1024) stores after `values` additions, and
    /// the bytes its arrays allocate. The counts follow the sketch's compaction rule exactly (they do
    /// not depend on the values): level 0 compacts when it passes the capacity, sending half its
    /// items up.
    static func sketchItems(values: Int, capacity: Int = 1024) -> (items: Int, allocatedBytes: Double) {
        let moments = 160.0  // CellAccumulator's fields, the levels array and malloc headers
        if values <= capacity {
            var allocated = 1
            while allocated < values { allocated *= 2 }
            return (values, moments + 8 * Double(allocated))
        }
        var levels = [0]
        var remaining = values
        while remaining > 0 {
            let room = capacity + 1 - levels[0]
            if remaining < room {
                levels[0] += remaining
                break
            }
            levels[0] += room
            remaining -= room
            var h = 0
            while h < levels.count {
                if levels[h] > capacity {
                    if h + 1 == levels.count { levels.append(0) }
                    let held = levels[h] % 2
                    levels[h + 1] += (levels[h] - held) / 2
                    levels[h] = held
                }
                h += 1
            }
        }
        // Each level's array grows to twice the capacity once it has held more than the capacity.
        return (levels.reduce(0, +), moments + Double(levels.count) * (16 * Double(capacity) + 48))
    }

    // MARK: a sweep

    /// The estimate of a sweep's `points` (the ones not yet complete), `pointsInParallel` at a time,
    /// each on `threads` threads, plus the sweep's own files (sweep.csv, charts, index.html).
    public init(sweep points: [ExperimentSpec], allPoints: Int, keys: Int, threads: Int, pointsInParallel: Int, report: Bool = true) {
        var largestMemory: [Item] = []
        var largest = -1.0
        var largestCheckpoint = 0.0
        var disk: [String: Double] = [:]
        var cache: [String: (memory: [Item], disk: [Item])] = [:]
        for spec in points {
            // Points that differ only in values that do not change sizes share an estimate.
            let key = "\(spec.generations) \(spec.replicates) \(spec.metrics) \(spec.schedule) \(spec.regime) \(spec.trajectories) \(spec.resolvedPath) \(FamilyFootprint.of(spec))"
            let parts = cache[key] ?? Self.runParts(spec, threads: threads, report: report)
            cache[key] = parts
            let total = parts.memory.reduce(0) { $0 + $1.bytes }
            if total > largest {
                largest = total
                largestMemory = parts.memory
            }
            for item in parts.disk {
                if item.name.hasPrefix("checkpoint.plist") {
                    // Deleted when its point completes: only the points running at once hold one.
                    largestCheckpoint = max(largestCheckpoint, item.bytes)
                    continue
                }
                let name = item.name.hasPrefix("summary.csv") ? "summary.csv of every point"
                    : item.name.hasPrefix("trajectories.csv") ? "trajectories.csv of every point"
                    : "\(item.name) of every point"
                disk[name, default: 0] += item.bytes
            }
        }
        let parallel = Double(max(1, min(pointsInParallel, max(1, points.count))))
        var memory = [Item(name: "the process (runtime and libraries)", bytes: Self.processBytes)]
        for item in largestMemory {
            memory.append(Item(name: "\(Self.count(parallel)) points at once × \(item.name)", bytes: parallel * item.bytes))
        }
        var diskItems = disk.map { Item(name: $0.key, bytes: $0.value) }
        diskItems.append(Item(name: "checkpoint.plist of the points running at once", bytes: parallel * largestCheckpoint))
        if let first = points.first {
            let T = Double(first.generations), M = Double(first.metrics.count), P = Double(allPoints)
            diskItems.append(Item(
                name: "sweep.csv (\(Self.count(P * (T + 1) * M)) rows)",
                bytes: P * (Self.summaryBytes(first) + (T + 1) * M * Double(keys) * 12)))
            if report {
                diskItems.append(Item(
                    name: "the sweep's charts and index.html",
                    bytes: 5 * 1024 + M * (Self.chartBytesPerMetric + Self.chartBytesPerGeneration * (T + 1) * P) + 200 * P))
            }
            diskItems.append(Item(name: "plan.json and sweep.yaml", bytes: 2048 + 300 * P))
        }
        self.init(memory: memory, disk: diskItems)
    }

    // MARK: refusing

    /// Why a run or sweep was refused: what it needs, and what the machine has.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public enum Resource: String, Sendable { case memory, disk }
        public var resource: Resource
        public var estimate: ResourceEstimate
        public var machine: MachineResources
        /// "run" or "sweep".
        public var what: String

        public var description: String {
            let items = resource == .memory ? estimate.memory : estimate.disk
            let needed = resource == .memory ? estimate.memoryBytes : estimate.diskBytes
            let have: String
            let advice: String
            switch resource {
            case .memory:
                have = "the \(ResourceEstimate.bytes(machine.availableMemory ?? 0)) available (\(machine.memorySource))"
                advice = "lower replicates, generations, samples or the number of metrics, use fewer --threads (sweeps: --points-in-parallel)"
            case .disk:
                have = "the \(ResourceEstimate.bytes(machine.freeDisk ?? 0)) free on the volume of \(machine.diskPath)"
                advice = "set trajectories: false, lower replicates, generations or the number of metrics, write elsewhere with --out or --runs-root"
            }
            let parts = items.prefix(4).map { "\($0.name) \(ResourceEstimate.bytes($0.bytes))" }.joined(separator: "; ")
            return "this \(what) needs an estimated \(ResourceEstimate.bytes(needed)) of \(resource == .memory ? "memory" : "disk"), more than \(have): \(parts). To fit, \(advice); or run it anyway with --force"
        }
    }

    /// Throws a ``Refusal`` when the estimate exceeds what the machine has (unknown amounts pass).
    public func check(against machine: MachineResources, what: String = "run") throws {
        if let available = machine.availableMemory, memoryBytes > available {
            throw Refusal(resource: .memory, estimate: self, machine: machine, what: what)
        }
        if let free = machine.freeDisk, diskBytes > free {
            throw Refusal(resource: .disk, estimate: self, machine: machine, what: what)
        }
    }

    // MARK: formatting

    /// `1.5 GiB`, `312 KiB`, `7.28 TiB`, `12 B`.
    public static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return "an unbounded amount" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        var scaled = value
        var unit = 0
        while scaled >= 1024 && unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(scaled)) B" }
        return String(format: scaled < 10 ? "%.2f" : scaled < 100 ? "%.1f" : "%.0f", scaled) + " " + units[unit]
    }

    /// A count with thousands separators, or in scientific notation when huge.
    static func count(_ value: Double) -> String {
        guard value < 1e15 else { return String(format: "%.2g", value) }
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
