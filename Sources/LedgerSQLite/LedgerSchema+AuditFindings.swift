import GRDB
import LedgerCore

extension LedgerSchema {
    /// The findings that needed a person as audits recorded them: a row per key from the audit
    /// that found it (`opened_seq`) to the one that found it resolved (`closed_seq`, null while
    /// open). The next audit compares with the open rows a page at a time.
    static let v17 = """
        CREATE TABLE audit_findings (
            key TEXT NOT NULL,
            opened_seq INTEGER NOT NULL REFERENCES events(seq),
            closed_seq INTEGER REFERENCES events(seq),
            PRIMARY KEY (key, opened_seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX audit_findings_open ON audit_findings(key) WHERE closed_seq IS NULL;
        """

    /// Fills `audit_findings` from the audits already in the log, as a replay would.
    static func backfillAuditFindings(_ db: Database) throws {
        var audits: [Int64] = []
        try db.forEachRow("SELECT seq FROM events WHERE type = 'audit.completed' ORDER BY seq") { row in
            if let seq = row.int64(0) { audits.append(seq) }
            return true
        }
        let projector = Projector(db: db)
        // One payload at a time: an audit of the earlier format lists every open key.
        for seq in audits {
            var payload: [UInt8] = []
            try db.forEachRow("SELECT payload FROM events WHERE seq = ?", seq) {
                payload = Array(($0.text(0) ?? "").utf8)
                return false
            }
            let event = try LedgerEvent.decode(type: "audit.completed", payload: payload)
            for change in event.projection {
                switch change {
                case .auditFindingsChanged, .auditFindingsListed: try projector.apply(change, seq: seq)
                default: continue
                }
            }
        }
    }
}
