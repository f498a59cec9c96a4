import ArgumentParser
import Foundation
import Reports

/// `collapse export RUN --format json|csv [--out FILE]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's manifest and summary as JSON (or its summary as CSV).",
        discussion: """
            JSON: {"manifest": {…}, "summary": [{"generation", "metric", "mean", "sd", "se", "q05", "q50", \
            "q95", "theory"}, …]}; inf and nan are the strings "inf", "-inf", "nan", a missing theory is null. \
            CSV: summary.csv with name, family and seed columns in front.
            """)

    @Argument(help: ArgumentHelp("A run directory, or a run in the index (id, name or name prefix).", valueName: "run"))
    var target: String

    @Option(help: "json or csv.")
    var format: RunExport.Format = .json

    @Option(help: "Write here instead of standard output.")
    var out: String?

    @OptionGroup var rootOption: RunsRootOption

    func run() throws {
        let directory = try RunsRootOption.resolveDirectory(target, root: rootOption.rootURL)
        let text = try RunExport.render(RunDirectory(reading: directory), format: format)
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } else {
            print(text, terminator: "")
        }
    }
}

extension RunExport.Format: ExpressibleByArgument {}
