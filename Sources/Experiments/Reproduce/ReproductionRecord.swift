import Foundation

/// What `collapse reproduce` writes beside a reproduction's run directories (`reproduction.json`):
/// the reproduction, its runs and its verdicts. The index page is rendered from these files.
public struct ReproductionRecord: Sendable, Codable, Equatable {
    public struct Run: Sendable, Codable, Equatable {
        public var name: String
        /// The run directory, relative to the reproduction's directory.
        public var directory: String
    }

    public static let fileName = "reproduction.json"
    public static let verdictsFile = "verdicts.csv"

    public var name: String
    public var paper: String
    public var title: String
    /// Whether the runs used the `--quick` sizes.
    public var quick: Bool
    public var runs: [Run]
    public var verdicts: [Verdict]
    public var wallSeconds: Double

    public var agrees: Bool { verdicts.allSatisfy(\.agrees) }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func read(from directory: URL) throws -> ReproductionRecord {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try JSONDecoder().decode(ReproductionRecord.self, from: data)
    }

    /// verdicts.csv: `reproduction,claim,outcome,measured,statistic`, RFC 4180 quoting.
    public func verdictsCSV() -> String {
        var lines = ["reproduction,claim,outcome,measured,statistic"]
        for v in verdicts {
            lines.append([v.reproduction, v.claim, v.outcome.rawValue, v.measured, v.statistic].map(Self.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
