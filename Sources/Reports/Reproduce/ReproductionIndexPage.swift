import Experiments
import Foundation

/// `reproduce/index.html`: every reproduction found under a folder (each subfolder with a
/// `reproduction.json`), its paper, links to its runs' reports, and its verdicts (claim, what was
/// measured, the statistic, agrees or not). Self-contained like report.html; the same records give
/// the same bytes.
public enum ReproductionIndexPage {
    public static let fileName = "index.html"

    /// Reads every reproduction under `root`, in name order.
    public static func records(in root: URL) throws -> [ReproductionRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return try names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let folder = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReproductionRecord.fileName).path) else { return nil }
            do {
                return try ReproductionRecord.read(from: folder)
            } catch {
                throw RunFileError(file: folder.appendingPathComponent(ReproductionRecord.fileName).path, message: "not a reproduction record: \(error)")
            }
        }
    }

    /// Renders and writes `root/index.html`; returns its URL.
    @discardableResult
    public static func write(root: URL) throws -> URL {
        let url = root.appendingPathComponent(fileName)
        try Data(render(try records(in: root)).utf8).write(to: url, options: .atomic)
        return url
    }

    public static func render(_ records: [ReproductionRecord]) -> String {
        let verdicts = records.flatMap(\.verdicts)
        let agreeing = verdicts.filter(\.agrees).count
        var html = ReportStyle.pageStart(title: "collapse reproduce")
        html += "<h1>Seed papers' results, reproduced</h1>\n"
        html += "<p class=\"subtitle\">\(records.count) reproductions, \(verdicts.count) claims: "
        html += "<span class=\"status\(agreeing == verdicts.count ? "" : " bad")\">\(agreeing) of \(verdicts.count) agree</span>"
        let quick = records.filter(\.quick).map(\.name)
        if !quick.isEmpty { html += " · run with <code>--quick</code> sizes: \(Markup.escape(quick.joined(separator: ", ")))" }
        html += "</p>\n"
        html += "<p class=\"note\">Each claim is decided by the statistic beside it, on means across replicates and their standard errors. "
        html += "Significance tests agree only when the effect is shown at α = \(ClaimTest.alpha); consistency tests (theory, bounds) agree unless the data contradict the claim at that level.</p>\n"
        html += "<table>\n<thead><tr><th>reproduction</th><th>paper</th><th class=\"num\">claims agreeing</th></tr></thead>\n<tbody>\n"
        for record in records {
            let ok = record.verdicts.filter(\.agrees).count
            html += "<tr\(ok == record.verdicts.count ? "" : " class=\"flag\"")><td><a href=\"#\(anchor(record.name))\">\(Markup.escape(record.name))</a></td>"
            html += "<td>\(Markup.escape(record.paper))</td><td class=\"num\">\(ok) / \(record.verdicts.count)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        for record in records {
            html += "<h2 id=\"\(anchor(record.name))\">\(Markup.escape(record.name))</h2>\n"
            html += "<p class=\"subtitle\">\(Markup.escape(record.title)) — \(Markup.escape(record.paper))</p>\n"
            html += "<nav>runs: " + record.runs.map { run in
                "<a href=\"\(Markup.escape(record.name))/\(Markup.escape(run.directory))/report.html\">\(Markup.escape(run.name))</a>"
            }.joined(separator: " ") + " · <a href=\"\(Markup.escape(record.name))/\(ReproductionRecord.verdictsFile)\">verdicts.csv</a></nav>\n"
            html += "<table>\n<thead><tr><th>claim</th><th>measured</th><th>statistic</th><th>verdict</th></tr></thead>\n<tbody>\n"
            for verdict in record.verdicts {
                html += "<tr\(verdict.agrees ? "" : " class=\"flag\"")><td>\(Markup.escape(verdict.claim))</td><td>\(Markup.escape(verdict.measured))</td>"
                html += "<td>\(Markup.escape(verdict.statistic))</td>"
                html += "<td class=\"\(verdict.agrees ? "ok" : "bad")\">\(label(verdict.outcome))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "<footer>Written by collapse reproduce from each reproduction's reproduction.json; the same files give the same page.</footer>\n</main>\n</body>\n</html>\n"
        return html
    }

    static func label(_ outcome: Verdict.Outcome) -> String {
        switch outcome {
        case .agrees: return "agrees"
        case .disagrees: return "disagrees"
        case .missing: return "not measured"
        }
    }

    static func anchor(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }
}
