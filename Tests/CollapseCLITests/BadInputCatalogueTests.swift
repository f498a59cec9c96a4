import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One bad input: the files a user has, the command they type, and what stderr must say.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    /// Files in the working directory (spec.yaml and data files), as bytes.
    var files: [String: [UInt8]]
    /// The arguments after `collapse`.
    var arguments: [String]
    /// Substrings stderr must contain: the key path, file or line, and the problem.
    var expected: [String]

    var testDescription: String { name }

    init(_ name: String, spec: String?, files: [String: [UInt8]] = [:], arguments: [String]? = nil, expect expected: [String]) {
        self.name = name
        var all = files
        if let spec { all["spec.yaml"] = Array(spec.utf8) }
        self.files = all
        self.arguments = arguments ?? ["run", "spec.yaml"]
        self.expected = expected
    }

    /// A spec with extra arguments after `run spec.yaml`.
    static func flags(_ name: String, _ flags: [String], expect expected: [String], spec: String = "generations: 3\nreplicates: 5\n") -> BadInput {
        BadInput(name, spec: spec, arguments: ["run", "spec.yaml"] + flags, expect: expected)
    }

    /// A categorical spec reading the counts file `file` with `contents`.
    static func countsFile(_ name: String, _ file: String, _ contents: [UInt8]?, expect expected: [String]) -> BadInput {
        BadInput(
            name, spec: "family: categorical\ntruth: {counts-file: \(file)}\ngenerations: 3\nreplicates: 5\n",
            files: contents.map { [file: $0] } ?? [:], expect: expected)
    }
}

/// The catalogue of bad input (Docs/Reliability.md has it as a table): every case runs the real
/// `collapse` binary and must exit non-zero, name the problem on stderr, and write nothing: no run
/// directory, no hidden partial directory, no runs root and so no index row.
enum BadInputCatalogue {
    /// A sweep of 2,500 points, each writing 10⁸ replicates × 40 generations of trajectories:
    /// about 300 TB, more than any test machine's disk, while each point needs little memory.
    static let diskHog: String = {
        let values = (0..<50).map(String.init).joined(separator: ", ")
        return "generations: 40\nreplicates: 100000000\ntrajectories: true\nmetrics: [variance]\nsweep:\n  seed: [\(values)]\n  truth.mean: [\(values)]\n"
    }()

    static let cases: [BadInput] = [
        // Malformed YAML: the parser's line and column.
        BadInput("malformed YAML: an unclosed list", spec: "samples: [1, 2\n", expect: ["malformed YAML", "line 2, column 1", "did not find expected ',' or ']'", "line 1, column 10"]),
        BadInput("malformed YAML: a mapping inside a scalar", spec: "generations: 3\nregime: a: b\n", expect: ["malformed YAML", "line 2, column 10", "mapping values are not allowed"]),
        BadInput("not a mapping at the top", spec: "- 1\n- 2\n", expect: ["spec error", "a mapping of keys to values at the top level"]),
        // Unknown names.
        BadInput("unknown family", spec: "family: gausian\n", expect: ["'family'", "'gausian' is not allowed", "gaussian"]),
        BadInput("unknown top-level key", spec: "generatoins: 5\n", expect: ["'generatoins'", "unknown key", "generations"]),
        BadInput("unknown nested key", spec: "truth: {mean: 0, varience: 1}\n", expect: ["'truth.varience'", "unknown key", "variance"]),
        BadInput("an unknown form two levels down", spec: "regime: {synthetic: replace, real: {fraktion: 0.1}}\n", expect: ["'regime.real'", "{fraktion: 0.1} is not allowed", "{fraction: P}"]),
        BadInput("unknown key two levels down", spec: "update: {incremental: {stepp: 0.1}}\n", expect: ["'update.incremental.stepp'", "unknown key"]),
        BadInput("unknown metric", spec: "metrics: [variance, varience]\n", expect: ["'metrics[1]'", "varience"]),
        // Wrong types.
        BadInput("a word for an integer", spec: "generations: ten\n", expect: ["'generations'", "expected an integer", "ten"]),
        BadInput("a word in a list of sizes", spec: "generations: 2\nsamples: [10, many]\n", expect: ["'samples[1]'", "many"]),
        BadInput("a number for a mapping", spec: "truth: 5\n", expect: ["'truth'", "mapping"]),
        BadInput("a scalar for a list", spec: "metrics: variance\n", expect: ["'metrics'", "list"]),
        BadInput("a word for a boolean", spec: "trajectories: maybe\n", expect: ["'trajectories'", "true or false", "maybe"]),
        BadInput("a fraction for a count", spec: "replicates: 2.5\n", expect: ["'replicates'", "2.5"]),
        // Zero and negative counts.
        BadInput("zero replicates", spec: "replicates: 0\n", expect: ["'replicates'", "0 is out of range", "[1, 100000000]"]),
        BadInput("negative replicates", spec: "replicates: -5\n", expect: ["'replicates'", "-5 is out of range"]),
        BadInput("zero generations", spec: "generations: 0\n", expect: ["'generations'", "0 is out of range"]),
        BadInput("negative generations", spec: "generations: -1\n", expect: ["'generations'", "-1 is out of range"]),
        BadInput("zero samples", spec: "samples: 0\n", expect: ["'samples'", "0 is out of range"]),
        BadInput("negative samples", spec: "samples: -3\n", expect: ["'samples'", "-3 is out of range"]),
        BadInput("a zero in a schedule", spec: "generations: 3\nsamples: [10, 0, 5]\n", expect: ["'samples[1]'", "0 is out of range"]),
        BadInput("a zero accumulate-subsample budget", spec: "regime: {synthetic: {accumulate-subsample: 0}}\n", expect: ["'regime.synthetic.accumulate-subsample'"]),
        BadInput("negative fresh real points", spec: "regime: {real: {fresh: -2}}\n", expect: ["'regime.real.fresh'", "-2"]),
        // Probabilities that do not sum to one.
        BadInput("categorical probabilities summing to 0.8", spec: "family: categorical\ntruth: {probabilities: [0.5, 0.3]}\n", expect: ["'truth.probabilities'", "sum to 0.8"]),
        BadInput("a negative probability", spec: "family: categorical\ntruth: {probabilities: [1.2, -0.2]}\n", expect: ["'truth.probabilities"]),
        BadInput("mixture weights summing to 1.1", spec: "family: gmm\ntruth: {weights: [0.5, 0.6], means: [-2, 2], variances: [1, 1]}\n", expect: ["'truth.weights'", "sum to 1.1"]),
        BadInput("visiting frequencies summing to 1.1", spec: "family: next-token\ntruth: {contexts: 2, tokens: 3, zipf: 1}\nvisits: [0.5, 0.6]\n", expect: ["'visits'", "sum to 1.1"]),
        // Fractions outside [0, 1].
        BadInput("a real fraction of 1.5", spec: "regime: {real: {fraction: 1.5}}\n", expect: ["'regime.real.fraction'", "1.5 is out of range", "[0, 1)"]),
        BadInput("a negative real fraction", spec: "regime: {real: {fraction: -0.1}}\n", expect: ["'regime.real.fraction'", "-0.1 is out of range"]),
        BadInput("a real weight of 2", spec: "regime: {synthetic: replace, real: keep, real-weight: 2}\n", expect: ["'regime.real-weight'", "2 is out of range"]),
        BadInput("a synthetic fraction of 1.2", spec: "family: strong-collapse\nsynthetic-fraction: 1.2\n", expect: ["'synthetic-fraction'", "1.2 is out of range"]),
        BadInput("a collapse threshold of 1", spec: "collapse-threshold: 1\n", expect: ["'collapse-threshold'", "out of range"]),
        // Combinations.
        BadInput("unbiased on one point", spec: "estimator: unbiased\nsamples: 1\n", expect: ["'samples'", "unbiased", "n ≥ 2", "n(0) = 1"]),
        BadInput("a bad sweep point", spec: "generations: 3\nsweep: {samples: [10, 0]}\n", expect: ["sweep point 1", "'samples'", "0 is out of range"]),
        // More than the machine has: estimated and refused before anything is written.
        BadInput(
            "a run needing more memory than the machine has",
            spec: "samples: 1000000\nregime: accumulate\npath: samples\ngenerations: 1000000\nreplicates: 10\n",
            expect: ["needs an estimated", "of memory", "available (", "accumulated synthetic pool", "--force"]),
        BadInput("a sweep needing more disk than the machine has", spec: diskHog, expect: ["this sweep needs an estimated", "of disk", "free on the volume of", "trajectories.csv", "--force"]),
        // Data files.
        BadInput.countsFile("a missing data file", "nowhere.csv", nil, expect: ["'truth.counts-file'", "nowhere.csv", "does not exist"]),
        BadInput.countsFile("a ragged CSV", "ragged.csv", Array("a,1\nb,2\nc\n".utf8), expect: ["'truth.counts-file'", "ragged.csv, line 3", "ragged"]),
        BadInput.countsFile("a CSV row with too many fields", "wide.csv", Array("a,1\nb,2,3\n".utf8), expect: ["wide.csv, line 2", "3 fields"]),
        BadInput.countsFile("a non-numeric CSV", "words.csv", Array("label,count\na,1\nb,two\n".utf8), expect: ["words.csv, line 3", "'two' is not a count"]),
        BadInput.countsFile("a negative count", "negative.csv", Array("4\n-1\n".utf8), expect: ["negative.csv, line 2", "negative"]),
        BadInput.countsFile("an empty data file", "empty.csv", [], expect: ["empty.csv", "has no counts"]),
        BadInput.countsFile("a data file of comments", "comments.csv", Array("# nothing\n\n".utf8), expect: ["comments.csv", "has no counts"]),
        BadInput.countsFile("counts that sum to zero", "zeros.csv", Array("0\n0\n".utf8), expect: ["zeros.csv", "sum to 0"]),
        BadInput.countsFile("a non-UTF-8 data file", "latin1.csv", Array("a,1\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(",2\n".utf8), expect: ["latin1.csv", "not UTF-8", "line 2"]),
        // The spec file itself.
        BadInput("an empty spec file", spec: "", expect: ["spec.yaml is empty", "{}"]),
        BadInput("a spec of comments only", spec: "# todo\n\n", expect: ["spec.yaml is empty"]),
        BadInput("a non-UTF-8 spec file", spec: nil, files: ["spec.yaml": Array("generations: 3\nname: caf".utf8) + [0xE9, 0x0A]], expect: ["spec.yaml is not UTF-8 text", "line 2"]),
        BadInput("a missing spec file", spec: nil, arguments: ["run", "nowhere.yaml"], expect: ["no such spec file: nowhere.yaml"]),
        // --set overrides.
        .flags("--set without '='", ["--set", "generations"], expect: ["'generations'", "--set needs key=value"]),
        .flags("--set with an empty key", ["--set", "=3"], expect: ["--set needs a dotted key path"]),
        .flags("--set with an empty path component", ["--set", "regime..real=keep"], expect: ["'regime..real'", "dotted key path"]),
        .flags("--set of an unknown key", ["--set", "generatoins=5"], expect: ["'generatoins'", "unknown key"]),
        .flags("--set of a wrong type", ["--set", "generations=abc"], expect: ["'generations'", "expected an integer", "abc"]),
        .flags("--set with malformed flow YAML", ["--set", "regime={synthetic: "], expect: ["malformed YAML"]),
        .flags("--set out of range", ["--set", "regime.real.fraction=2"], expect: ["'regime.real.fraction'", "2 is out of range"]),
        // Command-line flags.
        .flags("zero threads", ["--threads", "0"], expect: ["--threads must be at least 1, got 0"]),
        .flags("a word for threads", ["--threads", "many"], expect: ["'many' is invalid for '--threads"]),
        .flags("an unknown flag", ["--thread", "2"], expect: ["Unknown option '--thread'"]),
        .flags("negative replicates on the command line", ["--replicates", "-1"], expect: ["'replicates'", "-1 is out of range"]),
        .flags("zero generations on the command line", ["--generations", "0"], expect: ["'generations'", "0 is out of range"]),
        .flags("a negative seed", ["--seed", "-1"], expect: ["'seed'", "-1 is out of range"]),
        .flags("a negative checkpoint interval", ["--checkpoint-seconds", "-1"], expect: ["--checkpoint-seconds must be ≥ 0"]),
        .flags("zero points in parallel", ["--points-in-parallel", "0"], expect: ["--points-in-parallel must be at least 1"]),
        .flags("a spec and --resume", ["--resume", "somewhere"], expect: ["either a spec file or --resume"]),
        BadInput("--resume of a directory that is no run", spec: nil, arguments: ["run", "--resume", "nowhere"], expect: ["nowhere", "checkpoint.plist"]),
        BadInput("no spec at all", spec: nil, arguments: ["run"], expect: ["give a spec file"]),
    ]
}

/// Every file and directory under `directory`, hidden ones included, as relative paths.
func listing(_ directory: URL) -> Set<String> {
    Set((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? [])
}

func check(_ input: BadInput) throws {
    let directory = scratchDirectory()
    defer {
        chmod(directory.path, 0o755)
        try? FileManager.default.removeItem(at: directory)
    }
    for (name, bytes) in input.files {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }
    let before = listing(directory)
    let output = try collapse(input.arguments + ["--runs-root", "runs", "--quiet"], in: directory)
    #expect(output.status != 0, "\(input.name): exit status 0")
    for text in input.expected {
        #expect(output.stderr.contains(text), "\(input.name): stderr lacks \(text.debugDescription): \(output.stderr)")
    }
    // Nothing written: no runs root (so no index), no run or sweep directory, no partial directory.
    #expect(listing(directory) == before, "\(input.name): wrote \(listing(directory).subtracting(before).sorted())")
}

@Test(arguments: BadInputCatalogue.cases)
func badInputFailsNamingTheProblemAndWritesNothing(_ input: BadInput) throws {
    try check(input)
}

/// chmod 000 stops only unprivileged users: root reads the file anyway, so the case is skipped
/// when the tests run as root (CI containers often do).
@Test(.enabled(if: getuid() != 0, "root can read a chmod 000 file"))
func anUnreadableDataFileIsNamed() throws {
    let directory = scratchDirectory()
    defer {
        chmod(directory.appendingPathComponent("locked.csv").path, 0o644)
        try? FileManager.default.removeItem(at: directory)
    }
    try "family: categorical\ntruth: {counts-file: locked.csv}\n".write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    try "1\n2\n".write(to: directory.appendingPathComponent("locked.csv"), atomically: true, encoding: .utf8)
    chmod(directory.appendingPathComponent("locked.csv").path, 0)
    let before = listing(directory)
    let output = try collapse(["run", "spec.yaml", "--runs-root", "runs", "--quiet"], in: directory)
    #expect(output.status != 0)
    #expect(output.stderr.contains("'truth.counts-file'") && output.stderr.contains("locked.csv") && output.stderr.contains("cannot be read"), "\(output.stderr)")
    #expect(listing(directory) == before)
}

/// The same refusal for `collapse sweep run --index`: one point too large for the machine.
@Test func aSweepTaskTooLargeIsRefusedBeforeItWrites() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "samples: 1000000\nregime: accumulate\npath: samples\ngenerations: 1000000\nreplicates: 10\nsweep: {seed: [1, 2]}\n"
        .write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    let before = listing(directory)
    let output = try collapse(["sweep", "run", "spec.yaml", "--index", "1", "--out", "sweep"], in: directory)
    #expect(output.status != 0)
    #expect(output.stderr.contains("this sweep point needs an estimated") && output.stderr.contains("--force"), "\(output.stderr)")
    #expect(listing(directory) == before)
}

/// --force skips the check: a small run goes through with it.
@Test func forceRunsWhatTheCheckWouldPass() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try "generations: 3\nreplicates: 5\n".write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    let output = try collapse(["run", "spec.yaml", "--out", "out", "--force", "--quiet"], in: directory)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/summary.csv").path))
}
