import LedgerCore
import TransparencyLog

/// Read queries over one snapshot of a ledger: what every backend answers. Lists come in the
/// orders stated, so every backend gives the same answers byte for byte.
public protocol LedgerReading {
    /// Number of events in the log, which is also the last event's number: every change to the
    /// ledger raises it, so it versions anything read from the ledger (the server's read cache).
    func eventCount() throws -> Int64
    /// The ledger's random identifier, from its `ledger.created` event.
    func ledgerID() throws -> String?

    /// Whether an artifact with this digest is registered.
    func contains(_ digest: ArtifactDigest) throws -> Bool
    /// The artifact a name (with its tag, if any) is bound to.
    func binding(of name: ArtifactName) throws -> ArtifactDigest?
    /// Every name under `repository` (any tag) with its artifact, ordered by name.
    func bindings(inRepository repository: String) throws -> [(name: String, artifact: ArtifactDigest)]
    /// Up to 5 names other than `name` whose confusables skeleton (`ArtifactName.skeleton`) is the
    /// skeleton of `name`, or whose repository's is the skeleton of `name`'s repository, with their artifacts.
    func similarNames(to name: ArtifactName) throws -> [(name: ArtifactName, artifact: ArtifactDigest)]
    /// Up to `limit` registered digests whose hex starts with `prefix`, in digest order.
    func digests(withPrefix prefix: String, limit: Int) throws -> [ArtifactDigest]

    /// Everything recorded about one artifact, or nil.
    func record(_ digest: ArtifactDigest) throws -> ArtifactRecord?
    /// At most `limit` artifacts registered after event `seq` (0: from the first), in
    /// registration order: a page, so a walk over every artifact holds one page at a time.
    func records(after seq: Int64, limit: Int) throws -> [ArtifactRecord]
    /// Artifacts whose name or digest contains `text` (case-insensitive), newest first, at most
    /// `limit`; every artifact when `text` is empty.
    func search(_ text: String, limit: Int) throws -> [ArtifactRecord]
    /// Artifacts made directly from `digest`, in digest order.
    func children(of digest: ArtifactDigest) throws -> [ArtifactDigest]
    /// The children of each of `digests` (a page's), each list in digest order; a digest with
    /// none is absent.
    func children(ofAny digests: [ArtifactDigest]) throws -> [ArtifactDigest: [ArtifactDigest]]
    /// The lineage graph of `digest`'s ancestry, itself included.
    func ancestryGraph(of digest: ArtifactDigest) throws -> LineageGraph
    /// The lineage graph of `digest` and everything made from it, directly or not.
    func descendantGraph(of digest: ArtifactDigest) throws -> LineageGraph
    /// Every organisation with its dated facts.
    func organisations() throws -> OrganisationDirectory
    /// The events that set an artifact's facts (registration, publications, withdrawals,
    /// corrections), in order: its fact history.
    func factEvents(of digest: ArtifactDigest) throws -> [StoredEvent]
    /// The events that added the licenses `licenses(naming:)` reads, in order (a report checks
    /// each against the log).
    func licenseEvents(naming digest: ArtifactDigest) throws -> [StoredEvent]
    /// The `approval.recorded` events of `digest`, in order (readers decode them: a decision rests
    /// on what an event says, never on a row alone).
    func approvalEvents(of digest: ArtifactDigest) throws -> [StoredEvent]
    /// The model signatures verified for `digest`, each with the event that recorded it, in order.
    func signatures(of digest: ArtifactDigest) throws -> [(seq: Int64, signature: ModelSignatureRecord)]
    /// The events that added or changed an organisation, in order: what `organisations()` is made of.
    func organisationEvents() throws -> [StoredEvent]
    /// The facts policy reads about at most `limit` artifacts registered after event `seq`, in
    /// registration order: a page of `flags`.
    func policyFacts(after seq: Int64, limit: Int) throws -> [PolicyFacts]

    /// Licenses that name `digest`, oldest first.
    func licenses(naming digest: ArtifactDigest) throws -> [License]
    /// Artifacts registered from a snapshot of the hub repository `repository` (`org/name`), with
    /// the origin each recorded, oldest first.
    func hubArtifacts(repository: String) throws -> [(digest: ArtifactDigest, origin: ArtifactOrigin)]
    /// Every license, oldest first.
    func allLicenses() throws -> [License]
    /// Licenses that name any of `digests` (a page's), oldest first, each once.
    func licenses(namingAny digests: [ArtifactDigest]) throws -> [License]
    /// Licenses whose `AUTHORITY/NUMBER` is `id`, or whose number is `id`, oldest first.
    func licenses(matching id: String) throws -> [License]
    /// Deployments of `digest`, in the order recorded.
    func deployments(of digest: ArtifactDigest) throws -> [DeploymentRecord]
    /// The deployments of any of `digests` (a page's), in the order recorded.
    func deployments(ofAny digests: [ArtifactDigest]) throws -> [DeploymentRecord]
    /// At most `limit` deployments (to `destination`, if given) recorded before event `seq` (all
    /// when nil), newest first: a page of the register.
    func deployments(before seq: Int64?, destination: CountryCode?, limit: Int) throws -> [DeploymentRecord]

    /// Active (not revoked) tokens: name, role and SHA-256 hex, ordered by name.
    func activeTokens() throws -> [(name: String, role: String, sha256: String)]
    /// Whether a token with this name exists (revoked or not).
    func tokenExists(_ name: String) throws -> Bool

    /// The event of the most recent audit.
    func lastAuditEvent() throws -> Int64?
    /// The event of the most recent audit recorded before event `seq`.
    func auditEvent(before seq: Int64) throws -> Int64?
    /// At most `limit` keys of the findings open as of the last audit, after `key` (from the
    /// first when nil), in the order of their UTF-8 bytes: a page of what the next audit compares.
    func openAuditFindings(after key: String?, limit: Int) throws -> [String]
    /// How many findings are open as of the last audit (`/metrics`).
    func openAuditFindingCount() throws -> Int64
    /// Every current location an event recorded, with its artifact's size and who recorded it,
    /// least recently re-hashed first (never first).
    /// `hashing`: how the location was hashed when recorded (nil: the defaults).
    func locationsByStaleness() throws -> [(
        digest: ArtifactDigest, location: StoredLocation, size: Int64, hashing: HashingRecord?
    )]
    /// How the location `path` of `digest` was hashed, from the event that recorded it; nil for
    /// the defaults (or no such location).
    func locationHashing(of digest: ArtifactDigest, path: String) throws -> HashingRecord?

    /// Events with `seq` in `range`, in order.
    func events(_ range: ClosedRange<Int64>) throws -> [StoredEvent]
    /// The events after event `seq` (0: every event) in order, one at a time, as the log stores
    /// them; `body` returns false to stop.
    func forEachEvent(after seq: Int64, _ body: (StoredEvent) throws -> Bool) throws
    /// The stored Merkle tree: appends keep it up to date; proofs read O(log² n) subtrees.
    var merkle: any SubtreeSource { get }
    /// At most `limit` stored subtrees of `level` with index `index` or more, by index: a page of
    /// one level, so `verify` walks every level side by side in bounded memory.
    func merkleNodes(level: Int, from index: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])]
    /// How many subtrees are stored, at every level.
    func merkleNodeCount() throws -> Int64
    /// Every recorded checkpoint, oldest first.
    func checkpoints() throws -> [RecordedCheckpoint]
    /// The most recent recorded checkpoint.
    func latestCheckpoint() throws -> RecordedCheckpoint?
    /// The backend's own checks of what it stores (SQLite: `integrity_check`, and
    /// `foreign_key_check`, which finds a row naming an event, artifact or license the ledger does
    /// not have), as problems; empty when they hold. Not `thorough`: only the checks that do not
    /// read every page (SQLite: the schema's tables, views, indexes and triggers), for a run that
    /// reads only what changed.
    func storageProblems(thorough: Bool) throws -> [IntegrityProblem]
}

/// Appends events inside one write transaction, updating the projections with each.
public protocol LedgerWriting {
    /// Queries over the same transaction, so checks and writes see one state.
    var reader: any LedgerReading { get }
    /// Appends one event (canonical payload, hash, Merkle leaf) and applies it to the
    /// projections. Returns its sequence number.
    @discardableResult
    func append(_ event: LedgerEvent, actor: String, at time: String) throws -> Int64
    /// Appends an event recorded in another ledger exactly as it was stored (its number, time,
    /// actor and payload bytes), and applies it to the projections: how `copy` and a mirror
    /// reproduce a log byte for byte. Refuses (`StoreError.damaged`) an event that is not the
    /// next one, whose payload does not match its SHA-256, or that does not decode.
    func replicate(_ stored: StoredEvent) throws
}

extension LedgerWriting {
    /// Writes the `ledger.created` event if the ledger has no events yet. Returns true when it did.
    @discardableResult
    public func createIfNeeded(actor: String, at time: String, id: String) throws -> Bool {
        guard try reader.eventCount() == 0 else { return false }
        try append(.ledgerCreated(LedgerCreated(ledgerID: id)), actor: actor, at: time)
        return true
    }
}
