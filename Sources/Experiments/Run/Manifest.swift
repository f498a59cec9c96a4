import Foundation

/// manifest.json: what ran, with which tool, seed and threads, when, and how it ended.
public struct Manifest: Codable, Sendable, Equatable {
    public var tool = "collapse"
    public var version: String
    public var gitCommit: String?
    public var name: String
    public var family: String
    public var seed: UInt64
    public var replicates: Int
    public var completedReplicates: Int
    public var generations: Int
    public var threads: Int
    public var path: String
    public var metrics: [String]
    public var specHash: String
    public var started: String
    public var finished: String
    public var wallSeconds: Double
    /// `complete`, or `stopped` for a run interrupted before every replicate finished.
    public var status: String
    public var warnings: [String]

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
