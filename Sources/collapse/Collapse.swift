import ArgumentParser

@main
struct Collapse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collapse",
        abstract: "Simulate, measure and predict model collapse in recursive training.",
        discussion: """
            A model is fit on data, generates synthetic data, and the next generation is trained on \
            that: alone, mixed with real data, or accumulated. `collapse run SPEC.yaml` runs an \
            experiment into a run directory (spec.yaml, manifest.json, summary.csv).
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, DemoCommand.self, FamiliesCommand.self, ReportCommand.self, RunsCommand.self,
            ExportCommand.self, SweepCommand.self, ReproduceCommand.self,
        ]
    )
}
