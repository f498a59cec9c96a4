import Foundation
import ModelCollapse

/// trajectories.csv: `replicate,generation,metric,value`, one row per replicate, fit and metric,
/// in replicate order; written through a buffer.
public final class TrajectoryWriter: TrajectorySink {
    let handle: FileHandle
    let metricNames: [String]
    var buffer = ""

    /// A new file with its header, or, when `resumingAt` is given, the existing file cut back to
    /// that many bytes (the rows of the replicates a checkpoint covers) and continued.
    public init(url: URL, metricNames: [String], resumingAt offset: UInt64? = nil) throws {
        if let offset, FileManager.default.fileExists(atPath: url.path) {
            handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: offset)
            try handle.seekToEnd()
        } else {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
            buffer = "replicate,generation,metric,value\n"
        }
        self.metricNames = metricNames
    }

    public func record(replicate: Int, generation: Int, values: UnsafeBufferPointer<Double>) {
        for (m, value) in values.enumerated() {
            buffer += "\(replicate),\(generation),\(metricNames[m]),\(NumberFormat.csv(value))\n"
        }
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    /// Writes the buffer out and returns the file's length.
    @discardableResult
    public func flush() -> UInt64 {
        handle.write(Data(buffer.utf8))
        buffer = ""
        return (try? handle.offset()) ?? 0
    }

    public func close() {
        flush()
        try? handle.close()
    }
}
