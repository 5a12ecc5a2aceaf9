import Foundation
import GRDB
import LedgerCore
import LedgerStore

extension SQLiteReader {
    /// The event of the most recent audit.
    func lastAuditEvent() throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM audits"))
    }

    /// The event of the most recent audit before `seq`.
    func auditEvent(before seq: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM audits WHERE seq < ?"), arguments: [seq])
    }

    /// Every current location an event recorded (a row no event backs is never opened), with its
    /// artifact's size and who recorded it, least recently re-hashed first (never first).
    func locationsByStaleness() throws -> [(
        digest: ArtifactDigest, location: StoredLocation, size: Int64, hashing: HashingRecord?
    )] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT l.artifact, l.path, a.size_bytes, e.actor, COALESCE(c.checked_seq, 0) AS checked,
                           json_extract(e.payload, '$.hashing') AS hashing
                    FROM locations l JOIN artifacts a ON a.digest = l.artifact
                    JOIN events e ON e.seq = l.added_seq
                    LEFT JOIN location_checks c ON c.artifact = l.artifact AND c.path = l.path
                    WHERE \(EventBacking.locationAdded)
                    ORDER BY checked, l.added_seq, l.path
                    """)
        ).map {
            (
                try $0.parsed("artifact", ArtifactDigest.init),
                StoredLocation(recorded: try $0.value("path"), by: try $0.value("actor")), try $0.value("size_bytes"),
                try $0.parsedIfPresent("hashing", Self.hashingRecord)
            )
        }
    }

    /// How the location `path` of `digest` was hashed, from the event that recorded it; nil for
    /// the defaults (or no such location).
    func locationHashing(of digest: ArtifactDigest, path: String) throws -> HashingRecord? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT json_extract(e.payload, '$.hashing') AS hashing
                    FROM locations l JOIN events e ON e.seq = l.added_seq
                    WHERE l.artifact = ? AND l.path = ? AND \(EventBacking.locationAdded)
                    """), arguments: [digest.value, path])
        return try row?.parsedIfPresent("hashing", Self.hashingRecord)
    }

    static func hashingRecord(_ json: String) throws -> HashingRecord {
        try JSONDecoder().decode(HashingRecord.self, from: Data(json.utf8))
    }
}

extension SQLiteReader {
    /// At most `limit` keys of the findings open as of the last audit, after `key` (from the
    /// first when nil), in byte order.
    func openAuditFindings(after key: String?, limit: Int) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT key FROM audit_findings WHERE closed_seq IS NULL AND key > ? ORDER BY key LIMIT ?"),
            arguments: [key ?? "", limit])
    }

    func openAuditFindingCount() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM audit_findings WHERE closed_seq IS NULL"))
            ?? 0
    }
}
