import GRDB
import LedgerStore

/// SQLite's own checks of the file, for `verify` and `audit`.
extension SQLiteReader {
    /// `PRAGMA integrity_check` (pages, b-trees, indexes against their tables, NOT NULL and CHECK
    /// constraints) and `PRAGMA foreign_key_check`: every row that names an event, artifact,
    /// license or organisation must name one that exists. The log's tables are filled only by
    /// replaying events, so a row naming an event past the end of the log was added by hand.
    func storageProblems(thorough: Bool) throws -> [IntegrityProblem] {
        guard thorough else { return try schemaProblems() }
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)").filter { $0 != "ok" }
        if !integrity.isEmpty {
            return integrity.map { IntegrityProblem("SQLite integrity_check: \(Row.shown($0.databaseValue))") }
        }
        var problems = try schemaProblems()
        var seen: Set<String> = []
        for violation in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            let table: String = try violation.value("table")
            let fkid: Int = try violation.value("fkid")
            guard seen.insert("\(table) \(fkid)").inserted else { continue }
            problems.append(try foreignKeyProblem(table: table, fkid: fkid))
        }
        return problems
    }

    /// The file's tables, views, indexes and triggers against those the migrations make (a
    /// fresh in-memory ledger): a dropped trigger (`events_refuse_delete`), an edited view or a
    /// changed index is tampering, or damage the tables' rows do not show.
    func schemaProblems() throws -> [IntegrityProblem] {
        let query = """
            SELECT type, name, COALESCE(sql, '') AS sql FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY type, name
            """
        func objects(_ db: Database) throws -> [String: String] {
            var all: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: query) {
                all["\(try row.value("type", as: String.self)) \(try row.value("name", as: String.self))"] =
                    try row.value("sql")
            }
            return all
        }
        let fresh = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(fresh)
        let expected = try fresh.read(objects)
        let stored = try objects(db)
        var problems: [IntegrityProblem] = []
        for (object, sql) in expected.sorted(by: { $0.key < $1.key }) where stored[object] != sql {
            problems.append(
                IntegrityProblem(
                    stored[object] == nil
                        ? "schema: \(object) is missing (dropped)"
                        : "schema: \(object) is not the one WeightLedger made"))
        }
        for object in stored.keys.sorted() where expected[object] == nil {
            problems.append(
                IntegrityProblem("schema: \(Row.shown(object.databaseValue)) is not WeightLedger's (added)"))
        }
        return problems
    }

    /// One broken reference, described by the first row that breaks it.
    private func foreignKeyProblem(table: String, fkid: Int) throws -> IntegrityProblem {
        let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))")
        guard let key = try keys.first(where: { try $0.value("id", as: Int.self) == fkid }) else {
            return IntegrityProblem("table \(table): a row names a row that does not exist")
        }
        let parent: String = try key.value("table")
        let from: String = try key.value("from")
        let to: String = try key.value("to") ?? "rowid"
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT * FROM \(table.quotedDatabaseIdentifier) c WHERE c.\(from.quotedDatabaseIdentifier) IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \(parent.quotedDatabaseIdentifier) p
                                WHERE p.\(to.quotedDatabaseIdentifier) = c.\(from.quotedDatabaseIdentifier)) LIMIT 1
                """)
        let value = row.map { Row.shown($0[from] as DatabaseValue) } ?? "?"
        let described = row.map { " " + SQLiteReplay.describe($0) } ?? ""
        let what = parent == "events" ? "an event the log does not have (added outside the log)" : "no row of \(parent)"
        return IntegrityProblem("table \(table): row\(described) has \(from) = \(value), \(what)")
    }
}
