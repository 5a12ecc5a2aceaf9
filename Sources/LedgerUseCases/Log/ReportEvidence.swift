import Hashing
import LedgerCore
import LedgerStore
import TransparencyLog

/// Gathers the evidence of a report in its read snapshot: reads the events behind every fact the
/// report states (each lineage member's registration, publications, withdrawals and corrections,
/// the deployments and licenses it lists, the organisations policy reads), checks each against the
/// Merkle tree with an inclusion proof, and compares what the events say with what the tables
/// gave. Any disagreement is an `IntegrityFailure` (exit 3) naming it: a report is never built
/// from a table the log does not back.
///
/// What it cannot see: an event whose projection row was deleted with everything that pointed
/// at it. `verify` and `audit` replay the whole log and find that; the report states when the
/// last audit did.
struct ReportEvidence {
    let reader: any LedgerReading
    private(set) var problems: [String] = []
    private var proven: [Int64: StoredEvent] = [:]
    /// Each checked record's fact events as read (the review's fact history is made of them: read once).
    private(set) var factEvents: [ArtifactDigest: [StoredEvent]] = [:]

    init(reader: any LedgerReading) { self.reader = reader }

    /// Checks each record against its artifact's fact events.
    mutating func check(records: [ArtifactRecord]) throws {
        for record in records {
            let label = record.names.first.map { "\($0) (\(record.digest.value))" } ?? record.digest.value
            let stored = try reader.factEvents(of: record.digest)
            factEvents[record.digest] = stored
            guard let decoded = try decode(stored) else { continue }
            do {
                let facts = try ArtifactEventFacts.fold(record.digest, events: decoded)
                problems += facts.disagreements(with: record).map { "artifact \(label): \($0)" }
            } catch {
                problems.append("artifact \(label): \(error)")
            }
        }
    }

    /// Checks each deployment row against its `deployment.recorded` event.
    mutating func check(deployments: [DeploymentRecord]) throws {
        for row in deployments {
            let stored = try reader.events(row.seq...row.seq)
            guard let decoded = try decode(stored), let (_, event) = decoded.first else {
                problems.append("deployment \(row.seq): no such event in the log")
                continue
            }
            guard case .deploymentRecorded(let recorded) = event else {
                problems.append("deployment \(row.seq): its event is \(event.type), not deployment.recorded")
                continue
            }
            let expected = DeploymentRecord(
                seq: row.seq, digest: recorded.digest, destination: recorded.destination,
                recipient: recorded.recipient, exporter: recorded.exporter, date: recorded.date, kind: recorded.kind,
                license: recorded.license, unresolvedFindings: recorded.evaluation.openFindingCount,
                worstSeverity: recorded.evaluation.worstUnresolvedSeverity?.rawValue)
            if expected != row { problems.append("deployment \(row.seq): the tables differ from its event") }
        }
    }

    /// Checks that the licenses the tables list for `digest` are exactly those their events added.
    mutating func check(licenses: [License], naming digest: ArtifactDigest) throws {
        guard let decoded = try decode(try reader.licenseEvents(naming: digest)) else { return }
        var fromEvents: [License] = []
        for (seq, event) in decoded {
            guard case .licenseAdded(let license) = event, license.artifacts.contains(digest) else {
                problems.append("license event \(seq): it is \(event.type) and does not name \(digest.value)")
                continue
            }
            fromEvents.append(license)
        }
        let key: (License) -> String = { $0.id }
        if licenses.sorted(by: { key($0) < key($1) }) != fromEvents.sorted(by: { key($0) < key($1) }) {
            problems.append(
                "licenses naming \(digest.value): the tables list \(licenses.map(\.id)), their events "
                    + "\(fromEvents.map(\.id))")
        }
    }

    /// The approvals the tables list for `digest`, each from its own event (proven like the rest):
    /// a row whose event is not an approval of this artifact is a problem, never an approval.
    mutating func approvals(of digest: ArtifactDigest) throws -> [(approval: ApprovalRecorded, event: StoredEvent)] {
        let stored = try reader.approvalEvents(of: digest)
        guard let decoded = try decode(stored) else { return [] }
        var found: [(approval: ApprovalRecorded, event: StoredEvent)] = []
        for ((seq, event), raw) in zip(decoded, stored) {
            guard case .approvalRecorded(let approval) = event, approval.digest == digest else {
                problems.append("approval \(seq): its event is \(event.type), not an approval of \(digest.value)")
                continue
            }
            found.append((approval, raw))
        }
        return found
    }

    /// Checks the organisation directory against the events that made it.
    mutating func check(organisations directory: OrganisationDirectory) throws {
        guard let decoded = try decode(try reader.organisationEvents()) else { return }
        var folded: [OrganisationName: Organisation] = [:]
        for (seq, event) in decoded {
            switch event {
            case .organisationAdded(let added) where folded[added.name] == nil:
                folded[added.name] = Organisation(added, seq: seq)
            case .organisationChanged(let changed) where folded[changed.name] != nil:
                folded[changed.name]?.apply(changed, seq: seq)
            default:
                problems.append("organisation event \(seq) (\(event.type)) does not fit the organisations before it")
            }
        }
        for name in Set(folded.keys).union(directory.organisations.keys).sorted(by: { $0.value < $1.value })
        where folded[name] != directory[name] {
            problems.append("organisation \(name.value): the tables differ from its events")
        }
    }

    /// Includes the ledger's identity, the last audit and the latest checkpoint, proves every event
    /// read, and returns the evidence; throws `IntegrityFailure` when anything did not hold.
    mutating func finish() throws -> LogEvidence {
        let size = try reader.eventCount()
        guard size > 0 else { throw IntegrityFailure(problems: ["the log is empty"]) }
        let identity = try decode(try reader.events(1...1))?.first?.event
        var audit: AuditStanding?
        if let seq = try reader.lastAuditEvent() {
            let stored = try reader.events(seq...seq)
            if let (_, event) = try decode(stored)?.first, case .auditRecorded(let recorded) = event,
                let time = stored.first?.recordedAt
            {
                audit = AuditStanding(
                    seq: seq, recordedAt: time, status: recorded.status, rehash: recorded.rehash,
                    treeSize: recorded.treeSize, interrupted: recorded.interrupted)
            } else {
                problems.append("the last audit's event \(seq) is not an audit")
            }
        }
        let root = try reader.merkle.root(size: UInt64(size))
        var events: [ProvenEvent] = []
        for (seq, stored) in proven.sorted(by: { $0.key < $1.key }) {
            let leaf = stored.leafHash
            guard seq >= 1, seq <= size else {
                problems.append("event \(seq) lies past the end of the log (\(size) events)")
                continue
            }
            let proof = try reader.merkle.inclusionProof(index: UInt64(seq - 1), size: UInt64(size))
            guard
                ProofVerifier.verifyInclusion(
                    index: UInt64(seq - 1), size: UInt64(size), leafHash: leaf, proof: proof, root: root)
            else {
                problems.append(
                    "event \(seq) (\(stored.type)) does not verify against the log's tree (size \(size)): the event "
                        + "or the tree was rewritten")
                continue
            }
            let entry = EventLeaf.bytes(
                seq: seq, recordedAt: stored.recordedAt, actor: stored.actor, type: stored.type,
                payload: Array(stored.payload.utf8))
            events.append(
                ProvenEvent(
                    seq: seq, type: stored.type, entry: String(decoding: entry, as: UTF8.self), leafHash: leaf,
                    proof: proof))
        }
        let checkpoint = try checkpointStanding(size: size, root: root)
        guard problems.isEmpty else { throw IntegrityFailure(problems: problems) }
        guard case .ledgerCreated(let created)? = identity else {
            throw IntegrityFailure(problems: ["event 1 is not the ledger's ledger.created event"])
        }
        return LogEvidence(
            ledgerID: created.ledgerID, treeSize: size, rootHash: root, events: events, lastAudit: audit,
            checkpoint: checkpoint)
    }

    private mutating func checkpointStanding(size: Int64, root: [UInt8]) throws -> CheckpointStanding? {
        guard let recorded = try reader.latestCheckpoint() else { return nil }
        guard let checkpoint = recorded.checkpoint, recorded.size >= 0, recorded.size <= size else {
            problems.append("the checkpoint at event \(recorded.seq) is damaged (size \(recorded.size))")
            return nil
        }
        let old = UInt64(recorded.size)
        let proof =
            old == 0 || old == UInt64(size) ? [] : try reader.merkle.consistencyProof(old: old, new: UInt64(size))
        let holds =
            old == 0
            ? checkpoint.rootHash == Merkle.emptyRoot
            : old == UInt64(size)
                ? checkpoint.rootHash == root
                : ProofVerifier.verifyConsistency(
                    old: old, new: UInt64(size), proof: proof, oldRoot: checkpoint.rootHash, newRoot: root)
        if !holds {
            problems.append(
                "the log (size \(size)) does not extend the checkpoint at event \(recorded.seq) (size \(old)): "
                    + "events before it were rewritten")
        }
        return CheckpointStanding(
            seq: recorded.seq, origin: recorded.origin, size: recorded.size, rootHash: checkpoint.rootHash,
            signed: recorded.signedNote != nil, consistency: proof)
    }

    /// Checks each stored event's payload against its recorded hash and decodes it, remembering it
    /// to prove; nil (with the problem noted) when one fails.
    private mutating func decode(_ stored: [StoredEvent]) throws -> [(seq: Int64, event: LedgerEvent)]? {
        var out: [(seq: Int64, event: LedgerEvent)] = []
        for event in stored {
            let bytes = Array(event.payload.utf8)
            guard try SHA256.hash(bytes).hex == event.payloadSHA256 else {
                problems.append("event \(event.seq): its payload does not match its recorded SHA-256 (payload changed)")
                return nil
            }
            do {
                out.append((event.seq, try LedgerEvent.decode(type: event.type, payload: bytes)))
            } catch {
                problems.append("event \(event.seq) (\(event.type)) cannot be read: \(error)")
                return nil
            }
            proven[event.seq] = event
        }
        return out
    }
}
