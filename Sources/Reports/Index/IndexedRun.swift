/// A run as the index knows it: one row of the `run` table.
public struct IndexedRun: Sendable, Equatable, Codable {
    /// The row id in the index; nil for a run read straight from its directory.
    public var id: Int64?
    /// The run directory, absolute and with symbolic links resolved.
    public var path: String
    public var name: String
    public var family: String?
    public var specHash: String?
    /// The master seed, as decimal text (a UInt64 does not fit SQLite's signed integer).
    public var seed: String?
    public var status: String?
    public var started: String?
    public var finished: String?
    public var wallSeconds: Double?
    public var replicates: Int?
    public var generations: Int?
    /// The run's metrics, in the manifest's order.
    public var metrics: [String]

    public init(
        id: Int64? = nil, path: String, name: String, family: String? = nil, specHash: String? = nil,
        seed: String? = nil, status: String? = nil, started: String? = nil, finished: String? = nil,
        wallSeconds: Double? = nil, replicates: Int? = nil, generations: Int? = nil, metrics: [String] = []
    ) {
        self.id = id; self.path = path; self.name = name; self.family = family; self.specHash = specHash
        self.seed = seed; self.status = status; self.started = started; self.finished = finished
        self.wallSeconds = wallSeconds; self.replicates = replicates; self.generations = generations
        self.metrics = metrics
    }

    /// The run as described by its directory's files (not yet in an index: `id` is nil).
    public init(_ run: RunDirectory) {
        let m = run.manifest
        self.init(
            path: RunIndex.canonicalPath(run.url), name: run.name, family: m.family, specHash: m.specHash,
            seed: m.seed.map { String($0) }, status: m.status, started: m.started, finished: m.finished,
            wallSeconds: m.wallSeconds, replicates: m.replicates, generations: m.generations, metrics: run.metrics)
    }

    /// The last component of `path`: the run directory's own name.
    public var directoryName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// A run with its summary rows.
public struct RunRecord: Sendable, Equatable {
    public var run: IndexedRun
    public var summary: SummaryTable

    public init(run: IndexedRun, summary: SummaryTable) {
        self.run = run
        self.summary = summary
    }

    /// A record straight from a run directory's files, without an index.
    public init(_ directory: RunDirectory) {
        self.init(run: IndexedRun(directory), summary: directory.summary)
    }

    /// "name (#id)" or just the name: how a run is named in tables and legends.
    public var label: String {
        run.id.map { "\(run.name) #\($0)" } ?? run.name
    }
}
