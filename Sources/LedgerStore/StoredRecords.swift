import Foundation
import LedgerCore
import TransparencyLog

/// One stored event as the log holds it.
public struct StoredEvent: Sendable, Equatable {
    public let seq: Int64
    public let recordedAt: String
    public let actor: String
    public let type: String
    /// Canonical JSON (RFC 8785) of the payload.
    public let payload: String
    public let payloadSHA256: String

    public init(seq: Int64, recordedAt: String, actor: String, type: String, payload: String, payloadSHA256: String) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.actor = actor
        self.type = type
        self.payload = payload
        self.payloadSHA256 = payloadSHA256
    }

    /// The event's Merkle leaf hash (schema/log.md).
    public var leafHash: [UInt8] {
        Merkle.leafHash(
            EventLeaf.bytes(seq: seq, recordedAt: recordedAt, actor: actor, type: type, payload: Array(payload.utf8)))
    }
}

/// A checkpoint the log recorded, as stored: `verify` checks these fields before they are trusted,
/// so a damaged row is a problem to report, never a crash.
public struct RecordedCheckpoint: Sendable, Equatable {
    /// The `log.checkpoint` event.
    public let seq: Int64
    public let origin: String
    public let size: Int64
    /// Base64 of the root hash.
    public let storedRoot: String
    /// The signed note, when it was signed.
    public let signedNote: String?

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
    public let digest: ArtifactDigest
    public let names: [ArtifactName]
    public let kind: TrainingKind
    public let trainedIn: CountryCode?

    public init(digest: ArtifactDigest, names: [ArtifactName], kind: TrainingKind, trainedIn: CountryCode?) {
        self.digest = digest
        self.names = names
        self.kind = kind
        self.trainedIn = trainedIn
    }
}

/// Something `verify` found that does not hold: which event, row or checkpoint, and how.
public struct IntegrityProblem: Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
