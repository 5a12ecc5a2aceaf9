import Foundation
import LedgerCore
import TransparencyLog

/// One stored event as the log holds it.
public struct StoredEvent: Sendable, Equatable {
    /// Its number: 1, 2, 3, … without gaps.
    public let seq: Int64
    /// When (RFC 3339, UTC, milliseconds).
    public let recordedAt: String
    /// Who.
    public let actor: String
    /// The event type (`artifact.registered`, …).
    public let type: String
    /// Canonical JSON (RFC 8785) of the payload.
    public let payload: String
    /// The payload's SHA-256 as recorded.
    public let payloadSHA256: String

    /// A stored event with every field given.
    public init(seq: Int64, recordedAt: String, actor: String, type: String, payload: String, payloadSHA256: String) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.actor = actor
        self.type = type
        self.payload = payload
        self.payloadSHA256 = payloadSHA256
    }

    /// The event's Merkle leaf hash (schema/log.md): made in one buffer, or in pieces when the
    /// payload is larger than `StoredEvent.leafBuffer` bytes.
    public var leafHash: [UInt8] {
        guard payload.utf8.count > Self.leafBuffer else {
            return Merkle.leafHash(
                EventLeaf.bytes(seq: seq, recordedAt: recordedAt, actor: actor, type: type, payload: payload.utf8))
        }
        let (head, tail) = EventLeaf.frame(seq: seq, recordedAt: recordedAt, actor: actor, type: type)
        return Merkle.leafHash(head: head, body: payload.utf8, tail: tail)
    }

    /// Payloads up to this size are copied into one buffer with the rest of their leaf (one call
    /// to hash it); larger ones are hashed where they lie.
    public static let leafBuffer = 1 << 20
}

/// A checkpoint the log recorded, as stored: `verify` checks these fields before they are trusted,
/// so a damaged row is a problem to report, never a crash.
public struct RecordedCheckpoint: Sendable, Equatable {
    /// The `log.checkpoint` event.
    public let seq: Int64
    /// The log's name in the checkpoint.
    public let origin: String
    /// How many events it commits to, as stored.
    public let size: Int64
    /// Base64 of the root hash.
    public let storedRoot: String
    /// The signed note, when it was signed.
    public let signedNote: String?

    /// A recorded checkpoint with every field given.
    public init(seq: Int64, origin: String, size: Int64, storedRoot: String, signedNote: String?) {
        self.seq = seq
        self.origin = origin
        self.size = size
        self.storedRoot = storedRoot
        self.signedNote = signedNote
    }

    /// The checkpoint, when the row holds a valid size and a 32-byte base64 root.
    public var checkpoint: Checkpoint? {
        guard size >= 0, let root = Data(base64Encoded: storedRoot), root.count == 32 else { return nil }
        return Checkpoint(origin: origin, size: UInt64(size), rootHash: Array(root))
    }
}

/// What policy needs to know about one artifact besides its lineage.
public struct PolicyArtifact: Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// Its names.
    public let names: [ArtifactName]
    /// How it was made.
    public let kind: TrainingKind
    /// Where it was trained.
    public let trainedIn: CountryCode?

    /// The facts with every field given.
    public init(digest: ArtifactDigest, names: [ArtifactName], kind: TrainingKind, trainedIn: CountryCode?) {
        self.digest = digest
        self.names = names
        self.kind = kind
        self.trainedIn = trainedIn
    }
}

/// Something `verify` found that does not hold: which event, row or checkpoint, and how.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the event, row or checkpoint.
    public let description: String
    /// A problem described in words.
    public init(_ description: String) { self.description = description }
}

/// What policy reads about one artifact in a page of `flags`: its registration event, the
/// artifact as rules name it and its lineage node.
public struct PolicyFacts: Sendable {
    /// The event that registered it (the page's cursor).
    public let seq: Int64
    /// Its digest, names, kind and country of training.
    public let artifact: PolicyArtifact
    /// Its parents, own compute, publications and developer.
    public let node: LineageNode
    /// The facts with every field given.
    public init(seq: Int64, artifact: PolicyArtifact, node: LineageNode) {
        self.seq = seq
        self.artifact = artifact
        self.node = node
    }
}
