import Foundation
import GRDB

/// The run index: a SQLite database at `<runs root>/index.sqlite` with a row per run and its
/// summary rows, so runs can be listed, found and compared without reading every directory.
///
/// Several `collapse` processes may record runs at once: the database is in WAL mode, every write
/// is one IMMEDIATE transaction (so writers queue instead of failing on a stale snapshot), and a
/// connection waits up to `busyTimeout` seconds for a lock. Recording is an upsert keyed by the
/// run directory's path, so recording a run twice leaves one row (with its latest files).
///
/// Schema (version 1, in `PRAGMA user_version`):
/// ```sql
/// run(id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT UNIQUE, name, family, specHash, seed TEXT,
///     status, started, finished, wallSeconds REAL, replicates INTEGER, generations INTEGER,
///     metrics TEXT /* JSON array */, recorded TEXT)
/// summary(runId → run.id ON DELETE CASCADE, generation INTEGER, metric TEXT,
///     mean, sd, se, q05, q50, q95, theory REAL, PRIMARY KEY (runId, metric, generation))
/// ```
/// Numbers are REAL; ±∞ are stored as such, while NaN (and a missing theory) are NULL.
public struct RunIndex: Sendable {
    public static let fileName = "index.sqlite"
    public static let schemaVersion = 1
    /// How long a connection waits for another process's write lock.
    public static let busyTimeout: TimeInterval = 30

    /// The runs root (the directory holding the run directories and the index).
    public let root: URL
    let pool: DatabasePool

    /// The index file of a runs root.
    public static func databaseURL(root: URL) -> URL { root.appendingPathComponent(fileName) }

    /// Whether a runs root already has an index.
    public static func exists(root: URL) -> Bool {
        FileManager.default.fileExists(atPath: databaseURL(root: root).path)
    }

    /// Opens (creating if needed) the index of the runs root `root`, creating `root` too.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(RunIndex.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "RunIndex"
        pool = try DatabasePool(path: RunIndex.databaseURL(root: self.root).path, configuration: configuration)
        try pool.write { db in try RunIndex.createSchema(db) }
    }

    static func createSchema(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version < RunIndex.schemaVersion else { return }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS run (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                path TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                family TEXT,
                specHash TEXT,
                seed TEXT,
                status TEXT,
                started TEXT,
                finished TEXT,
                wallSeconds REAL,
                replicates INTEGER,
                generations INTEGER,
                metrics TEXT NOT NULL DEFAULT '[]',
                recorded TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS run_name ON run(name);
            CREATE TABLE IF NOT EXISTS summary (
                runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                generation INTEGER NOT NULL,
                metric TEXT NOT NULL,
                mean REAL, sd REAL, se REAL, q05 REAL, q50 REAL, q95 REAL, theory REAL,
                PRIMARY KEY (runId, metric, generation)
            ) WITHOUT ROWID;
            PRAGMA user_version = \(RunIndex.schemaVersion);
            """)
    }

    /// An absolute, symlink-free path for a run directory: the key of the `run` table.
    public static func canonicalPath(_ url: URL) -> String {
        var path = url.standardizedFileURL.resolvingSymlinksInPath().path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    // MARK: writing

    /// Reads a run directory and records it with its summary rows (insert, or replace the row
    /// with the same path). Idempotent; safe to call from several processes at once.
    @discardableResult
    public func record(runDirectory: URL) throws -> IndexedRun {
        try record(RunDirectory(reading: runDirectory))
    }

    @discardableResult
    public func record(_ directory: RunDirectory) throws -> IndexedRun {
        var run = IndexedRun(directory)
        let rows = directory.summary.rows
        let recorded = ISO8601DateFormatter().string(from: Date())
        run.id = try pool.write { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO run (path, name, family, specHash, seed, status, started, finished, wallSeconds,
                                     replicates, generations, metrics, recorded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET
                        name = excluded.name, family = excluded.family, specHash = excluded.specHash,
                        seed = excluded.seed, status = excluded.status, started = excluded.started,
                        finished = excluded.finished, wallSeconds = excluded.wallSeconds,
                        replicates = excluded.replicates, generations = excluded.generations,
                        metrics = excluded.metrics, recorded = excluded.recorded
                    """,
                arguments: [
                    run.path, run.name, run.family, run.specHash, run.seed, run.status, run.started, run.finished,
                    run.wallSeconds, run.replicates, run.generations, RunIndex.encodeMetrics(run.metrics), recorded,
                ])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE path = ?", arguments: [run.path]) else {
                throw DatabaseError(message: "run row for \(run.path) vanished inside its own transaction")
            }
            try db.execute(sql: "DELETE FROM summary WHERE runId = ?", arguments: [id])
            let insert = try db.cachedStatement(
                sql: "INSERT INTO summary (runId, generation, metric, mean, sd, se, q05, q50, q95, theory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for row in rows {
                try insert.execute(arguments: [
                    id, row.generation, row.metric, row.mean, row.sd, row.se, row.q05, row.q50, row.q95, row.theory,
                ])
            }
            return id
        }
        return run
    }

    /// Records every run directory under the root (and one level further, for sweeps).
    /// Returns the runs recorded and the directories that could not be read, with why.
    public func recordAll() throws -> (recorded: [IndexedRun], failed: [(path: String, error: String)]) {
        var recorded: [IndexedRun] = []
        var failed: [(String, String)] = []
        for directory in RunIndex.runDirectories(under: root) {
            do { recorded.append(try record(runDirectory: directory)) } catch {
                failed.append((directory.path, "\(error)"))
            }
        }
        return (recorded, failed)
    }

    /// Run directories (holding `manifest.json`) directly under `root` or one level below, sorted.
    /// Hidden directories are left out: a `.NAME.partial-PID` directory is a run that has not
    /// finished (it may already hold a manifest when it was killed just before its rename).
    public static func runDirectories(under root: URL) -> [URL] {
        func children(_ url: URL) -> [URL] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }.filter { child in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
        }
        var found: [URL] = []
        for child in children(root) {
            if RunDirectory.isRunDirectory(child) { found.append(child); continue }
            found += children(child).filter(RunDirectory.isRunDirectory)
        }
        return found
    }

    /// Removes a run (and its summary rows) from the index; the directory is left alone.
    @discardableResult
    public func remove(id: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    // MARK: reading

    /// Every run, oldest first (by start time, then id).
    public func list() throws -> [IndexedRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY COALESCE(started, ''), id").map(RunIndex.run(from:))
        }
    }

    /// The runs matching `query`, best first: an id; a path (of a directory or as stored); a
    /// directory name; a name, or a prefix of a name or directory name (newest first).
    public func matches(_ query: String) throws -> [IndexedRun] {
        let canonical = RunIndex.canonicalPath(URL(fileURLWithPath: query))
        return try pool.read { db in
            func fetch(_ sql: String, _ arguments: StatementArguments) throws -> [IndexedRun] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).map(RunIndex.run(from:))
            }
            if let id = Int64(query) {
                let byID = try fetch("SELECT * FROM run WHERE id = ?", [id])
                if !byID.isEmpty { return byID }
            }
            let byPath = try fetch("SELECT * FROM run WHERE path = ? OR path = ?", [canonical, query])
            if !byPath.isEmpty { return byPath }
            let all = try fetch("SELECT * FROM run ORDER BY COALESCE(started, '') DESC, id DESC", [])
            let byDirectory = all.filter { $0.directoryName == query }
            if !byDirectory.isEmpty { return byDirectory }
            let byName = all.filter { $0.name == query }
            if !byName.isEmpty { return byName }
            return all.filter { $0.name.hasPrefix(query) || $0.directoryName.hasPrefix(query) }
        }
    }

    /// The run `query` names (see `matches`; of several, the first: the newest) with its summary.
    public func show(_ query: String) throws -> RunRecord {
        guard let run = try matches(query).first, let id = run.id else {
            throw RunIndexError.notFound(query: query, indexPath: RunIndex.databaseURL(root: root).path)
        }
        let rows = try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM summary WHERE runId = ? ORDER BY generation",
                arguments: [id]
            ).map { row -> SummaryRow in
                func number(_ column: String) -> Double { row[column] ?? .nan }
                return SummaryRow(
                    generation: row["generation"], metric: row["metric"], mean: number("mean"), sd: number("sd"),
                    se: number("se"), q05: number("q05"), q50: number("q50"), q95: number("q95"), theory: row["theory"])
            }
        }
        // Summary rows in the run's metric order, then by generation.
        let order = run.metrics
        let sorted = rows.enumerated().sorted { a, b in
            let ia = order.firstIndex(of: a.element.metric) ?? order.count
            let ib = order.firstIndex(of: b.element.metric) ?? order.count
            if ia != ib { return ia < ib }
            if a.element.metric != b.element.metric { return a.element.metric < b.element.metric }
            return a.offset < b.offset
        }.map(\.element)
        return RunRecord(run: run, summary: SummaryTable(rows: sorted))
    }

    /// Two runs side by side.
    public func compare(_ first: String, _ second: String) throws -> RunComparison {
        RunComparison(first: try show(first), second: try show(second))
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// The number of summary rows in the index (all runs).
    public func summaryRowCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM summary") ?? 0 }
    }

    static func run(from row: Row) -> IndexedRun {
        return IndexedRun(
            id: row["id"], path: row["path"], name: row["name"], family: row["family"], specHash: row["specHash"],
            seed: row["seed"], status: row["status"], started: row["started"], finished: row["finished"],
            wallSeconds: row["wallSeconds"], replicates: row["replicates"], generations: row["generations"],
            metrics: decodeMetrics(row["metrics"] ?? ""))
    }

    /// Metric names as a JSON array of strings (so SQLite's `json_each` can read them).
    static func encodeMetrics(_ metrics: [String]) -> String {
        guard let data = try? JSONEncoder().encode(metrics), let text = String(data: data, encoding: .utf8) else { return "[]" }
        return text
    }

    static func decodeMetrics(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
