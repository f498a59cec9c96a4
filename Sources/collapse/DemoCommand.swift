import ArgumentParser
import Experiments
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bundled experiment: replace vs accumulate vs a growing sample size.",
        discussion: """
            A 1-D Gaussian is refitted on its own samples with the unbiased estimator (n = 100, \
            500 generations, 1000 replicates). Replacing the data makes σ shrink (Shumailov et al. \
            2024); accumulating it keeps σ (Gerstgrasser et al. 2024); growing n(t) = 100·(t+1)^1.5 \
            keeps σ too (Xu, He & Cheng 2025). Three run directories are written under one folder.
            """)

    @OptionGroup var options: RunOptions

    static let variants: [(name: String, overrides: [String], label: String)] = [
        ("replace", ["regime=replace"], "replace"),
        ("accumulate", ["regime=accumulate"], "accumulate"),
        ("growing", ["samples={schedule: power, initial: 100, exponent: 1.5}"], "n(t)=100(t+1)^1.5"),
    ]

    func run() throws {
        guard let text = Presets.text(named: "demo") else { fail("the bundled demo spec is missing") }
        let folder = options.out.map { URL(fileURLWithPath: $0) }
            ?? ExperimentRunner.defaultDirectory(for: "demo", root: URL(fileURLWithPath: options.runsRoot), at: Date())
        if FileManager.default.fileExists(atPath: folder.path) { fail("\(folder.path) already exists") }
        var records: [(label: String, record: ExperimentRunner.Record)] = []
        for variant in Self.variants {
            let spec = try parseSpec(text, overrides: options.shortcutOverrides + variant.overrides + ["name=demo-\(variant.name)"])
            let record = try execute(spec, options: options, outputDirectory: folder.appendingPathComponent(variant.name), label: variant.name)
            records.append((variant.label, record))
        }
        printTable(records)
        print("")
        print("run directories: \(folder.path)/{replace,accumulate,growing}")
    }

    /// E σ_t (mean of the fitted standard deviation) at a few generations, with theory where it
    /// exists, and the fraction of replicates collapsed by the last generation.
    func printTable(_ records: [(label: String, record: ExperimentRunner.Record)]) {
        guard let generations = records.first?.record.summary.count else { return }
        let last = generations - 1
        let marks = Array(Set([0, 1, 10, 50, 100, 200, 500, last].filter { $0 <= last })).sorted()
        print("")
        print("σ_t of a Gaussian refitted on its own samples (mean over replicates; theory in brackets)")
        print(pad("generation", 12) + records.map { pad($0.label, 26) }.joined())
        for t in marks {
            var line = pad(String(t), 12)
            for (_, record) in records {
                guard let row = record.summary[t].first(where: { $0.metric == "std" }) else { continue }
                let theory = row.theory.map { " [\(fmt($0))]" } ?? ""
                line += pad(fmt(row.mean) + theory, 26)
            }
            print(line)
        }
        var collapsed = pad("collapsed", 12)
        for (_, record) in records {
            let row = record.summary[last].first { $0.metric == "collapsed" }
            collapsed += pad(row.map { String(format: "%.1f%%", 100 * $0.mean) } ?? "—", 26)
        }
        print(collapsed)
    }
}
