import ArgumentParser
@main
struct Collapse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "collapse", abstract: "Simulate, measure and predict model collapse in recursive training.",
        subcommands: [ReportCommand.self, RunsCommand.self, ExportCommand.self])
}
