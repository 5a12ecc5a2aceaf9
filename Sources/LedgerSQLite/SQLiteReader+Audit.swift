import GRDB
import LedgerCore
import LedgerStore

extension SQLiteReader {
    /// The event of the most recent audit.
    func lastAuditEvent() throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM audits"))
    }

    /// Every stored location with its artifact's size, least recently re-hashed first (never first).
    func locationsByStaleness() throws -> [(digest: ArtifactDigest, path: String, size: Int64)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT l.artifact, l.path, a.size_bytes, COALESCE(c.checked_seq, 0) AS checked
                    FROM locations l JOIN artifacts a ON a.digest = l.artifact
                    LEFT JOIN location_checks c ON c.artifact = l.artifact AND c.path = l.path
                    ORDER BY checked, l.added_seq, l.path
                    """)
        ).map { (try $0.parsed("artifact", ArtifactDigest.init), try $0.value("path"), try $0.value("size_bytes")) }
    }
}
