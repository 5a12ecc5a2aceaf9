import Foundation
import GRDB
import LedgerDemo
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TestSupport
import Testing

/// `backup` copies a ledger in use: another connection in the middle of a write does not stop it,
/// and the copy holds what was committed, never the write under way.
@Suite struct OnlineBackupTests {
    @Test func aWriteUnderWayIsNeitherWaitedForNorCopied() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("demo.db")
        let context = AppContext(location: SQLiteLocation(path: path), actor: "test")
        _ = try Demo(context: context, modelsDirectory: directory.file("models")).run()
        for mode in ["WAL", "DELETE"] {
            var config = Configuration()
            config.allowsUnsafeTransactions = true
            let writer = try DatabaseQueue(path: path, configuration: config)
            try writer.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = \(mode)")
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "INSERT INTO ledger_info (key, value) VALUES ('uncommitted', ?)", arguments: [mode])
            }
            let target = directory.file("backup-\(mode).db")
            let result = try Backup(actor: "test", fileLocation: { SQLiteLocation(path: $0) })
                .run(from: SQLiteLocation(path: path), to: target)
            try writer.writeWithoutTransaction { try $0.rollback() }
            try writer.close()
            #expect(result.events >= 20 && result.file == target)
            let copy = try DatabaseQueue(path: target)
            defer { try? copy.close() }
            #expect(
                try copy.read {
                    try String.fetchOne($0, sql: "SELECT value FROM ledger_info WHERE key = 'uncommitted'")
                } == nil)
            #expect(try copy.read { try Int64.fetchOne($0, sql: "SELECT COUNT(*) FROM events") } == result.events)
        }
    }
}
