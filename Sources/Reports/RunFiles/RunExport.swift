import Foundation

/// A run's results for other tools (the Python side): JSON or CSV, built from its files.
public enum RunExport {
    public enum Format: String, Sendable, CaseIterable {
        case json, csv
    }

    public static func render(_ run: RunDirectory, format: Format) throws -> String {
        switch format {
        case .json: try json(run)
        case .csv: csv(run)
        }
    }

    /// `{"manifest": <manifest.json as written>, "summary": [{"generation": 0, "metric": …, "mean": …,
    /// "sd": …, "se": …, "q05": …, "q50": …, "q95": …, "theory": … or null}, …]}`.
    ///
    /// JSON has no infinities or NaN: those are the strings `"inf"`, `"-inf"`, `"nan"` (Python's
    /// `float()` reads them); a missing theory is `null`.
    public static func json(_ run: RunDirectory) throws -> String {
        guard var manifest = String(data: run.manifestData, encoding: .utf8) else {
            throw RunFileError(file: run.url.appendingPathComponent(RunDirectory.manifestFile).path, message: "not UTF-8 text")
        }
        manifest = manifest.trimmingCharacters(in: .whitespacesAndNewlines)
        var out = "{\n\"manifest\": \(manifest),\n\"summary\": ["
        for (i, row) in run.summary.rows.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "{\"generation\": \(row.generation), \"metric\": \(jsonString(row.metric))"
            for (key, value) in [("mean", row.mean), ("sd", row.sd), ("se", row.se), ("q05", row.q05), ("q50", row.q50), ("q95", row.q95)] {
                out += ", \"\(key)\": \(jsonNumber(value))"
            }
            out += ", \"theory\": \(row.theory.map(jsonNumber) ?? "null")}"
        }
        out += "\n]\n}\n"
        return out
    }

    /// `summary.csv` with the run's `name`, `family` and `seed` as leading columns, so the
    /// exports of several runs concatenate into one tidy table.
    public static func csv(_ run: RunDirectory) -> String {
        let prefix = [run.name, run.manifest.family ?? "", run.manifest.seed.map { String($0) } ?? ""].map(DataTable.quote)
        let lines = run.summary.csv().split(separator: "\n", omittingEmptySubsequences: false)
        var out = "name,family,seed," + (lines.first.map(String.init) ?? "") + "\n"
        for line in lines.dropFirst() where !line.isEmpty {
            out += prefix.joined(separator: ",") + "," + line + "\n"
        }
        return out
    }

    static func jsonNumber(_ value: Double) -> String {
        if let special = NumberFormatting.nonFinite(value) { return "\"\(special)\"" }
        return NumberFormatting.full(value)
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
