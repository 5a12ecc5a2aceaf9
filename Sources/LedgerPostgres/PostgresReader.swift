import LedgerCore
import LedgerStore
import TransparencyLog

/// Reads over one snapshot: the log (events, subtrees, the storage checks) from PostgreSQL, up to
/// the mirror's size; everything else from the mirror's projections, which were made from those
/// events (`verify` replays PostgreSQL's events and compares them with the mirror's rows).
struct PostgresReader: LedgerReading {
    /// The mirror's snapshot.
    let local: any LedgerReading
    let pool: PostgresPool
    /// The number of events in the mirror's snapshot: PostgreSQL's rows after it are not read.
    let size: Int64
    /// The mirror's path, for messages about it.
    let mirrorPath: String

    func eventCount() throws -> Int64 { size }

    func events(_ range: ClosedRange<Int64>) throws -> [StoredEvent] {
        guard range.lowerBound <= size else { return [] }
        let upper = min(range.upperBound, size)
        var events: [StoredEvent] = []
        var after = range.lowerBound - 1
        while after < upper {
            let page = try pool.with { try PostgresLog(session: $0).events(after: after, upTo: upper) }
            guard let last = page.last else { break }
            events += page
            after = last.seq
        }
        return events
    }

    func forEachEvent(after seq: Int64, _ body: (StoredEvent) throws -> Bool) throws {
        var after = seq
        while after < size {
            let page = try pool.with { try PostgresLog(session: $0).events(after: after, upTo: size) }
            guard let last = page.last else { return }
            for event in page { guard try body(event) else { return } }
            after = last.seq
        }
    }

    var merkle: any SubtreeSource { PostgresSubtrees(pool: pool) }

    func merkleNodes(level: Int, from index: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])] {
        try pool.with { try PostgresLog(session: $0).nodes(level: level, from: index, limit: limit, size: size) }
    }

    func merkleNodeCount() throws -> Int64 {
        try pool.with { try PostgresLog(session: $0).nodeCount(size: size) }
    }

    /// The database's triggers (a dropped one lets events be rewritten), then the mirror's own checks.
    func storageProblems(thorough: Bool) throws -> [IntegrityProblem] {
        let present = try pool.with { session in
            try session.rows(
                "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
            ).map { try $0.decode(String.self) }
        }
        let missing = PostgresSchema.triggers.filter { !present.contains($0) }
        var problems = missing.map {
            IntegrityProblem("trigger \($0) is missing or disabled in the database: the log's guard was removed")
        }
        // The mirror's tree (which later catch-ups compare with) must be the database's, which
        // verify rebuilds from the events.
        let theirs = try pool.with { try PostgresLog(session: $0).root(size: size) }
        let ours = try? local.merkle.root(size: UInt64(size))
        let same = try ours == theirs && (!thorough || sameSubtrees())
        if !same {
            problems.append(
                IntegrityProblem(
                    "the mirror \(mirrorPath) holds another tree than the database at size \(size): the mirror was "
                        + "changed; move it away and it is rebuilt from the database"))
        }
        return problems + (try local.storageProblems(thorough: thorough))
    }

    /// Whether every subtree the mirror stores is the database's, a page of each level at a time.
    private func sameSubtrees() throws -> Bool {
        for level in 0..<64 where size >> level > 0 {
            var from: Int64 = 0
            while from < size >> level {
                let ours = try local.merkleNodes(level: level, from: from, limit: 10_000)
                let theirs = try merkleNodes(level: level, from: from, limit: 10_000)
                guard ours.count == theirs.count, zip(ours, theirs).allSatisfy({ $0 == $1 }) else { return false }
                guard let last = theirs.last else { break }
                from = last.index + 1
            }
        }
        return true
    }

    // The projections' answers: the mirror's.
    func ledgerID() throws -> String? { try local.ledgerID() }
    func contains(_ digest: ArtifactDigest) throws -> Bool { try local.contains(digest) }
    func binding(of name: ArtifactName) throws -> ArtifactDigest? { try local.binding(of: name) }
    func bindings(inRepository repository: String) throws -> [(name: String, artifact: ArtifactDigest)] {
        try local.bindings(inRepository: repository)
    }
    func similarNames(to name: ArtifactName) throws -> [(name: ArtifactName, artifact: ArtifactDigest)] {
        try local.similarNames(to: name)
    }
    func digests(withPrefix prefix: String, limit: Int) throws -> [ArtifactDigest] {
        try local.digests(withPrefix: prefix, limit: limit)
    }
    func record(_ digest: ArtifactDigest) throws -> ArtifactRecord? { try local.record(digest) }
    func records(after seq: Int64, limit: Int) throws -> [ArtifactRecord] {
        try local.records(after: seq, limit: limit)
    }
    func search(_ text: String, limit: Int) throws -> [ArtifactRecord] { try local.search(text, limit: limit) }
    func children(of digest: ArtifactDigest) throws -> [ArtifactDigest] { try local.children(of: digest) }
    func children(ofAny digests: [ArtifactDigest]) throws -> [ArtifactDigest: [ArtifactDigest]] {
        try local.children(ofAny: digests)
    }
    func ancestryGraph(of digest: ArtifactDigest) throws -> LineageGraph { try local.ancestryGraph(of: digest) }
    func descendantGraph(of digest: ArtifactDigest) throws -> LineageGraph { try local.descendantGraph(of: digest) }
    func organisations() throws -> OrganisationDirectory { try local.organisations() }
    func factEvents(of digest: ArtifactDigest) throws -> [StoredEvent] { try local.factEvents(of: digest) }
    func licenseEvents(naming digest: ArtifactDigest) throws -> [StoredEvent] {
        try local.licenseEvents(naming: digest)
    }
    func approvalEvents(of digest: ArtifactDigest) throws -> [StoredEvent] { try local.approvalEvents(of: digest) }
    func signatures(of digest: ArtifactDigest) throws -> [(seq: Int64, signature: ModelSignatureRecord)] {
        try local.signatures(of: digest)
    }
    func organisationEvents() throws -> [StoredEvent] { try local.organisationEvents() }
    func policyFacts(after seq: Int64, limit: Int) throws -> [PolicyFacts] {
        try local.policyFacts(after: seq, limit: limit)
    }
    func licenses(naming digest: ArtifactDigest) throws -> [License] { try local.licenses(naming: digest) }
    func hubArtifacts(repository: String) throws -> [(digest: ArtifactDigest, origin: ArtifactOrigin)] {
        try local.hubArtifacts(repository: repository)
    }
    func allLicenses() throws -> [License] { try local.allLicenses() }
    func licenses(namingAny digests: [ArtifactDigest]) throws -> [License] { try local.licenses(namingAny: digests) }
    func licenses(matching id: String) throws -> [License] { try local.licenses(matching: id) }
    func deployments(of digest: ArtifactDigest) throws -> [DeploymentRecord] { try local.deployments(of: digest) }
    func deployments(ofAny digests: [ArtifactDigest]) throws -> [DeploymentRecord] {
        try local.deployments(ofAny: digests)
    }
    func deployments(before seq: Int64?, destination: CountryCode?, limit: Int) throws -> [DeploymentRecord] {
        try local.deployments(before: seq, destination: destination, limit: limit)
    }
    func activeTokens() throws -> [(name: String, role: String, sha256: String)] { try local.activeTokens() }
    func tokenExists(_ name: String) throws -> Bool { try local.tokenExists(name) }
    func lastAuditEvent() throws -> Int64? { try local.lastAuditEvent() }
    func auditEvent(before seq: Int64) throws -> Int64? { try local.auditEvent(before: seq) }
    func openAuditFindings(after key: String?, limit: Int) throws -> [String] {
        try local.openAuditFindings(after: key, limit: limit)
    }
    func openAuditFindingCount() throws -> Int64 { try local.openAuditFindingCount() }
    func locationsByStaleness() throws -> [(
        digest: ArtifactDigest, location: StoredLocation, size: Int64, hashing: HashingRecord?
    )] {
        try local.locationsByStaleness()
    }
    func locationHashing(of digest: ArtifactDigest, path: String) throws -> HashingRecord? {
        try local.locationHashing(of: digest, path: path)
    }
    func checkpoints() throws -> [RecordedCheckpoint] { try local.checkpoints() }
    func latestCheckpoint() throws -> RecordedCheckpoint? { try local.latestCheckpoint() }
}
