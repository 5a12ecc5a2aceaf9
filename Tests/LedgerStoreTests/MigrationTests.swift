import Foundation
import GRDB
import Testing

@testable import LedgerSQLite

/// Migration v8 fills the publication rows from the events themselves, so a ledger made before it
/// keeps both a registration's publication and a later `artifact.published` one.
@Suite struct MigrationTests {
    @Test func v8FillsPublicationRowsFromTheEvents() throws {
        let queue = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(queue, upTo: "2026-12-02-v7-publication-events")
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        try queue.write { db in
            let registered =
                #"{"digest":"\#(digest)","training":{"kind":"pretrain","published":"#
                + #"{"date":"2025-01-01","url":"https://x.org/a"}}}"#
            let published = #"{"digest":"\#(digest)","publication":{"date":"2026-06-01","url":"https://x.org/b"}}"#
            for (seq, type, payload) in [
                (1, "ledger.created", #"{"eventFormat":1,"ledgerID":"t"}"#), (2, "artifact.registered", registered),
                (3, "artifact.published", published),
            ] {
                try db.execute(
                    sql: "INSERT INTO events VALUES (?, 'T', 'a', ?, ?, 'h')", arguments: [seq, type, payload])
            }
            try db.execute(
                sql: "INSERT INTO artifacts VALUES (1, ?, 'file', 1, 1, 2, 'T')", arguments: [digest])
            try db.execute(
                sql: """
                    INSERT INTO training_record_rows (artifact_id, kind, compute_method, compute_inputs, published_url,
                        published_on, published_seq)
                    VALUES (1, 'pretrain', 'unknown', '{}', 'https://x.org/b', '2026-06-01', 3)
                    """)
        }
        try LedgerSchema.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, artifact, url, on_date FROM publications ORDER BY seq")
        }
        #expect(rows.map { $0["seq"] as Int64 } == [2, 3])
        #expect(rows.map { $0["url"] as String } == ["https://x.org/a", "https://x.org/b"])
        #expect(rows.map { $0["on_date"] as String } == ["2025-01-01", "2026-06-01"])
        #expect(rows.allSatisfy { ($0["artifact"] as String) == digest })
        let columns = try queue.read { db in try db.columns(in: "training_record_rows").map(\.name) }
        #expect(
            !columns.contains("published_url") && columns.contains("developer") && columns.contains("corrected_seq"))
    }
}

/// Migration v17 opens and closes `audit_findings` from the audits already in the log (which
/// listed every open key), as replaying them does.
@Suite struct AuditFindingsMigrationTests {
    @Test func v17FillsTheFindingsFromEarlierAudits() throws {
        let queue = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(queue, upTo: "2026-12-03-v16-pages")
        func audit(_ keys: [String]) -> String {
            #"{"checkedBytes":0,"date":"2026-11-25","findings":["#
                + keys.map { "\"\($0)\"" }.joined(separator: ",")
                + #"],"interrupted":false,"locations":[],"rehash":"none","rootHash":"AAAA","status":"findings","#
                + #""treeSize":1}"#
        }
        try queue.write { db in
            for (seq, type, payload) in [
                (1, "ledger.created", #"{"eventFormat":1,"ledgerID":"t"}"#), (2, "audit.completed", audit(["a", "b"])),
                (3, "audit.completed", audit(["b", "c", "é"])), (4, "audit.completed", audit(["c", "é"])),
            ] {
                try db.execute(
                    sql: "INSERT INTO events VALUES (?, 'T', 'a', ?, ?, 'h')", arguments: [seq, type, payload])
            }
        }
        try LedgerSchema.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT key, opened_seq, closed_seq FROM audit_findings ORDER BY key, opened_seq")
                .map { "\($0["key"] as String) \($0["opened_seq"] as Int64) \(($0["closed_seq"] as Int64?) ?? 0)" }
        }
        #expect(rows == ["a 2 3", "b 2 4", "c 3 0", "é 3 0"])
    }
}
