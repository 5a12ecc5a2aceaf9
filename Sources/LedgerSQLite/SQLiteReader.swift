import GRDB
import LedgerCore
import LedgerStore

/// Read queries over one transaction's snapshot of the ledger.
struct SQLiteReader: LedgerReading {
    let db: Database

    /// Number of events in the log, which is also the last event's number: every change to the
    /// ledger raises it, so it versions anything read from the ledger (the server's read cache).
    func eventCount() throws -> Int64 {
        // Sequence numbers run 1, 2, 3, … without gaps (appends take MAX + 1 inside the write
        // transaction; verify checks it), so the count is the last number: an index lookup, not a scan.
        let count = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM events")) ?? 0
        guard count >= 0 else { throw StoreError.damaged(path: "", reason: "the last event is numbered \(count)") }
        return count
    }

    /// The ledger's random identifier, from its `ledger.created` event.
    func ledgerID() throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM ledger_info WHERE key = 'ledger_id'"))
    }

    /// Whether an artifact with this digest is registered.
    func contains(_ digest: ArtifactDigest) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM artifacts WHERE digest = ?)"),
            arguments: [digest.value]) ?? false
    }

    /// The artifact a name (with its tag, if any) is bound to.
    func binding(of name: ArtifactName) throws -> ArtifactDigest? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT artifact FROM names n WHERE n.name = ? AND \(EventBacking.nameBound)"),
            arguments: [name.description]
        )
        .map { try ArtifactDigest($0) }
    }

    /// Every name under `repository` (any tag) with its artifact, ordered by name.
    func bindings(inRepository repository: String) throws -> [(name: String, artifact: ArtifactDigest)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT name, artifact FROM names n WHERE repository = ? AND \(EventBacking.nameBound) "
                    + "ORDER BY name"
            ),
            arguments: [repository]
        ).map { (try $0.value("name"), try $0.parsed("artifact", ArtifactDigest.init)) }
    }

    /// Names that look like `name`, through the skeleton indexes of migration v9.
    func similarNames(to name: ArtifactName) throws -> [(name: ArtifactName, artifact: ArtifactDigest)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT n.name, n.artifact FROM names n
                    WHERE n.name IN (SELECT name FROM name_rows WHERE \(LedgerSchema.skeleton("name")) = ?1
                                     UNION SELECT name FROM name_rows WHERE \(LedgerSchema.skeleton("repository")) = ?2)
                      AND n.name != ?3 AND \(EventBacking.nameBound)
                    ORDER BY n.name LIMIT 5
                    """),
            arguments: [
                ArtifactName.skeleton(name.description), ArtifactName.skeleton(name.repository), name.description,
            ]
        ).map { (try $0.parsed("name", ArtifactName.init), try $0.parsed("artifact", ArtifactDigest.init)) }
    }

    /// Up to `limit` registered digests whose hex starts with `prefix`, in digest order.
    func digests(withPrefix prefix: String, limit: Int) throws -> [ArtifactDigest] {
        try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT digest FROM artifacts WHERE digest >= ? AND digest < ? ORDER BY digest LIMIT ?"),
            arguments: ["sha256:" + prefix, "sha256:" + prefix + "g", limit]
        ).map { try ArtifactDigest($0) }
    }

    /// Everything recorded about one artifact, or nil.
    func record(_ digest: ArtifactDigest) throws -> ArtifactRecord? {
        try RecordLoader(db: db).load(.one(digest)).first
    }

    /// A page of artifacts registered after event `seq`, in registration order.
    func records(after seq: Int64, limit: Int) throws -> [ArtifactRecord] {
        try RecordLoader(db: db).load(.page(after: seq, limit: max(0, limit)))
    }

    /// Artifacts whose name or digest contains `text` (case-insensitive), newest first, at most `limit`;
    /// every artifact when `text` is empty.
    func search(_ text: String, limit: Int) throws -> [ArtifactRecord] {
        let pattern =
            "%"
            + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let digests = try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT digest FROM artifacts a
                    WHERE ?1 = '%%' OR a.digest LIKE ?1 ESCAPE '\\'
                       OR EXISTS (SELECT 1 FROM name_rows n WHERE n.artifact_id = a.id AND lower(n.name) LIKE ?1 \
                    ESCAPE '\\' AND \(EventBacking.nameEvent))
                    ORDER BY a.registered_seq DESC LIMIT ?2
                    """), arguments: [pattern, limit])
        return try digests.compactMap { try record(try ArtifactDigest($0)) }
    }

    /// The children of each of `digests`, from one query per 500 digests.
    func children(ofAny digests: [ArtifactDigest]) throws -> [ArtifactDigest: [ArtifactDigest]] {
        var children: [ArtifactDigest: [ArtifactDigest]] = [:]
        for (marks, arguments) in Self.batches(digests) {
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT parent, child FROM lineage_edges WHERE parent IN (\(marks)) ORDER BY parent, child"),
                arguments: arguments)
            while let row = try rows.next() {
                children[try row.parsed("parent", ArtifactDigest.init), default: []].append(
                    try row.parsed("child", ArtifactDigest.init))
            }
        }
        return children
    }

    /// Digests in batches of at most 500, each with its `?, ?, …` placeholders and arguments: how
    /// the page queries (`ofAny`, `namingAny`) stay under SQLite's limit on bound values.
    static func batches(_ digests: [ArtifactDigest]) -> [(marks: String, arguments: StatementArguments)] {
        stride(from: 0, to: digests.count, by: 500).map { start in
            let slice = digests[start..<min(start + 500, digests.count)]
            return (
                Array(repeating: "?", count: slice.count).joined(separator: ","),
                StatementArguments(slice.map(\.value))
            )
        }
    }

    /// Artifacts made directly from `digest`.
    func children(of digest: ArtifactDigest) throws -> [ArtifactDigest] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT child FROM lineage_edges WHERE parent = ? ORDER BY child"),
            arguments: [digest.value]
        )
        .map { try ArtifactDigest($0) }
    }

    /// The lineage graph of `digest`'s ancestry, itself included.
    func ancestryGraph(of digest: ArtifactDigest) throws -> LineageGraph {
        try lineageGraph(
            sql: """
                WITH RECURSIVE related(digest) AS (
                    SELECT ? UNION SELECT e.parent FROM lineage_edges e JOIN related r ON e.child = r.digest)
                SELECT digest FROM related
                """, root: digest)
    }

    /// The lineage graph of `digest` and everything made from it, directly or not.
    func descendantGraph(of digest: ArtifactDigest) throws -> LineageGraph {
        try lineageGraph(
            sql: """
                WITH RECURSIVE related(digest) AS (
                    SELECT ? UNION SELECT e.child FROM lineage_edges e JOIN related r ON e.parent = r.digest)
                SELECT digest FROM related
                """, root: digest)
    }

    private func lineageGraph(sql: String, root: ArtifactDigest) throws -> LineageGraph {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH members AS (\(sql))
                    SELECT t.artifact, t.kind, t.compute_operations, t.developer, t.external_parents,
                           (SELECT group_concat(parent, ' ') FROM (SELECT parent FROM lineage_edges WHERE child = \
                    t.artifact ORDER BY position)) AS parents
                    FROM training_records t JOIN members m ON m.digest = t.artifact
                    """), arguments: [root.value])
        let publicationRows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH members AS (\(sql))
                    SELECT p.* FROM publications p JOIN members m ON m.digest = p.artifact ORDER BY p.seq
                    """), arguments: [root.value])
        let publications = try Dictionary(grouping: publicationRows) { try $0.value("artifact", as: String.self) }
            .mapValues(PublicationRows.history)
        return LineageGraph(
            nodes: try rows.map { row in
                let digest: String = try row.value("artifact")
                return LineageNode(
                    digest: try row.parsed("artifact", ArtifactDigest.init),
                    kind: try row.parsed("kind", TrainingKind.init(parsing:)),
                    parents: try row.parsedIfPresent("parents") {
                        try $0.split(separator: " ").map { try ArtifactDigest(String($0)) }
                    } ?? [],
                    operations: try row.value("compute_operations"),
                    publications: publications[digest] ?? PublicationHistory(),
                    developer: try row.parsedIfPresent("developer", OrganisationName.init),
                    externalParents: try RecordLoader.externalParents(row))
            })
    }
}

extension SQLiteReader {
    /// Events with `seq` in `range`, in order.
    func events(_ range: ClosedRange<Int64>) throws -> [StoredEvent] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq"),
            arguments: [range.lowerBound, range.upperBound]
        ).map(Self.event)
    }

    /// The events after `seq` in order from one cursor: a row at a time, never the whole log.
    func forEachEvent(after seq: Int64, _ body: (StoredEvent) throws -> Bool) throws {
        // Each event is handed over once the statement has stepped past its row: SQLite keeps its
        // own copy of a large payload (one spread over overflow pages) until the next step, and a
        // copy or a replay of a first audit's 100+ MB event held both while applying it.
        var held: StoredEvent?
        var going = true
        try db.forEachRow(
            "SELECT seq, recorded_at, actor, type, payload, payload_sha256 FROM events WHERE seq > ? ORDER BY seq", seq
        ) { row in
            guard let seq = row.int64(0), let recordedAt = row.text(1), let actor = row.text(2),
                let type = row.text(3), let payload = row.text(4), let sha256 = row.text(5)
            else {
                throw StoreError.damaged(
                    path: "", reason: "an event after \(seq) has a NULL or a value of the wrong type in its row")
            }
            let event = StoredEvent(
                seq: seq, recordedAt: recordedAt, actor: actor, type: type, payload: payload, payloadSHA256: sha256)
            defer { held = event }
            if let previous = held { going = try body(previous) }
            return going
        }
        if going, let last = held { _ = try body(last) }
    }

    private static func event(_ row: Row) throws -> StoredEvent {
        StoredEvent(
            seq: try row.value("seq"), recordedAt: try row.value("recorded_at"), actor: try row.value("actor"),
            type: try row.value("type"), payload: try row.value("payload"),
            payloadSHA256: try row.value("payload_sha256"))
    }
}
