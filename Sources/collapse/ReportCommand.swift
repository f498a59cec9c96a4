import ArgumentParser
import Foundation
import Reports

/// `collapse report RUN_DIR`: re-render a run directory's plots and report.html from its files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render plots/*.svg and report.html of a run directory from its files.")

    @Argument(help: "A run directory (holding manifest.json, spec.yaml and summary.csv).")
    var runDirectory: String

    @Option(name: .customLong("y-scale"), help: "The charts' y axis: automatic, linear or log.")
    var yScale: AxisScale = .automatic

    func run() throws {
        let url = URL(fileURLWithPath: runDirectory)
        let output = try ReportWriter(yScale: yScale).write(runDirectory: url)
        print(output.report.path)
        for plot in output.plots { print(plot.path) }
    }
}

extension AxisScale: ExpressibleByArgument {}
