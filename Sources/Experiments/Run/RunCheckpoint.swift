import Foundation
import ModelCollapse

/// checkpoint.plist in a partial run directory: where the run goes when complete, how far it got,
/// and the aggregate state to resume from (binary property list: doubles round-trip exactly).
///
/// Written atomically (a temporary file renamed over the old one) at the start of a run, at most
/// every ``ExperimentRunner/Options/checkpointInterval`` seconds after a wave of replicates, and
/// when the run is stopped, so after `kill -9` the last one is intact.
public struct RunCheckpoint: Codable, Sendable {
    /// The run directory the partial directory becomes when complete.
    public var destination: String
    public var specHash: String
    public var started: String
    /// Wall seconds spent before this checkpoint.
    public var elapsedSeconds: Double
    public var simulation: SimulationCheckpoint?
    /// Bytes of trajectories.csv that belong to the replicates the checkpoint covers.
    public var trajectoriesBytes: UInt64?
    /// True when ``destination`` is a default name (no `--out`): if another run took it meanwhile
    /// (parallel runs of one spec in the same second), the run moves to the next free name
    /// (`-2`, `-3`, …) instead of failing.
    public var renameIfTaken: Bool?

    public static let fileName = "checkpoint.plist"

    public func write(to directory: URL) throws {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        let data = try encoder.encode(self)
        let temporary = directory.appendingPathComponent(".\(Self.fileName).tmp")
        try data.write(to: temporary)
        // rename(2) replaces the old checkpoint atomically: a reader sees the old or the new one.
        guard rename(temporary.path, directory.appendingPathComponent(Self.fileName).path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory.path])
        }
    }

    public static func read(from directory: URL) throws -> RunCheckpoint {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try PropertyListDecoder().decode(RunCheckpoint.self, from: data)
    }
}
