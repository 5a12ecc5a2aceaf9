import GRDB
import LedgerCore
import LedgerStore

extension SQLiteReader {
    /// The event of the most recent audit.
    func lastAuditEvent() throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM audits"))
    }

    /// Every current location an event recorded (a row no event backs is never opened), with its
    /// artifact's size and who recorded it, least recently re-hashed first (never first).
    func locationsByStaleness() throws -> [(digest: ArtifactDigest, location: StoredLocation, size: Int64)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT l.artifact, l.path, a.size_bytes, e.actor, COALESCE(c.checked_seq, 0) AS checked
                    FROM locations l JOIN artifacts a ON a.digest = l.artifact
                    JOIN events e ON e.seq = l.added_seq
                    LEFT JOIN location_checks c ON c.artifact = l.artifact AND c.path = l.path
                    WHERE \(EventBacking.locationAdded)
                    ORDER BY checked, l.added_seq, l.path
                    """)
        ).map {
            (
                try $0.parsed("artifact", ArtifactDigest.init),
                StoredLocation(recorded: try $0.value("path"), by: try $0.value("actor")), try $0.value("size_bytes")
            )
        }
    }
}
