import Foundation

/// Merges the points of a sweep directory into `sweep.csv`: the swept keys as columns (values in
/// YAML flow text, as written in the spec), then `generation,metric,mean,sd,se,q05,q50,q95,theory`;
/// points in plan order, each point's summary rows copied as they are in its `summary.csv`.
///
/// It reads only files (plan.json, each point's manifest.json and summary.csv), so the points may
/// come from any number of machines, tasks and thread counts: the bytes are the same as after a
/// local run of the whole sweep.
public enum SweepCollector {
    public static let fileName = "sweep.csv"

    /// The text of sweep.csv. Throws ``SweepError/incomplete(missing:count:directory:)`` naming
    /// the points without a complete run directory, and ``SweepError/pointMismatch(index:directory:)``
    /// for one that holds a run of another spec.
    public static func table(_ directory: URL) throws -> String {
        let plan = try SweepPlanFile.read(from: directory)
        for key in plan.keys where SummaryCSV.header.split(separator: ",").contains(Substring(key)) {
            throw SweepError.io("the swept key \(key) clashes with a column of summary.csv")
        }
        var missing: [Int] = []
        for point in plan.points {
            let pointDirectory = directory.appendingPathComponent(point.directory)
            switch SweepRunner.status(directory: pointDirectory, specHash: point.specHash) {
            case .complete: break
            case .missing: missing.append(point.index)
            case .mismatch:
                // A manifest that is not complete is a point still to run, not another spec.
                if isStopped(pointDirectory) { missing.append(point.index) } else {
                    throw SweepError.pointMismatch(index: point.index, directory: pointDirectory)
                }
            }
        }
        if !missing.isEmpty { throw SweepError.incomplete(missing: missing, count: plan.count, directory: directory) }

        var out = (plan.keys.map(csvField) + [SummaryCSV.header]).joined(separator: ",") + "\n"
        for point in plan.points {
            let url = directory.appendingPathComponent(point.directory).appendingPathComponent("summary.csv")
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw SweepError.io("cannot read \(url.path)")
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            guard lines.first == Substring(SummaryCSV.header) else {
                throw SweepError.io("\(url.path): line 1 is not the summary header \(SummaryCSV.header)")
            }
            let prefix = point.values.map(csvField).joined(separator: ",")
            for line in lines.dropFirst() {
                out += (prefix.isEmpty ? "" : prefix + ",") + line + "\n"
            }
        }
        return out
    }

    /// Writes `sweep.csv` into the sweep directory (atomically) and returns its URL.
    @discardableResult
    public static func collect(_ directory: URL) throws -> URL {
        let text = try table(directory)
        let url = directory.appendingPathComponent(fileName)
        try SweepRunner.writeAtomically(Data(text.utf8), to: url)
        return url
    }

    static func isStopped(_ directory: URL) -> Bool {
        struct Header: Decodable { var status: String? }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("manifest.json").path),
              let header = try? JSONDecoder().decode(Header.self, from: data) else { return false }
        return header.status != "complete"
    }

    /// RFC 4180 quoting, only where needed (flow mappings and lists hold commas).
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
