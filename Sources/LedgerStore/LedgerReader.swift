import GRDB
import LedgerCore

/// Read queries over one transaction's snapshot of the ledger.
public struct LedgerReader {
    let db: Database

    /// Number of events in the log, which is also the last event's number: every change to the
    /// ledger raises it, so it versions anything read from the ledger (the server's read cache).
    public func eventCount() throws -> Int64 {
        // Sequence numbers run 1, 2, 3, … without gaps (appends take MAX + 1 inside the write
        // transaction; verify checks it), so the count is the last number: an index lookup, not a scan.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM events")) ?? 0
    }

    /// The ledger's random identifier, from its `ledger.created` event.
    public func ledgerID() throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM ledger_info WHERE key = 'ledger_id'"))
    }

    /// Whether an artifact with this digest is registered.
    public func contains(_ digest: ArtifactDigest) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM artifacts WHERE digest = ?)"), arguments: [digest.value]) ?? false
    }

    /// The artifact a name (with its tag, if any) is bound to.
    public func binding(of name: ArtifactName) throws -> ArtifactDigest? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT artifact FROM names WHERE name = ?"), arguments: [name.description])
            .map { try ArtifactDigest($0) }
    }

    /// Resolves what a user typed to exactly one registered artifact.
    ///
    /// A name without a tag matches that exact untagged name, else every tag of it, as long
    /// as they all point at the same artifact.
    public func resolve(_ reference: ArtifactReference) throws -> ArtifactDigest {
        switch reference {
        case .digest(let digest):
            guard try contains(digest) else { throw StoreError.unknownReference(reference.description) }
            return digest
        case .digestPrefix(let prefix):
            let matches = try String.fetchAll(db.cachedStatement(sql: "SELECT digest FROM artifacts WHERE digest >= ? AND digest < ? ORDER BY digest LIMIT 5"),
                                              arguments: ["sha256:" + prefix, "sha256:" + prefix + "g"])
            return try unique(matches, reference: reference)
        case .name(let name):
            if let digest = try binding(of: name) { return digest }
            guard name.tag == nil else { throw StoreError.unknownReference(reference.description) }
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT name, artifact FROM names WHERE repository = ? ORDER BY name"), arguments: [name.repository])
            let artifacts = Set(rows.map { $0["artifact"] as String })
            guard artifacts.count <= 1 else {
                throw StoreError.ambiguousReference(reference.description, candidates: rows.map { $0["name"] })
            }
            return try unique(Array(artifacts), reference: reference)
        }
    }

    private func unique(_ matches: [String], reference: ArtifactReference) throws -> ArtifactDigest {
        guard let first = matches.first else { throw StoreError.unknownReference(reference.description) }
        guard matches.count == 1 else {
            throw StoreError.ambiguousReference(reference.description, candidates: matches.map { String($0.prefix(19)) + "…" })
        }
        return try ArtifactDigest(first)
    }

    /// Everything recorded about one artifact, or nil.
    public func record(_ digest: ArtifactDigest) throws -> ArtifactRecord? {
        try RecordLoader(db: db).load(only: digest).first
    }

    /// Every artifact, in registration order.
    public func records() throws -> [ArtifactRecord] {
        try RecordLoader(db: db).load(only: nil)
    }

    /// Artifacts whose name or digest contains `text` (case-insensitive), newest first, at most `limit`;
    /// every artifact when `text` is empty.
    public func search(_ text: String, limit: Int) throws -> [ArtifactRecord] {
        let pattern = "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let digests = try String.fetchAll(db.cachedStatement(sql: """
            SELECT digest FROM artifacts a
            WHERE ?1 = '%%' OR a.digest LIKE ?1 ESCAPE '\\'
               OR EXISTS (SELECT 1 FROM name_rows n WHERE n.artifact_id = a.id AND lower(n.name) LIKE ?1 ESCAPE '\\')
            ORDER BY a.registered_seq DESC LIMIT ?2
            """), arguments: [pattern, limit])
        return try digests.compactMap { try record(try ArtifactDigest($0)) }
    }

    /// Artifacts made directly from `digest`.
    public func children(of digest: ArtifactDigest) throws -> [ArtifactDigest] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT child FROM lineage_edges WHERE parent = ? ORDER BY child"), arguments: [digest.value])
            .map { try ArtifactDigest($0) }
    }

    /// The lineage graph of `digest`'s ancestry, itself included.
    public func ancestryGraph(of digest: ArtifactDigest) throws -> LineageGraph {
        try lineageGraph(sql: """
            WITH RECURSIVE related(digest) AS (
                SELECT ? UNION SELECT e.parent FROM lineage_edges e JOIN related r ON e.child = r.digest)
            SELECT digest FROM related
            """, root: digest)
    }

    /// The lineage graph of `digest` and everything made from it, directly or not.
    public func descendantGraph(of digest: ArtifactDigest) throws -> LineageGraph {
        try lineageGraph(sql: """
            WITH RECURSIVE related(digest) AS (
                SELECT ? UNION SELECT e.child FROM lineage_edges e JOIN related r ON e.parent = r.digest)
            SELECT digest FROM related
            """, root: digest)
    }

    private func lineageGraph(sql: String, root: ArtifactDigest) throws -> LineageGraph {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            WITH members AS (\(sql))
            SELECT t.artifact, t.kind, t.compute_operations, t.published_url IS NOT NULL AS published,
                   (SELECT group_concat(parent, ' ') FROM (SELECT parent FROM lineage_edges WHERE child = t.artifact ORDER BY position)) AS parents
            FROM training_records t JOIN members m ON m.digest = t.artifact
            """), arguments: [root.value])
        return LineageGraph(nodes: try rows.map { row in
            let parents: String? = row["parents"]
            return LineageNode(digest: try ArtifactDigest(row["artifact"]), kind: try TrainingKind(parsing: row["kind"]),
                               parents: try (parents ?? "").split(separator: " ").map { try ArtifactDigest(String($0)) },
                               operations: row["compute_operations"], published: row["published"])
        })
    }
}

/// One stored event as the log holds it.
public struct StoredEvent: Sendable, Equatable {
    public let seq: Int64
    public let recordedAt: String
    public let actor: String
    public let type: String
    /// Canonical JSON (RFC 8785) of the payload.
    public let payload: String
    public let payloadSHA256: String
}

extension LedgerReader {
    /// Events with `seq` in `range`, in order.
    public func events(_ range: ClosedRange<Int64>) throws -> [StoredEvent] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq"), arguments: [range.lowerBound, range.upperBound]).map {
            StoredEvent(seq: $0["seq"], recordedAt: $0["recorded_at"], actor: $0["actor"], type: $0["type"], payload: $0["payload"],
                        payloadSHA256: $0["payload_sha256"])
        }
    }
}
