import GRDB

extension SQLiteLedger {
    /// The ledger's schema as schema/ledger.sql records it: every table, index and trigger
    /// the migrations create (GRDB's own `grdb_migrations` bookkeeping left out), in a stable order.
    public func schemaSQL() throws -> String {
        try database.read { db in
            let statements = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT sql FROM sqlite_master
                        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
                        """))
            let applicationID = try Int32.fetchOne(db.cachedStatement(sql: "PRAGMA application_id")) ?? 0
            let header = """
                -- WeightLedger ledger schema after all migrations. Generated: do not edit by hand.
                -- Regenerate with: WEIGHTLEDGER_UPDATE_SCHEMA=1 swift test --filter SchemaTests
                -- PRAGMA application_id = \(applicationID); journal_mode = WAL

                """
            return header + statements.map { $0 + ";\n" }.joined(separator: "\n")
        }
    }
}
