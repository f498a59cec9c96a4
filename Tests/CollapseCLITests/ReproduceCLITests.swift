import Foundation
import Testing

/// `collapse reproduce` end to end: every reproduction at `--quick` sizes, every claim agreeing,
/// the index page linking every run's report; and the errors of a bad invocation.
@Suite(.serialized) struct ReproduceCLITests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reproduce-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func quickAllAgrees() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try collapse(["reproduce", "--all", "--quick", "--quiet", "--out", "out"], in: folder, timeLimit: 1500)
        #expect(output.status == 0, "stdout:\n\(output.stdout)\nstderr:\n\(output.stderr)")
        #expect(!output.stdout.contains("DISAGREES"))
        #expect(!output.stdout.contains("NOT MEASURED"))
        let list = try collapse(["reproduce", "--list"], in: folder)
        let names = list.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.map(String.init)
        #expect(names.count == 18)
        let root = folder.appendingPathComponent("out")
        let index = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        for name in names {
            let record = root.appendingPathComponent(name).appendingPathComponent("reproduction.json")
            let data = try Data(contentsOf: record)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["quick"] as? Bool == true)
            let verdicts = try #require(json["verdicts"] as? [[String: Any]])
            #expect(!verdicts.isEmpty)
            #expect(verdicts.allSatisfy { $0["outcome"] as? String == "agrees" }, "\(name): \(verdicts)")
            // Every run of the reproduction has its report, and the index links it.
            for run in try #require(json["runs"] as? [[String: Any]]) {
                let directory = try #require(run["directory"] as? String)
                #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("\(name)/\(directory)/report.html").path))
                #expect(index.contains("href=\"\(name)/\(directory)/report.html\""))
            }
        }
        #expect(!index.contains("disagrees"))
        // Nothing half-written is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInvocationsFailWithoutWriting() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknown = try collapse(["reproduce", "no-such-result", "--out", "out"], in: folder)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown reproduction 'no-such-result'"))
        #expect(unknown.stderr.contains("shumailov-gaussian"))
        let nothing = try collapse(["reproduce", "--out", "out"], in: folder)
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("--all"))
        let both = try collapse(["reproduce", "--all", "shumailov-gaussian", "--out", "out"], in: folder)
        #expect(both.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
