import Experiments
import Families
import Foundation
import ModelCollapse
import Testing

/// The neural-network families as specs: keys and defaults, strict errors, the labelled-CSV loader's
/// messages, the presets, and a small run on a user's CSV file.
@Suite struct NeuralNetworkSpecTests {
    /// A temporary directory with `files` written into it.
    func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nn-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test func familiesAreRegistered() {
        for name in ["mlp-labels", "self-training", "refinement"] {
            #expect(FamilyRegistry.family(named: name) != nil)
        }
    }

    @Test func defaultsAndRoundTrip() throws {
        let spec = try SpecParser.parse("family: mlp-labels")
        let family = try #require(spec.family as? MLPLabelsFamily)
        #expect(family.network.source == .digits && family.network.data.count == 1797)
        #expect(family.network.training == TrainingConfiguration())
        #expect(family.network.testFraction == 0.2 && family.network.scaling == .minMax && family.labelling == .sample)
        #expect(family.network.poolSize == 1438)
        #expect(spec.metrics == ["test-accuracy", "test-loss", "agreement", "label-entropy"])
        let texts = [
            "family: mlp-labels",
            "family: mlp-labels\nlabels: argmax\nscaling: standardize\ntest-fraction: 0.3\nnetwork: {hidden: [32, 16], optimizer: sgd, momentum: 0.5, learning-rate: 0.1, precision: float64}\nregime: {synthetic: replace, real: {fraction: 0.5}}\nsamples: 500",
            "family: mlp-labels\nnetwork: {hidden: []}",
            "family: self-training\nregime: {synthetic: replace, real: keep}",
            "family: self-training\nregime: {synthetic: accumulate, real: keep, real-weight: 0.3}\nselection: {soft: {power: 2}}\nlabelled-per-class: 10",
            "family: self-training\nregime: {synthetic: replace, real: keep}\nselection: learned",
            "family: self-training\nregime: {synthetic: replace, real: keep}\nselection: all\nmetrics: all",
            "family: refinement\nmetrics: [test-accuracy, train-accuracy]",
            "family: refinement\nstage-inputs: {cross-fitted: 4}",
        ]
        for text in texts {
            let parsed = try SpecParser.parse(text)
            let emitted = SpecYAML.emit(parsed.resolved)
            let again = try SpecParser.parse(emitted)
            #expect(again.resolved == parsed.resolved, "\(emitted)")
        }
        let selfTraining = try #require(try SpecParser.parse(texts[4]).family as? SelfTrainingFamily)
        #expect(selfTraining.selection == .soft(power: 2) && selfTraining.labelledPerClass == 10)
    }

    @Test func badInputNamesTheKey() {
        #expect(specError("family: mlp-labels\nlabels: mode")?.path == "labels")
        #expect(specError("family: mlp-labels\nnetwork: {hiden: [3]}")?.path == "network.hiden")
        #expect(specError("family: mlp-labels\nnetwork: {hidden: 64}")?.path == "network.hidden")
        #expect(specError("family: mlp-labels\nnetwork: {hidden: [0]}")?.path == "network.hidden[0]")
        #expect(specError("family: mlp-labels\nnetwork: {momentum: 0.9}")?.path == "network.momentum")
        #expect(specError("family: mlp-labels\nnetwork: {optimizer: rmsprop}")?.path == "network.optimizer")
        #expect(specError("family: mlp-labels\nnetwork: {precision: float16}")?.path == "network.precision")
        #expect(specError("family: mlp-labels\nnetwork: {validation-fraction: 0.95}")?.path == "network.validation-fraction")
        #expect(specError("family: mlp-labels\nnetwork: {learning-rate: 0}")?.path == "network.learning-rate")
        #expect(specError("family: mlp-labels\ntest-fraction: 0")?.path == "test-fraction")
        #expect(specError("family: mlp-labels\ntest-fraction: 1")?.path == "test-fraction")
        #expect(specError("family: mlp-labels\nscaling: log")?.path == "scaling")
        #expect(specError("family: mlp-labels\nlabel-column: 3")?.path == "label-column")
        #expect(specError("family: mlp-labels\nmetrics: [kept-fraction]")?.path == "metrics[0]")
        #expect(specError("family: mlp-labels\nupdate: {incremental: {step: 0.5}}")?.path == "update")
        #expect(specError("family: mlp-labels\npath: statistics")?.path == "path")
        // Real draws come from the finite pool of 1,438 examples.
        let fraction = specError("family: mlp-labels\nsamples: 1438\nregime: {synthetic: replace, real: {fraction: 0.6}}")
        #expect(fraction?.path == "regime.real.fraction" && fraction?.message.contains("2157 real examples") == true)
        #expect(specError("family: mlp-labels\nsamples: 1438\ngenerations: 3\nregime: {synthetic: accumulate, real: {fraction: 0.5}}")?.path == "regime.real.fraction")
        #expect(specError("family: mlp-labels\nregime: {synthetic: replace, real: {fresh: 2000}}")?.path == "regime.real.fresh")
        #expect(specError("family: self-training")?.path == "regime")
        #expect(specError("family: self-training\nregime: {synthetic: replace, real: {fresh: 10}}")?.path == "regime")
        #expect(specError("family: self-training\nregime: {synthetic: replace, real: keep}\nlabelled-per-class: 144")?.path == "labelled-per-class")
        #expect(specError("family: self-training\nregime: {synthetic: replace, real: keep}\nselection: {threshold: 1.5}")?.path == "selection.threshold")
        #expect(specError("family: self-training\nregime: {synthetic: replace, real: keep}\nselection: confident")?.path == "selection")
        #expect(specError("family: self-training\nregime: {synthetic: replace, real: keep}\nselection: {soft: {power: 2, floor: 0}}")?.path == "selection.soft.floor")
        #expect(specError("family: refinement\nregime: accumulate")?.path == "regime")
        #expect(specError("family: refinement\nstage-inputs: {cross-fitted: 1}")?.path == "stage-inputs.cross-fitted")
        #expect(specError("family: refinement\nstage-inputs: out-of-fold")?.path == "stage-inputs")
    }

    @Test func presetsParse() throws {
        let labels = try SpecParser.parseSweep(try #require(Presets.text(named: "mlp-synthetic-labels")))
        #expect(labels.points.count == 3)
        for point in labels.points {
            #expect(point.spec.family is MLPLabelsFamily)
        }
        let selfTraining = try SpecParser.parseSweep(try #require(Presets.text(named: "self-training-digits")))
        #expect(selfTraining.points.count == 2)
        let first = try #require(selfTraining.points[0].spec.family as? SelfTrainingFamily)
        #expect(first.selection == .threshold(0.9) && first.labelledPerClass == 5)
        #expect(selfTraining.points[0].spec.regime == Regime(synthetic: .replace, real: .keep))
    }

    /// Every problem of a user's file names the file, the line and what is wrong.
    @Test func csvProblemsNameFileAndLine() throws {
        let dir = try directory([
            "ragged.csv": "a,b,label\n1,2,x\n3,4,y\n5,y\n",
            "text.csv": "1,2,x\n3,four,y\n",
            "unlabelled.csv": "1,2,x\n3,4,\n",
            "empty.csv": "",
            "one-class.csv": "1,2,x\n3,4,x\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        func message(_ file: String, _ extra: String = "") -> String? {
            specError("family: mlp-labels\ndata: \(dir.appendingPathComponent(file).path)\(extra)")?.description
        }
        let path = dir.standardizedFileURL.path
        #expect(message("ragged.csv") == "spec error at 'data': \(path)/ragged.csv, line 4: 2 columns, but line 1 has 3 (a ragged row)")
        #expect(message("text.csv") == "spec error at 'data': \(path)/text.csv, line 2: column 2: 'four' is not a number")
        #expect(message("unlabelled.csv") == "spec error at 'data': \(path)/unlabelled.csv, line 2: the label (column 3) is missing")
        #expect(message("empty.csv") == "spec error at 'data': \(path)/empty.csv: the file is empty: no data rows")
        #expect(message("one-class.csv")?.contains("at least 2 classes") == true)
        #expect(message("missing.csv") == "spec error at 'data': the data file \(path)/missing.csv does not exist")
        #expect(message("ragged.csv", "\nlabel-column: kind")?.contains("line 1: no column is named 'kind'") == true)
        #expect(message("text.csv", "\nlabel-column: 0")?.hasPrefix("spec error at 'label-column'") == true)
        try Data([0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("binary.csv"))
        #expect(message("binary.csv") == "spec error at 'data': the data file \(path)/binary.csv is not UTF-8 text")
    }

    /// A user's CSV (a header, the label in the first column, named) runs end to end: the digits'
    /// first 240 rows with their labels as words.
    @Test func runsOnAUsersCSV() throws {
        let digits = try LabelledDataSet.digits().prefix(240)
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        var csv = "digit," + (1...64).map { "p\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<240 {
            csv += words[Int(digits.labels[i])] + "," + digits.features[(i * 64)..<((i + 1) * 64)].map { String(Int($0)) }.joined(separator: ",") + "\n"
        }
        let dir = try directory(["digits.csv": csv])
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try SpecParser.parse("""
            family: mlp-labels
            data: \(dir.appendingPathComponent("digits.csv").path)
            label-column: digit
            network: {hidden: [8], max-epochs: 3}
            generations: 2
            replicates: 2
            samples: 100
            metrics: all
            """)
        let family = try #require(spec.family as? MLPLabelsFamily)
        #expect(family.network.data.classNames == words.sorted())
        #expect(family.network.data.features == digits.features)
        let result = family.run(spec, control: RunControl(threads: 2))
        #expect(result.completedReplicates == 2)
        for row in result.rows.flatMap({ $0 }) { #expect(row.mean.isFinite, "\(row.metric) at \(row.generation)") }
        let entry = result.rows[0].first { $0.metric == "test-accuracy" }
        #expect(entry?.mean == 1)
    }
}
