import Foundation
import ModelCollapse

/// trajectories.csv: `replicate,generation,metric,value`, one row per replicate, fit and metric,
/// in replicate order; written through a buffer.
public final class TrajectoryWriter: TrajectorySink {
    let handle: FileHandle
    let metricNames: [String]
    var buffer = ""

    public init(url: URL, metricNames: [String]) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        self.metricNames = metricNames
        buffer = "replicate,generation,metric,value\n"
    }

    public func record(replicate: Int, generation: Int, values: UnsafeBufferPointer<Double>) {
        for (m, value) in values.enumerated() {
            buffer += "\(replicate),\(generation),\(metricNames[m]),\(NumberFormat.csv(value))\n"
        }
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    public func flush() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    public func close() {
        flush()
        try? handle.close()
    }
}
