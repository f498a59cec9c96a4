import Foundation

/// The files of one run directory, read and checked: `spec.yaml`, `manifest.json`, `summary.csv`.
///
/// This is the contract between the engine and the reports: Reports reads runs only through their
/// files, so a report can be drawn for a run made on another machine or by another version.
public struct RunDirectory: Sendable {
    public static let specFile = "spec.yaml"
    public static let manifestFile = "manifest.json"
    public static let summaryFile = "summary.csv"
    public static let trajectoriesFile = "trajectories.csv"
    public static let reportFile = "report.html"
    public static let plotsFolder = "plots"

    public var url: URL
    /// `spec.yaml` exactly as written (shown escaped in the report, never parsed here).
    public var spec: String
    public var manifest: RunManifest
    /// `manifest.json` exactly as written.
    public var manifestData: Data
    public var summary: SummaryTable
    /// Whether `trajectories.csv` is present (it is linked from the report, not read).
    public var hasTrajectories: Bool

    public init(url: URL, spec: String, manifest: RunManifest, manifestData: Data, summary: SummaryTable, hasTrajectories: Bool = false) {
        self.url = url; self.spec = spec; self.manifest = manifest; self.manifestData = manifestData
        self.summary = summary; self.hasTrajectories = hasTrajectories
    }

    /// Reads a run directory; a missing or malformed file is a `RunFileError` naming it.
    public init(reading url: URL) throws {
        let url = url.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw RunFileError(file: url.path, message: "no such run directory")
        }
        guard isDirectory.boolValue else {
            throw RunFileError(file: url.path, message: "not a directory (expected a run directory holding \(RunDirectory.manifestFile) and \(RunDirectory.summaryFile))")
        }
        let manifestURL = url.appendingPathComponent(RunDirectory.manifestFile)
        let specURL = url.appendingPathComponent(RunDirectory.specFile)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw RunFileError(file: manifestURL.path, message: "no such file: is \(url.path) a run directory?")
        }
        manifestData = try Data(contentsOf: manifestURL)
        manifest = try RunManifest.decode(manifestData, fileName: manifestURL.path)
        guard FileManager.default.fileExists(atPath: specURL.path) else { throw RunFileError.missing(specURL) }
        guard let specText = String(data: try Data(contentsOf: specURL), encoding: .utf8) else {
            throw RunFileError(file: specURL.path, message: "not UTF-8 text")
        }
        spec = specText
        summary = try SummaryTable.read(contentsOf: url.appendingPathComponent(RunDirectory.summaryFile))
        hasTrajectories = FileManager.default.fileExists(atPath: url.appendingPathComponent(RunDirectory.trajectoriesFile).path)
        self.url = url
    }

    /// The run's name: the manifest's, else the directory's.
    public var name: String { manifest.name ?? url.lastPathComponent }

    /// The metrics to report, in the manifest's order, then any others found in the summary.
    public var metrics: [String] {
        let inSummary = summary.metrics
        var ordered = manifest.metrics.filter { inSummary.contains($0) }
        ordered += inSummary.filter { !ordered.contains($0) }
        return ordered
    }

    /// Whether `url` looks like a run directory (it holds `manifest.json`).
    public static func isRunDirectory(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestFile).path)
    }
}
