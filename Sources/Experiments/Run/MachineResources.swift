import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the machine has for a run: the memory available to this process and the free disk on the
/// volume that will hold the output, each with where the number came from (for error messages).
public struct MachineResources: Sendable, Equatable {
    /// Bytes of memory available without swapping; nil when unknown.
    public var availableMemory: Double?
    /// Where ``availableMemory`` came from: `MemAvailable in /proc/meminfo`, a cgroup limit, sysconf.
    public var memorySource: String
    /// Bytes free for an unprivileged user on the output volume; nil when unknown.
    public var freeDisk: Double?
    /// The directory whose volume ``freeDisk`` describes.
    public var diskPath: String

    public init(availableMemory: Double?, memorySource: String, freeDisk: Double?, diskPath: String) {
        self.availableMemory = availableMemory
        self.memorySource = memorySource
        self.freeDisk = freeDisk
        self.diskPath = diskPath
    }

    /// This machine's resources, with the free disk of the volume that holds (or will hold) `output`.
    public static func current(output: URL) -> MachineResources {
        let (memory, source) = availableMemory()
        let existing = nearestExistingDirectory(output)
        return MachineResources(availableMemory: memory, memorySource: source, freeDisk: freeDisk(at: existing), diskPath: existing)
    }

    /// Available memory: `MemAvailable` of /proc/meminfo on Linux, lowered to the room left under
    /// a cgroup v2 memory limit (a container, a Slurm or Kubernetes task) when there is one; else
    /// sysconf's available (or, on macOS, physical) pages.
    public static func availableMemory() -> (bytes: Double?, source: String) {
        var best: (bytes: Double, source: String)?
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kibibytes = Double(fields[1]) {
                best = (kibibytes * 1024, "MemAvailable in /proc/meminfo")
            }
        }
        if let room = cgroupRoom(), room < best?.bytes ?? .infinity {
            best = (room, "the cgroup memory limit (memory.max − memory.current)")
        }
        if let best { return (best.bytes, best.source) }
        #if os(Linux)
        let pages = sysconf(Int32(_SC_AVPHYS_PAGES))
        let source = "sysconf(_SC_AVPHYS_PAGES)"
        #else
        let pages = sysconf(_SC_PHYS_PAGES)
        let source = "sysconf(_SC_PHYS_PAGES)"
        #endif
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0, pageSize > 0 { return (Double(pages) * Double(pageSize), source) }
        return (nil, "unknown")
    }

    /// memory.max − memory.current of this process's cgroup (v2), when it sets a limit.
    static func cgroupRoom() -> Double? {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
        else { return nil }
        let directory = "/sys/fs/cgroup" + line.dropFirst(3).trimmingCharacters(in: .whitespaces)
        func number(_ name: String) -> Double? {
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
            return Double(text.trimmingCharacters(in: .whitespacesAndNewlines))  // "max" → nil
        }
        guard let limit = number("memory.max") else { return nil }
        return max(0, limit - (number("memory.current") ?? 0))
    }

    /// Bytes available to an unprivileged user on the volume of `path` (statvfs: f_bavail × f_frsize).
    public static func freeDisk(at path: String) -> Double? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return Double(stats.f_bavail) * Double(stats.f_frsize)
    }

    /// `url` or its nearest ancestor that exists (the directory a run will be created under).
    static func nearestExistingDirectory(_ url: URL) -> String {
        var current = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path), current.path != "/" {
            current = current.deletingLastPathComponent()
        }
        return current.path
    }
}
