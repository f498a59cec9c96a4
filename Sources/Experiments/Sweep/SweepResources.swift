import Foundation

/// What each task of a sweep asks a scheduler for: `sweep.resources` in the spec, or flags of
/// `collapse sweep emit`. Absent values are left to the cluster's defaults.
///
/// ```yaml
/// sweep:
///   samples: [10, 100, 1000]
///   resources: {cpus: 2, memory: 4G, time: "2:00:00", parallel: 50}
/// ```
public struct SweepResources: Sendable, Equatable {
    /// CPU cores per task; the task runs its replicates on that many threads.
    public var cpus: Int
    /// Memory per task, in MiB.
    public var memoryMiB: Int?
    /// Wall-time limit per task, in seconds.
    public var timeLimitSeconds: Int?
    /// At most this many tasks at once (Slurm `--array=…%P`, Kubernetes `parallelism`).
    public var parallel: Int?

    public init(cpus: Int = 1, memoryMiB: Int? = nil, timeLimitSeconds: Int? = nil, parallel: Int? = nil) {
        self.cpus = cpus
        self.memoryMiB = memoryMiB
        self.timeLimitSeconds = timeLimitSeconds
        self.parallel = parallel
    }

    public static let keys = ["cpus", "memory", "time", "parallel"]

    /// Reads `sweep.resources`.
    public static func parse(_ value: SpecValue, path: String) throws -> SweepResources {
        let reader = try SpecReader(value, path: path)
        var resources = SweepResources()
        resources.cpus = try reader.int("cpus", default: 1, range: 1...4096)
        if let memory = reader.value("memory") {
            resources.memoryMiB = try Self.memory(scalar(memory, path: reader.keyPath("memory")), path: reader.keyPath("memory"))
        }
        if let time = reader.value("time") {
            resources.timeLimitSeconds = try Self.time(scalar(time, path: reader.keyPath("time")), path: reader.keyPath("time"))
        }
        if let parallel = reader.value("parallel") {
            resources.parallel = try SpecReader.int(parallel, path: reader.keyPath("parallel"), range: 1...1_000_000)
        }
        try reader.finish()
        return resources
    }

    static func scalar(_ value: SpecValue, path: String) throws -> String {
        guard case .scalar(let text) = value else { throw SpecError.wrongType(path, given: value, expected: "a scalar") }
        return text
    }

    static let memoryAllowed = "a size such as 512M, 4G or 1T (binary units K, M, G, T as in Slurm; a bare number is MiB)"

    /// A memory size in MiB: `512M`, `4G`, `4Gi`, `1.5G`, `2T`, `100000K`, or a bare number of MiB.
    public static func memory(_ text: String, path: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = trimmed
        var unit = "M"
        for suffix in ["KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB", "Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T"] {
            if trimmed.uppercased().hasSuffix(suffix.uppercased()) {
                digits = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
                unit = String(suffix.prefix(1)).uppercased()
                break
            }
        }
        guard let number = Double(digits), number.isFinite, number > 0 else {
            throw SpecError(path: path, message: "'\(text)' is not a memory size; allowed: \(memoryAllowed)")
        }
        let factor: Double = ["K": 1.0 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024][unit]!
        let mebibytes = (number * factor).rounded(.up)
        guard mebibytes <= 1e9 else { throw SpecError.outOfRange(path, given: text, allowed: memoryAllowed + ", at most 1000000000 MiB") }
        return Int(mebibytes)
    }

    static let timeAllowed = "minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (Slurm's formats)"

    /// A wall-time limit in seconds, in Slurm's formats: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`.
    public static func time(_ text: String, path: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail() -> SpecError { SpecError(path: path, message: "'\(text)' is not a time limit; allowed: \(timeAllowed)") }
        var days = 0
        var rest = Substring(trimmed)
        let hasDays = rest.contains("-")
        if hasDays {
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let d = Int(parts[0]), d >= 0 else { throw fail() }
            days = d
            rest = parts[1]
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard !fields.isEmpty, fields.count <= 3, fields.allSatisfy({ $0 != nil && $0! >= 0 }) else { throw fail() }
        let f = fields.map { $0! }
        var seconds: Int
        if hasDays {
            // D-H, D-H:M, D-H:M:S
            seconds = f[0] * 3600 + (f.count > 1 ? f[1] * 60 : 0) + (f.count > 2 ? f[2] : 0)
        } else {
            switch f.count {
            case 1: seconds = f[0] * 60
            case 2: seconds = f[0] * 60 + f[1]
            default: seconds = f[0] * 3600 + f[1] * 60 + f[2]
            }
        }
        seconds += days * 86400
        guard seconds >= 1, seconds <= 366 * 86400 else {
            throw SpecError.outOfRange(path, given: text, allowed: "a time limit between 1 second and 366 days")
        }
        return seconds
    }

    /// `D-HH:MM:SS`, as `sbatch --time` reads it.
    public static func slurmTime(_ seconds: Int) -> String {
        String(format: "%d-%02d:%02d:%02d", seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60, seconds % 60)
    }
}
