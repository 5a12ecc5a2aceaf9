import Foundation
import LedgerCore
import LedgerStore
import TransparencyLog

/// `log checkpoint`, `log prove`, `log consistency`: the tamper-evident log's commands.
public struct LogTool {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Commits to every event so far: the checkpoint (signed when a key is given) is recorded as an event.
    public func checkpoint(signingKey: NoteKey?, origin: String?) throws -> CheckpointOutcome {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let size = try reader.eventCount()
            let root = try reader.merkle.root(size: UInt64(size))
            let ledgerID = try reader.ledgerID() ?? "ledger"
            let name = origin ?? signingKey?.name ?? "weightledger/\(ledgerID)"
            if let signingKey, let origin, origin != signingKey.name {
                throw InputError(
                    "\(field: "origin") \(origin) differs from the key's name \(signingKey.name); a checkpoint's "
                        + "origin is its key's name"
                )
            }
            let checkpoint = Checkpoint(origin: name, size: UInt64(size), rootHash: root)
            let note: String
            do { note = try signingKey?.sign(checkpoint.text) ?? checkpoint.text } catch {
                throw InputError("\(error)")
            }
            let event = CheckpointRecorded(
                origin: name, size: size, rootHash: Data(root).base64EncodedString(),
                signedNote: signingKey == nil ? nil : note)
            let seq = try writer.append(.checkpointRecorded(event), actor: context.actor, at: context.timestamp())
            return CheckpointOutcome(
                checkpoint: checkpoint, note: note, event: seq, verifierKey: try signingKey?.verifierKey())
        }
    }

    /// The event a user means: a sequence number, or an artifact reference (its registration).
    func eventNumber(_ text: String, reader: any LedgerReading) throws -> Int64 {
        if let seq = Int64(text), seq > 0 { return seq }
        let digest = try reader.resolve(try FieldKey.artifact.parsing { try ArtifactReference(text) })
        guard let record = try reader.record(digest) else { throw StoreError.unknownReference(text) }
        return record.registeredSeq
    }

    /// Inclusion proof of an event against the latest recorded checkpoint, checked before it is shown.
    public func prove(_ reference: String) throws -> InclusionOutcome {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let seq = try eventNumber(reference, reader: reader)
            guard let event = try reader.events(seq...seq).first else {
                throw InputError("no event \(seq) (the log has \(try reader.eventCount()))")
            }
            guard let recorded = try reader.latestCheckpoint() else {
                throw InputError("no checkpoint yet: run 'weightledger log checkpoint' first")
            }
            guard let checkpoint = recorded.checkpoint else {
                throw IntegrityFailure(problems: [
                    "the checkpoint at event \(recorded.seq) is damaged (size \(recorded.size), root "
                        + "\(recorded.storedRoot))"
                ])
            }
            let latest = (checkpoint: checkpoint, seq: recorded.seq)
            guard UInt64(seq) <= latest.checkpoint.size else {
                throw InputError(
                    "event \(seq) is newer than the latest checkpoint (size \(latest.checkpoint.size), event "
                        + "\(latest.seq)); run 'weightledger log checkpoint'"
                )
            }
            let leaf = event.leafHash
            let proof = try reader.merkle.inclusionProof(index: UInt64(seq - 1), size: latest.checkpoint.size)
            let verified = ProofVerifier.verifyInclusion(
                index: UInt64(seq - 1), size: latest.checkpoint.size, leafHash: leaf, proof: proof,
                root: latest.checkpoint.rootHash)
            let outcome = InclusionOutcome(
                event: event, leafHash: leaf, proof: proof, checkpoint: latest.checkpoint, checkpointEvent: latest.seq)
            guard verified else {
                throw IntegrityFailure(problems: [
                    "event \(seq) does not verify against the checkpoint at event \(latest.seq): the log was rewritten"
                ])
            }
            return outcome
        }
    }

    /// Proves today's log extends an earlier checkpoint (a note file), checking its signature when a key is given.
    public func consistency(from note: String, key: NoteKey?) throws -> ConsistencyOutcome {
        let parsed = try Self.checkpoint(from: note, key: key)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let size = UInt64(try reader.eventCount())
            let old = parsed.size
            guard old <= size else {
                throw IntegrityFailure(problems: [
                    LogExtension.rolledBack.problem(seen: "the checkpoint", size: old, logSize: size)!
                ])
            }
            let newRoot = try reader.merkle.root(size: size)
            let proof = old == 0 ? [] : try reader.merkle.consistencyProof(old: old, new: size)
            let consistent =
                old == 0
                ? parsed.rootHash == Merkle.emptyRoot
                : ProofVerifier.verifyConsistency(
                    old: old, new: size, proof: proof, oldRoot: parsed.rootHash, newRoot: newRoot)
            let outcome = ConsistencyOutcome(
                old: parsed, newSize: size, newRoot: newRoot, proof: proof, consistent: consistent)
            guard consistent else {
                throw IntegrityFailure(problems: [
                    "today's log (size \(size)) does not extend the checkpoint of size \(old): events before it "
                        + "were rewritten"
                ])
            }
            return outcome
        }
    }

    /// The checkpoint in a note file; with a key, its signature must be there and verify.
    static func checkpoint(from note: String, key: NoteKey?) throws -> Checkpoint {
        if let key {
            let signed: SignedNote
            do { signed = try SignedNote.parse(note) } catch {
                throw IntegrityFailure(problems: ["the checkpoint file is not a signed note: \(error)"])
            }
            switch try signed.verify(with: key) {
            case true?: break
            case false?:
                throw IntegrityFailure(problems: [
                    "the checkpoint's signature by \(key.name) does not verify: the checkpoint was altered"
                ])
            case nil:
                throw IntegrityFailure(problems: [
                    "the checkpoint is not signed by the given key (\(key.name), id "
                        + "\(String(format: "%08x", try key.keyID())))"
                ])
            }
            do { return try Checkpoint.parse(signed.text) } catch { throw IntegrityFailure(problems: ["\(error)"]) }
        }
        let text = (try? SignedNote.parse(note))?.text ?? note
        do { return try Checkpoint.parse(text) } catch { throw InputError("the checkpoint file: \(error)") }
    }
}
