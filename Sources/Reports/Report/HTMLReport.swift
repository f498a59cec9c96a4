/// Builds `report.html` for a run: self-contained (inline CSS and SVG), no scripts, no network.
struct HTMLReport {
    var run: RunDirectory
    /// (metric, file name under `plots/`, chart) in report order.
    var charts: [(metric: String, fileName: String, chart: LineChart)]

    func render() -> String {
        let manifest = run.manifest
        let metrics = run.metrics
        let agreements = TheoryAgreement.all(summary: run.summary, metrics: metrics, replicates: manifest.replicates)
        let e = Markup.escape

        var html = ReportStyle.pageStart(title: "\(run.name) · collapse report")

        // Header.
        let status = manifest.status ?? "unknown"
        var facts: [String] = []
        if let family = manifest.family { facts.append("family <b>\(e(family))</b>") }
        if let r = manifest.replicates { facts.append("\(r) replicates") }
        if let t = manifest.generations { facts.append("\(t) generations") }
        if let seed = manifest.seed { facts.append("seed \(seed)") }
        if let path = manifest.path { facts.append("\(e(path)) path") }
        if let wall = manifest.wallSeconds { facts.append("\(e(NumberFormatting.significant(wall, digits: 3))) s") }
        html += "<header>\n<h1>\(e(run.name))</h1>\n"
        html += "<p class=\"subtitle\">\(facts.joined(separator: " · ")) · <span class=\"status\(status == "complete" ? "" : " bad")\">\(e(status))</span></p>\n"
        html += "<nav><a href=\"#charts\">Charts</a><a href=\"#theory\">Theory agreement</a><a href=\"#summary\">Summary</a><a href=\"#manifest\">Manifest</a><a href=\"#spec\">Spec</a><a href=\"#files\">Files</a></nav>\n</header>\n"
        if !manifest.warnings.isEmpty {
            html += "<div class=\"warnings\"><b>Warnings</b><ul>\n"
            for warning in manifest.warnings { html += "<li>\(e(warning))</li>\n" }
            html += "</ul></div>\n"
        }

        // Charts.
        html += "\n<section id=\"charts\">\n<h2>Charts</h2>\n"
        if charts.isEmpty { html += "<p class=\"note\">summary.csv has no rows.</p>\n" }
        for (metric, fileName, chart) in charts {
            html += "<figure class=\"chart\" id=\"chart-\(e(String(fileName.dropLast(4))))\">\n\(chart.svg())\n"
            var caption = "<b>\(e(metric))</b> against generation: line, mean over replicates; shaded, q05–q95 across replicates"
            if chart.series.contains(where: { $0.points.contains { $0.theory != nil } }) { caption += "; dashed, theory" }
            caption += ". \(chart.resolvedYScale == .log ? "Log" : "Linear") y axis. File: <a href=\"plots/\(e(fileName))\">plots/\(e(fileName))</a>"
            html += "<figcaption>\(caption)</figcaption>\n</figure>\n"
        }
        html += "</section>\n"

        // Theory agreement.
        html += "\n<section id=\"theory\">\n<h2>Theory agreement</h2>\n"
        if agreements.isEmpty {
            html += "<p class=\"note\">No metric of this run has a closed-form prediction.</p>\n"
        } else {
            html += "<p class=\"note\">z = (mean − theory) / se at each generation; |z| &gt; \(Int(TheoryAgreement.flagThreshold)) is flagged (about 6·10⁻⁵ chance per generation if the simulation matches the theory). Shown at selected generations; the line above each table covers every generation. A z-score needs the mean over the replicates to be near-normal: where the replicates are so right-skewed that it is not (Cochran's rule R ≥ 25·G², skewness G estimated from q05 and q95 as for a log-normal), a flag is marked <i>heavy tail</i> and does not count as disagreement.</p>\n"
        }
        for agreement in agreements {
            let flagged = agreement.flagged
            let disagreeing = agreement.disagreeing
            let threshold = Int(TheoryAgreement.flagThreshold)
            func list(_ rows: [TheoryAgreement.Row]) -> String {
                rows.prefix(8).map { String($0.generation) }.joined(separator: ", ") + (rows.count > 8 ? ", …" : "")
            }
            html += "<h3>\(e(agreement.metric))</h3>\n<p class=\"note verdict\">"
            if flagged.isEmpty {
                html += "<span class=\"ok\">agrees</span>: |z| ≤ \(threshold) at all \(agreement.rows.count) generations with theory"
            } else if disagreeing.isEmpty {
                html += "<span class=\"warn\">inconclusive</span>: |z| &gt; \(threshold) at \(flagged.count) of \(agreement.rows.count) generations (\(list(flagged))), all where the replicates are too heavy-tailed for a normal z; compare a metric with a lighter tail (such as the log of this one) instead"
            } else {
                html += "<span class=\"bad\">disagrees</span>: |z| &gt; \(threshold) at \(disagreeing.count) of \(agreement.rows.count) generations (\(list(disagreeing)))"
                if disagreeing.count < flagged.count { html += ", and at \(flagged.count - disagreeing.count) more with a heavy tail" }
            }
            if let worst = agreement.worst, let z = worst.z {
                html += "; largest |z| = \(e(NumberFormatting.significant(z.magnitude, digits: 3))) at generation \(worst.generation)"
            }
            html += ".</p>\n"
            let chosen = Set(GenerationSelection.selected(from: agreement.rows.map(\.generation)) + (disagreeing.isEmpty ? flagged : disagreeing).prefix(5).map(\.generation))
            html += "<table class=\"theory\" data-metric=\"\(e(agreement.metric))\">\n<thead><tr><th class=\"num\">generation</th><th class=\"num\">simulated mean</th><th class=\"num\">se</th><th class=\"num\">theory</th><th class=\"num\">z</th><th>flag</th></tr></thead>\n<tbody>\n"
            for row in agreement.rows where chosen.contains(row.generation) {
                html += "<tr\(row.disagrees ? " class=\"flag\"" : row.flagged ? " class=\"flag heavy\"" : "")><td class=\"num\">\(row.generation)</td>"
                html += "<td class=\"num\">\(e(NumberFormatting.significant(row.mean)))</td>"
                html += "<td class=\"num\">\(e(NumberFormatting.significant(row.se, digits: 3)))</td>"
                html += "<td class=\"num\">\(e(NumberFormatting.significant(row.theory)))</td>"
                html += "<td class=\"num\">\(row.z.map { e(NumberFormatting.fixed($0, decimals: 2)) } ?? "")</td>"
                html += "<td>\(row.disagrees ? "<span class=\"bad\">|z| &gt; \(threshold)</span>" : row.flagged ? "<span class=\"warn\">|z| &gt; \(threshold), heavy tail</span>" : "")</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        // Summary at selected generations.
        html += "\n<section id=\"summary\">\n<h2>Summary at selected generations</h2>\n"
        html += "<p class=\"note\">Generation 0 is the truth; generation t ≥ 1 is the t-th fitted model. Statistics across replicates; the full table is <a href=\"summary.csv\">summary.csv</a>.</p>\n"
        for metric in metrics {
            let rows = run.summary.rows(metric: metric)
            let chosen = Set(GenerationSelection.selected(from: rows.map(\.generation)))
            let hasTheory = rows.contains { $0.theory != nil }
            html += "<h3>\(e(metric))</h3>\n<table class=\"summary\" data-metric=\"\(e(metric))\">\n<thead><tr><th class=\"num\">generation</th>"
            for column in ["mean", "sd", "se", "q05", "q50", "q95"] + (hasTheory ? ["theory"] : []) {
                html += "<th class=\"num\">\(column)</th>"
            }
            html += "</tr></thead>\n<tbody>\n"
            for row in rows where chosen.contains(row.generation) {
                html += "<tr><td class=\"num\">\(row.generation)</td>"
                for value in [row.mean, row.sd, row.se, row.q05, row.q50, row.q95] {
                    html += "<td class=\"num\">\(e(NumberFormatting.significant(value)))</td>"
                }
                if hasTheory { html += "<td class=\"num\">\(row.theory.map { e(NumberFormatting.significant($0)) } ?? "")</td>" }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        // Manifest.
        html += "\n<section id=\"manifest\">\n<h2>Manifest</h2>\n<table class=\"manifest\">\n<tbody>\n"
        for entry in manifest.entries where !(entry.value.isEmpty && entry.key != "gitCommit") {
            html += "<tr><td class=\"key\">\(e(entry.key))</td><td class=\"value\">\(e(entry.value.isEmpty ? "—" : entry.value))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"

        // Spec.
        html += "\n<section id=\"spec\">\n<h2>Spec</h2>\n<p class=\"note\">The resolved spec (<a href=\"spec.yaml\">spec.yaml</a>), every default written out.</p>\n"
        html += "<pre class=\"spec\">\(e(run.spec))</pre>\n</section>\n"

        // Files.
        html += "\n<section id=\"files\">\n<h2>Files</h2>\n<ul>\n"
        var files = [RunDirectory.specFile, RunDirectory.manifestFile, RunDirectory.summaryFile]
        if run.hasTrajectories { files.append(RunDirectory.trajectoriesFile) }
        files += charts.map { "\(RunDirectory.plotsFolder)/\($0.fileName)" }
        for file in files { html += "<li><a href=\"\(e(file))\">\(e(file))</a></li>\n" }
        html += "</ul>\n</section>\n"

        let tool = [manifest.tool, manifest.version].compactMap { $0 }.joined(separator: " ")
        html += "\n<footer>Written by \(e(tool.isEmpty ? "collapse" : tool)) from the files of this run directory; re-render with <code>collapse report RUN_DIR</code>.</footer>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }
}
