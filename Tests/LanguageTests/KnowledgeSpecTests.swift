import Experiments
import Foundation
import ModelCollapse
import Testing
@testable import Language

/// The `knowledge` family as a spec: defaults, strict parsing, users' facts files, presets, and a
/// tiny run end to end.
@Suite struct KnowledgeSpecTests {
    /// The spec error of `text`, or nil (recorded as an issue) when it parses.
    static func specError(_ text: String) -> SpecError? {
        do {
            _ = try SpecParser.parse(text)
            Issue.record("expected a spec error for:\n\(text)")
            return nil
        } catch let error as SpecError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static let base = "family: knowledge\nsamples: 6035\n"

    @Test func defaultsResolveAndRoundTrip() throws {
        let spec = try SpecParser.parse(Self.base)
        let family = try #require(spec.family as? KnowledgeFamily)
        #expect(family.factCount == 400 && family.factRepeats == 2 && family.order == 8)
        #expect(family.discounting == .plain && family.decoding.isPureSampling)
        #expect(family.stages == KnowledgeStageRule(factsFall: 0.5, fluencyFalls: 1.75))
        #expect(family.realDocuments == 6035)
        #expect(spec.metrics == KnowledgeMetric.defaults.map(\.rawValue))
        #expect(spec.resolvedPath == .samples)
        let emitted = SpecYAML.emit(spec.resolved)
        #expect(SpecYAML.emit(try SpecParser.parse(emitted).resolved) == emitted, "\(emitted)")
        let custom = Self.base + """
            target-domain: [acid, salt]
            formats: [question-answer]
            decoding: {method: beam, width: 3, length-penalty: 0.5}
            synthetic: {domain: target, fact-share: 0.4}
            stages: {facts-fall: 0.3, fluency-falls: 2.0}
            """
        let again = try SpecParser.parse(custom)
        let text = SpecYAML.emit(again.resolved)
        #expect(SpecYAML.emit(try SpecParser.parse(text).resolved) == text, "\(text)")
        #expect(text.contains("fact-share: 0.4"))
    }

    @Test func strictParsingNamesTheKey() {
        let cases: [(String, String)] = [
            ("synthetic: {domain: all, budget: 3}", "synthetic.budget"),
            ("synthetic: {domain: 3}", "synthetic.domain"),
            ("synthetic: {domain: target}", "synthetic.domain"),
            ("synthetic: {domain: [volcano]}", "synthetic.domain"),
            ("synthetic: {fact-share: 1.5}", "synthetic.fact-share"),
            ("decoding: {method: greedy, temperature: 0.5}", "decoding.temperature"),
            ("decoding: {method: beam}", "decoding.width"),
            ("decoding: {top-p: 0}", "decoding.top-p"),
            ("decoding: nucleus", "decoding"),
            ("formats: [declarative, declarative]", "formats[1]"),
            ("formats: [haiku]", "formats[0]"),
            ("order: 9", "order"),
            ("text: {train: 10, held-out: 3}", "text.held-out"),
            ("text: {reference: 100000}", "text"),
            ("target-domain: [volcano]", "target-domain"),
            ("stages: {fluency-falls: 0.9}", "stages.fluency-falls"),
            ("metrics: [domain-accuracy]", "metrics[0]"),
            ("update: {incremental: {step: 0.5}}", "update"),
            ("path: statistics", "path"),
        ]
        for (extra, path) in cases {
            #expect(Self.specError(Self.base + extra)?.path == path, "\(extra)")
        }
        // Too few synthetic documents for every fact prompt to get one: the message gives the
        // real data's size.
        let small = Self.specError("family: knowledge\nsamples: 100")
        #expect(small?.path == "samples")
        #expect(small?.message.contains("6035") == true)
    }

    @Test func metricsAllRunsWithoutATargetDomain() throws {
        let spec = try SpecParser.parse(Self.base + "metrics: all")
        #expect(spec.metrics.count == KnowledgeMetric.allCases.count)
    }

    @Test func badFactsFilesNameTheFileAndLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knowledge-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: String, _ data: Data) -> String {
            let url = root.appendingPathComponent(name)
            try! data.write(to: url)
            return url.path
        }
        let missing = Self.specError("family: knowledge\nfacts: \(root.path)/nope.tsv")
        #expect(missing?.path == "facts")
        #expect(missing?.message.contains("nope.tsv: does not exist") == true)
        let empty = Self.specError("family: knowledge\nfacts: \(write("empty.tsv", Data()))")
        #expect(empty?.message.contains("is empty") == true)
        let latin1 = Self.specError("family: knowledge\nfacts: \(write("latin1.tsv", Data("kill\tdestruction\n".utf8) + Data([0x63, 0x61, 0x66, 0xE9, 0x09, 0x73, 0x68, 0x6F, 0x70, 0x0A])))")
        #expect(latin1?.message.contains("latin1.tsv, line 2") == true)
        #expect(latin1?.message.contains("UTF-8") == true)
        let oneColumn = Self.specError("family: knowledge\nfacts: \(write("one.tsv", Data("kill\tdestruction\nbroken line\n".utf8)))")
        #expect(oneColumn?.message.contains("one.tsv, line 2") == true)
        // A well-formed file without enough text is a spec error at text, naming the file.
        let tiny = write("tiny.tsv", Data("kill\tdestruction\tthe destruction of a plane\nrazing\tdestruction\tcomplete destruction of a building\n".utf8))
        let noText = Self.specError("family: knowledge\nfacts: \(tiny)")
        #expect(noText?.path == "text")
        #expect(noText?.message.contains("tiny.tsv") == true)
    }

    /// A user's facts file runs end to end through the spec, with the same results at any thread
    /// count.
    @Test func aUsersFactsFileRuns() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knowledge-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // The first 600 bundled entries, written back as a user's file with a header.
        var text = "lemma\thypernym\tdefinition\texamples\n"
        for entry in LexicalTable.bundled().prefix(600) {
            text += "\(entry.lemma)\t\(entry.hypernym)\t\(entry.definition)\t\(entry.examples.joined(separator: "|"))\n"
        }
        let path = root.appendingPathComponent("facts.tsv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try SpecParser.parse("""
            family: knowledge
            facts: \(path)
            fact-count: 30
            text: {train: 150, reference: 150, test: 50}
            fluency-sample: 20
            generations: 2
            replicates: 2
            samples: 400
            metrics: all
            """)
        let result = spec.family.run(spec, control: RunControl(threads: 2))
        // The same numbers on one thread: replicates own their streams.
        #expect(spec.family.run(spec, control: RunControl(threads: 1)).rows == result.rows)
        #expect(result.rows.count == 3)
        for row in result.rows { for cell in row { #expect(!cell.mean.isNaN, "\(cell.metric)") } }
        let accuracy = try #require(result.rows[1].first { $0.metric == "fact-accuracy" })
        #expect(accuracy.mean >= 0.9)
    }

    @Test func presetsParse() throws {
        for name in ["knowledge-collapse", "knowledge-domain"] {
            let text = try #require(Presets.text(named: name), "\(name)")
            let plan = try SpecParser.parseSweep(text)
            #expect(!plan.points.isEmpty)
        }
    }
}
