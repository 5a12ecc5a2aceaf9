import Foundation
import LedgerSQLite
import TestSupport
import Testing

@testable import LedgerStore

/// schema/ledger.sql must equal what the migrations create on a fresh ledger.
@Suite struct SchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema/ledger.sql")

    @Test func schemaFileMatchesFreshLedger() throws {
        let directory = try TemporaryDirectory()
        let ledger = try SQLiteLedger.open(path: directory.file("fresh.db"), mode: .createIfMissing)
        let actual = try ledger.schemaSQL()
        try ledger.close()
        if ProcessInfo.processInfo.environment["WEIGHTLEDGER_UPDATE_SCHEMA"] == "1" {
            try actual.write(to: Self.schemaFile, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        #expect(
            recorded == actual,
            "schema/ledger.sql is stale; regenerate with WEIGHTLEDGER_UPDATE_SCHEMA=1 swift test --filter SchemaTests")
    }
}
