import Foundation
import GRDB
import LedgerCore
import LedgerStore

/// The SQLite replay `verify` runs: a scratch database file with the ledger's tables (no foreign
/// keys or secondary indexes: only rows are compared), filled in one transaction, then compared
/// with the stored file table by table through `ATTACH … EXCEPT`. The file lives in the temporary
/// directory (`$TMPDIR`) without a journal and is deleted when the replay ends: on disk, not in
/// memory, so a ledger of any size replays in SQLite's page cache.
final class SQLiteReplay: LedgerReplay {
    /// The projection tables a replay must reproduce row for row, each with the rows that come from
    /// the first N events (writers may append while verify runs: rows of later events are not
    /// compared). The events themselves are checked against their hashes and the tree, and
    /// `merkle_nodes` against the rebuilt tree, by `LogVerifier`.
    ///
    /// A correction replaces an artifact's training record and parents: a row corrected by an event
    /// after the first N is left out on both sides (`correctedLater`), the next run's to check.
    static let tableFilters: [(table: String, filter: String)] = [
        ("ledger_info", "1"),
        ("artifacts", "registered_seq <= :n"),
        ("artifact_file_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("name_rows", "added_seq <= :n"),
        (
            "training_record_rows",
            "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n) AND artifact_id NOT IN "
                + correctedLater
        ),
        (
            "lineage_edge_rows",
            "child_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n) AND child_id NOT IN "
                + correctedLater
        ),
        ("publication_rows", "seq <= :n"),
        ("correction_rows", "seq <= :n"),
        ("organisations", "added_seq <= :n"),
        ("organisation_facts", "seq <= :n"),
        ("location_rows", "added_seq <= :n"),
        ("location_removals", "seq <= :n"),
        ("model_header_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("artifact_source_rows", "artifact_id IN (SELECT id FROM stored.artifacts WHERE registered_seq <= :n)"),
        ("deployments", "seq <= :n"),
        ("licenses", "added_seq <= :n"),
        ("license_artifacts", "license IN (SELECT id FROM stored.licenses WHERE added_seq <= :n)"),
        ("license_destinations", "license IN (SELECT id FROM stored.licenses WHERE added_seq <= :n)"),
        ("checkpoints", "seq <= :n"),
        ("audits", "seq <= :n"),
        ("location_checks", "checked_seq <= :n"),
        ("audit_findings", "opened_seq <= :n"),
        ("tokens", "created_seq <= :n"),
        ("approvals", "seq <= :n"),
        ("signature_rows", "seq <= :n"),
    ]

    /// Artifacts a correction after the first N events changed.
    static let correctedLater = "(SELECT artifact_id FROM stored.correction_rows WHERE seq > :n)"

    /// Rows of the replay left out of the comparison, for the tables whose stored rows a later
    /// event may have replaced.
    static let replayedFilters: [String: String] = [
        "training_record_rows": "artifact_id NOT IN " + correctedLater,
        "lineage_edge_rows": "child_id NOT IN " + correctedLater,
    ]

    /// Columns compared, where a later event may change a row the first N events made: such a
    /// change is the next run's to check. (Audits, the only writers of location checks, are
    /// kept out by the audit lock.)
    static let storedColumns: [String: (stored: String, replayed: String)] = [
        "audit_findings": (
            "key, opened_seq, CASE WHEN closed_seq <= :n THEN closed_seq END", "key, opened_seq, closed_seq"
        ),
        "tokens": (
            "name, role, sha256, created_seq, CASE WHEN revoked_seq <= :n THEN revoked_seq END",
            "name, role, sha256, created_seq, revoked_seq"
        ),
    ]
    var tables: [String] { Self.tableFilters.map(\.table) }

    private let storedPath: String
    private let scratch: URL
    private let rebuilt: DatabaseQueue

    init(storedPath: String) throws {
        self.storedPath = storedPath
        var config = Configuration()
        config.foreignKeysEnabled = false
        // The stored file is attached to compare: wait while another process checkpoints it (a
        // reader can find it busy for a moment), as every connection to a ledger does.
        config.busyMode = .timeout(30)
        // One transaction spans every `apply` until `finish`.
        config.allowsUnsafeTransactions = true
        config.prepareDatabase { db in
            // 64 KiB pages (set before the first table): a million random keys make fewer, shallower
            // b-tree pages to split and fewer reads and writes of the file (about 1 s of a `verify`
            // of 30 s at 1 M artifacts). The cache stays 64 MiB.
            try db.execute(
                sql: "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                    + "PRAGMA cache_size = -65536")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weightledger-replay-\(UUID().uuidString).db")
        do { rebuilt = try DatabaseQueue(path: scratch.path, configuration: config) } catch {
            throw StoreError.readOnly(
                path: scratch.path,
                reason: "verify cannot create its scratch database there (set TMPDIR to a writable directory)")
        }
        try LedgerSchema.migrator.migrate(rebuilt)
        try rebuilt.writeWithoutTransaction { db in
            for index in try String.fetchAll(
                db.cachedStatement(sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
            {
                try db.execute(sql: "DROP INDEX \(index)")
            }
            try db.beginTransaction()
        }
    }

    deinit {
        try? rebuilt.close()
        try? FileManager.default.removeItem(at: scratch)
    }

    func apply(_ events: [ReplayedEvent]) throws {
        try rebuilt.writeWithoutTransaction { db in
            let projector = Projector(db: db)
            // By index: each event is lent to the projector, not copied out of the chunk (a copy
            // retains and releases every string and array a registration holds).
            for index in events.indices {
                try projector.apply(events[index].event, seq: events[index].seq, time: events[index].time)
            }
        }
    }

    func finish() throws {
        try rebuilt.writeWithoutTransaction { db in if db.isInsideTransaction { try db.commit() } }
    }

    func differences(upTo events: Int64) throws -> [IntegrityProblem] {
        try finish()
        // Two connections take the tables in turn (at 1 M artifacts the comparison reads two files
        // of 1.5 GB; one core each).
        let tables = TableQueue(count: Self.tableFilters.count)
        let storedPath = storedPath
        let scratchPath = scratch.path
        let other = BackgroundWork {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: scratchPath, configuration: config)
            defer { try? queue.close() }
            try queue.inDatabase { db in try Self.compare(tables, db: db, storedPath: storedPath, events: events) }
        }
        let mine = Result {
            try rebuilt.writeWithoutTransaction { db in
                try Self.compare(tables, db: db, storedPath: storedPath, events: events)
            }
        }
        try other.result()
        try mine.get()
        return tables.problems
    }

    /// The tables still to compare, taken one at a time by each connection, and what each showed.
    private final class TableQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var found: [IntegrityProblem?]

        init(count: Int) { found = Array(repeating: nil, count: count) }

        /// The next table's index, or nil when every table is taken.
        func take() -> Int? {
            lock.withLock {
                guard next < found.count else { return nil }
                next += 1
                return next - 1
            }
        }

        func record(_ problem: IntegrityProblem?, at index: Int) { lock.withLock { found[index] = problem } }

        /// In the tables' order, whichever connection compared them.
        var problems: [IntegrityProblem] { lock.withLock { found.compactMap { $0 } } }
    }

    /// Compares the tables `queue` hands out with the stored file, attached to `db`.
    private static func compare(_ queue: TableQueue, db: Database, storedPath: String, events: Int64) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS stored", arguments: [storedPath])
        defer { try? db.execute(sql: "DETACH DATABASE stored") }
        // One snapshot of the file for every table this connection compares. When it holds no event
        // after the first N (nothing was appended since verify read the log), every stored row comes
        // from those events: the filters that keep later rows out have nothing to keep out, and
        // each costs a set of every artifact's id (a tenth of the comparison at 1 M artifacts).
        try db.inTransaction(.deferred) {
            let latest = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM stored.events")
            let unfiltered = latest == events
            while let index = queue.take() {
                let (table, filter) = tableFilters[index]
                queue.record(
                    try compare(
                        table, filter: unfiltered ? "1" : filter,
                        kept: unfiltered ? "1" : replayedFilters[table] ?? "1", db: db, events: events),
                    at: index)
            }
            return .commit
        }
    }

    /// A stored row the replay does not have, or else (when the counts differ) a replayed row the
    /// file does not have. `filter` keeps the stored rows of the first N events, `kept` the
    /// replayed rows compared.
    ///
    /// Every table has a primary key, so when both sides hold as many rows as there are stored rows
    /// matched column for column by the replayed row with the same key, the two are the same set
    /// of rows. That join probes the replay's key in order, counting the stored rows as it goes;
    /// `EXCEPT` builds a sorted copy of a whole side (2 to 3 times slower at a million artifacts),
    /// so it runs only to name a row that differs.
    private static func compare(
        _ table: String, filter: String, kept: String, db: Database, events: Int64
    ) throws
        -> IntegrityProblem?
    {
        let arguments: StatementArguments = ["n": events]
        let (stored, replayed) = storedColumns[table] ?? ("*", "*")
        let replayedCount = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM main.\(table) WHERE \(kept)"), arguments: arguments)
        // The stored rows, and how many of them the replay holds alike (nil: not compared by key).
        let storedCount: Int?
        var matched: Int?
        if let matching = try matchingRows(table, filter: filter, db: db) {
            let counts = try Row.fetchOne(db.cachedStatement(sql: matching), arguments: arguments)
            (storedCount, matched) = (counts?[0], counts?[1])
            if storedCount == replayedCount, matched == storedCount { return nil }
        } else {
            storedCount = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM stored.\(table) WHERE \(filter)"), arguments: arguments)
        }
        let extra =
            "SELECT \(stored) FROM stored.\(table) WHERE \(filter) EXCEPT SELECT \(replayed) FROM "
            + "main.\(table) WHERE \(kept) LIMIT 1"
        let missing =
            "SELECT \(replayed) FROM main.\(table) WHERE \(kept) EXCEPT SELECT \(stored) FROM "
            + "stored.\(table) WHERE \(filter) LIMIT 1"
        if let row = try Row.fetchOne(db.cachedStatement(sql: extra), arguments: arguments) {
            return IntegrityProblem(
                "table \(table): stored row \(describe(row)) is not what the events produce (edited or added)")
        }
        if storedCount != replayedCount,
            let row = try Row.fetchOne(db.cachedStatement(sql: missing), arguments: arguments)
        {
            return IntegrityProblem(
                "table \(table): row \(describe(row)) that the events produce is missing (deleted)")
        }
        // The sets agree although the join did not match every row: a key stored twice or NULL.
        return storedCount == replayedCount && matched != nil
            ? IntegrityProblem("table \(table): its rows do not match the events' row for row by key (edited)") : nil
    }

    /// The stored rows (of the first N events) and how many of them the replay holds with the same
    /// key and the same value in every column, in one pass over the stored rows; nil for a table
    /// compared on some columns only (`storedColumns`), which `EXCEPT` compares.
    private static func matchingRows(_ table: String, filter: String, db: Database) throws -> String? {
        guard storedColumns[table] == nil else { return nil }
        let columns = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?, 'main')", arguments: [table])
        let key = try columns.first { ($0["pk"] as Int?) ?? 0 > 0 }.map { try $0.value("name") as String }
        guard let key else { return nil }
        let alike = try columns.map { column -> String in
            let name = (try column.value("name") as String).quotedDatabaseIdentifier
            // The key by equality (the replay's index finds it); the other columns as EXCEPT
            // compares them, NULL matching NULL.
            return ((column["pk"] as Int?) ?? 0) > 0 ? "m.\(name) = s.\(name)" : "m.\(name) IS s.\(name)"
        }
        return "SELECT COUNT(*), COUNT(m.\(key.quotedDatabaseIdentifier)) FROM (SELECT * FROM stored.\(table) WHERE "
            + "\(filter)) AS s LEFT JOIN main.\(table) AS m ON " + alike.joined(separator: " AND ")
    }

    static func describe(_ row: Row) -> String {
        let parts = row.columnNames.prefix(3).map { column -> String in
            let value = row[column] as DatabaseValue
            var text: String
            switch value.storage {
            case .blob(let data): text = "x'\(data.prefix(8).map { String(format: "%02x", $0) }.joined())…'"
            default: text = value.description
            }
            if text.count > 80 { text = String(text.prefix(77)) + "…" }
            return "\(column)=\(text)"
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}
