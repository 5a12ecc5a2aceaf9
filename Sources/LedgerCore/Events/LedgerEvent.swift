import Foundation

/// Every kind of change the ledger records. The `events` table stores the type's raw value and
/// the payload's canonical JSON (RFC 8785); projections are derived from these alone.
public enum LedgerEvent: Equatable, Sendable {
    case ledgerCreated(LedgerCreated)
    case artifactRegistered(ArtifactRegistered)
    case artifactReregistered(ArtifactReregistered)
    case nameAdded(NameAdded)
    /// Weights opened after they were registered (`weightledger publish`).
    case artifactPublished(ArtifactPublished)
    /// Published weights withdrawn from a day on (`weightledger unpublish`).
    case artifactUnpublished(ArtifactUnpublished)
    /// A recorded fact corrected, with the old value, the new one and why (`weightledger correct`).
    case artifactCorrected(ArtifactCorrected)
    /// An organisation entered the ledger (`weightledger org add`).
    case organisationAdded(OrganisationAdded)
    /// A dated change to an organisation's facts (`weightledger org set`).
    case organisationChanged(OrganisationChanged)
    /// A recorded location no longer holds the bytes (`weightledger location remove`).
    case locationRemoved(LocationRemoved)
    /// The bytes moved to another location (`weightledger location move`).
    case locationMoved(LocationMoved)
    case deploymentRecorded(DeploymentRecorded)
    /// The payload is the license itself (schema/events.md `license.added`).
    case licenseAdded(License)
    case checkpointRecorded(CheckpointRecorded)
    case auditRecorded(AuditRecorded)
    case tokenCreated(TokenCreated)
    case tokenRevoked(TokenRevoked)
    /// A reviewer approved a deployment, bound to the report they saw.
    case approvalRecorded(ApprovalRecorded)
    /// A verified OpenSSF model signature recorded for an artifact (`weightledger signature attach`).
    case signatureAttached(SignatureAttached)

    /// The type string stored with the event.
    public var type: String {
        switch self {
        case .ledgerCreated: return "ledger.created"
        case .artifactRegistered: return "artifact.registered"
        case .artifactReregistered: return "artifact.reregistered"
        case .nameAdded: return "name.added"
        case .artifactPublished: return "artifact.published"
        case .artifactUnpublished: return "artifact.unpublished"
        case .artifactCorrected: return "artifact.corrected"
        case .organisationAdded: return "organisation.added"
        case .organisationChanged: return "organisation.changed"
        case .locationRemoved: return "location.removed"
        case .locationMoved: return "location.moved"
        case .deploymentRecorded: return "deployment.recorded"
        case .licenseAdded: return "license.added"
        case .checkpointRecorded: return "log.checkpoint"
        case .auditRecorded: return "audit.completed"
        case .tokenCreated: return "token.created"
        case .tokenRevoked: return "token.revoked"
        case .approvalRecorded: return "approval.recorded"
        case .signatureAttached: return "signature.attached"
        }
    }

    /// The payload's canonical JSON bytes.
    public func canonicalPayload() throws -> [UInt8] {
        switch self {
        case .ledgerCreated(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .artifactRegistered(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .artifactReregistered(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .nameAdded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .artifactPublished(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .artifactUnpublished(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .artifactCorrected(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .organisationAdded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .organisationChanged(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .locationRemoved(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .locationMoved(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .deploymentRecorded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .licenseAdded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .checkpointRecorded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .auditRecorded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .tokenCreated(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .tokenRevoked(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .approvalRecorded(let payload): return try CanonicalJSON.bytes(encoding: payload)
        case .signatureAttached(let payload): return try CanonicalJSON.bytes(encoding: payload)
        }
    }
}

/// The first event of every ledger.
public struct LedgerCreated: Codable, Equatable, Sendable {
    /// A random identifier, so two ledgers' logs are never confused.
    public let ledgerID: String
    /// Version of the event formats in schema/events.md.
    public let eventFormat: Int

    /// The first event of a ledger with this id.
    public init(ledgerID: String, eventFormat: Int = 1) {
        self.ledgerID = ledgerID
        self.eventFormat = eventFormat
    }
}

/// New bytes entered the ledger, with the facts of how they were made.
public struct ArtifactRegistered: Codable, Equatable, Sendable {
    /// The new bytes' digest.
    public let digest: ArtifactDigest
    /// One file or a directory.
    public let form: ArtifactForm
    /// The sum of the files' sizes.
    public let sizeBytes: Int64
    /// Every file with its own SHA-256.
    public let files: [ArtifactFile]
    /// The names bound with it.
    public let names: [ArtifactName]
    /// The absolute path it was registered from, if any (the server registers without one).
    public let location: String?
    /// How it was made.
    public let training: TrainingRecord
    /// What the safetensors or GGUF headers say (format, parameters, types); absent when none.
    public let model: ModelInfo?
    /// How `location` was hashed, when not with the defaults (issue 15); absent in every event
    /// hashed with them, so those events' bytes are what 0.3.0 wrote.
    public let hashing: HashingRecord?
    /// Where the bytes came from (a Hugging Face cache snapshot: repository, commit, refs), when
    /// known (issue 15); absent otherwise.
    public let origin: ArtifactOrigin?
    /// What the model card said and which facts were taken from it (issue 15); absent without one.
    public let card: ModelCardFacts?
    /// The OpenSSF model signature verified against these files (`register --signature`); absent without one.
    public let signature: ModelSignatureRecord?

    /// A registration with every field given.
    public init(
        digest: ArtifactDigest, form: ArtifactForm, sizeBytes: Int64, files: [ArtifactFile],
        names: [ArtifactName], location: String?, training: TrainingRecord, model: ModelInfo? = nil,
        hashing: HashingRecord? = nil, origin: ArtifactOrigin? = nil, card: ModelCardFacts? = nil,
        signature: ModelSignatureRecord? = nil
    ) {
        self.signature = signature
        self.origin = origin
        self.card = card
        self.hashing = hashing
        self.digest = digest
        self.form = form
        self.sizeBytes = sizeBytes
        self.files = files
        self.names = names
        self.location = location
        self.training = training
        self.model = model
    }
}

/// Bytes already in the ledger were registered again: new names and storage locations only.
public struct ArtifactReregistered: Codable, Equatable, Sendable {
    /// The known bytes.
    public let digest: ArtifactDigest
    /// Names bound now.
    public let names: [ArtifactName]
    /// Locations recorded now.
    public let locations: [String]
    /// How those locations were hashed, when not with the defaults; absent otherwise.
    public let hashing: HashingRecord?

    /// A re-registration with every field given.
    public init(digest: ArtifactDigest, names: [ArtifactName], locations: [String], hashing: HashingRecord? = nil) {
        self.hashing = hashing
        self.digest = digest
        self.names = names
        self.locations = locations
    }
}

/// A name was bound to an artifact.
public struct NameAdded: Codable, Equatable, Sendable {
    /// The artifact named.
    public let digest: ArtifactDigest
    /// The name bound to it, for good.
    public let name: ArtifactName

    /// A binding of `name` to `digest`.
    public init(digest: ArtifactDigest, name: ArtifactName) {
        self.digest = digest
        self.name = name
    }
}

extension LedgerEvent {
    /// The event a stored row holds: its type string and canonical payload, decoded.
    /// `verify` replays events through this to rebuild the projections.
    public static func decode(type: String, payload: [UInt8]) throws -> LedgerEvent {
        try decode(type: type, from: FastPayload(bytes: payload))
    }

    /// `decode(type:payload:)` of a payload as stored (text), read in place.
    public static func decode(type: String, payloadText: String) throws -> LedgerEvent {
        try decode(type: type, from: TextPayload(text: payloadText))
    }

    /// `decode(type:payload:)` through Foundation's `JSONDecoder`: the reference `PayloadDecoder`
    /// is tested and benchmarked against.
    public static func decodeWithFoundation(type: String, payload: [UInt8]) throws -> LedgerEvent {
        try decode(type: type, from: FoundationPayload(data: Data(payload)))
    }

    private static func decode(type: String, from decoder: some PayloadSource) throws -> LedgerEvent {
        switch type {
        case "ledger.created": return .ledgerCreated(try decoder.decode(LedgerCreated.self))
        case "artifact.registered": return .artifactRegistered(try decoder.decode(ArtifactRegistered.self))
        case "artifact.reregistered":
            return .artifactReregistered(try decoder.decode(ArtifactReregistered.self))
        case "name.added": return .nameAdded(try decoder.decode(NameAdded.self))
        case "artifact.published": return .artifactPublished(try decoder.decode(ArtifactPublished.self))
        case "artifact.unpublished":
            return .artifactUnpublished(try decoder.decode(ArtifactUnpublished.self))
        case "artifact.corrected": return .artifactCorrected(try decoder.decode(ArtifactCorrected.self))
        case "organisation.added": return .organisationAdded(try decoder.decode(OrganisationAdded.self))
        case "organisation.changed":
            return .organisationChanged(try decoder.decode(OrganisationChanged.self))
        case "location.removed": return .locationRemoved(try decoder.decode(LocationRemoved.self))
        case "location.moved": return .locationMoved(try decoder.decode(LocationMoved.self))
        case "deployment.recorded": return .deploymentRecorded(try decoder.decode(DeploymentRecorded.self))
        case "license.added": return .licenseAdded(try decoder.decode(License.self))
        case "log.checkpoint": return .checkpointRecorded(try decoder.decode(CheckpointRecorded.self))
        case "audit.completed": return .auditRecorded(try decoder.decode(AuditRecorded.self))
        case "token.created": return .tokenCreated(try decoder.decode(TokenCreated.self))
        case "token.revoked": return .tokenRevoked(try decoder.decode(TokenRevoked.self))
        case "approval.recorded": return .approvalRecorded(try decoder.decode(ApprovalRecorded.self))
        case "signature.attached": return .signatureAttached(try decoder.decode(SignatureAttached.self))
        default:
            throw DomainError.invalid(field: "event type", value: type, expected: "a type listed in schema/events.md")
        }
    }
}

/// A payload, and the decoder that reads it.
private protocol PayloadSource {
    func decode<T: Decodable>(_ type: T.Type) throws -> T
}

private struct FastPayload: PayloadSource {
    let bytes: [UInt8]
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try PayloadDecoder.decode(type, from: bytes) }
}

private struct TextPayload: PayloadSource {
    let text: String
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try PayloadDecoder.decode(type, fromText: text) }
}

private struct FoundationPayload: PayloadSource {
    let data: Data
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: data) }
}
