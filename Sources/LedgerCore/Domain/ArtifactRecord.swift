/// One file of an artifact as the ledger records it.
public struct ArtifactFile: Codable, Equatable, Sendable {
    /// Path relative to the artifact root; for a single-file artifact, the file's name when registered.
    public let path: String
    /// Bytes.
    public let size: Int64
    /// `sha256:<hex>` of the file's bytes.
    public let sha256: ArtifactDigest

    /// A file entry with every field given.
    public init(path: String, size: Int64, sha256: ArtifactDigest) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// Whether an artifact is one file or a directory of files.
public enum ArtifactForm: String, Codable, Sendable {
    case file, directory
}

/// Everything the ledger knows about one artifact.
public struct ArtifactRecord: Equatable, Sendable {
    /// The identity: a file's SHA-256, a directory's manifest digest.
    public let digest: ArtifactDigest
    /// One file or a directory.
    public let form: ArtifactForm
    /// The sum of the files' sizes.
    public let sizeBytes: Int64
    /// Every file with its own SHA-256, by path.
    public let files: [ArtifactFile]
    /// Its names, sorted.
    public let names: [ArtifactName]
    /// How it was made.
    public let training: TrainingRecord
    /// Where its bytes are stored, in the order recorded (what audits re-hash).
    public let locations: [String]
    /// Sequence number of the event that registered it.
    public let registeredSeq: Int64
    /// When it was registered (RFC 3339, UTC).
    public let registeredAt: String
    /// What its safetensors or GGUF headers say, when it has them.
    public let model: ModelInfo?
    /// Every publication and withdrawal, dated (the registration's `--published` included).
    public let publications: PublicationHistory
    /// The event of the latest correction of `training`, when it was corrected.
    public let correctedSeq: Int64?
    /// Where the bytes came from, when the registration knew (a Hugging Face snapshot).
    public let origin: ArtifactOrigin?
    /// What the model card said when registered, and which facts came from it.
    public let card: ModelCardFacts?

    /// A record with every field given. `training` is the record as corrected; its `published` is
    /// the publication given at registration (later ones are in `publications`).
    public init(
        digest: ArtifactDigest, form: ArtifactForm, sizeBytes: Int64, files: [ArtifactFile], names: [ArtifactName],
        training: TrainingRecord, locations: [String], registeredSeq: Int64, registeredAt: String,
        model: ModelInfo? = nil, publications: PublicationHistory? = nil, correctedSeq: Int64? = nil,
        origin: ArtifactOrigin? = nil, card: ModelCardFacts? = nil
    ) {
        self.origin = origin
        self.card = card
        self.publications =
            publications
            ?? PublicationHistory(
                training.published.map { [Dated<Publication?>(from: $0.date, value: $0, seq: registeredSeq)] } ?? [])
        self.correctedSeq = correctedSeq
        self.digest = digest
        self.form = form
        self.sizeBytes = sizeBytes
        self.files = files
        self.names = names
        self.training = training
        self.locations = locations
        self.registeredSeq = registeredSeq
        self.registeredAt = registeredAt
        self.model = model
    }

    /// The node lineage computations need.
    public var lineageNode: LineageNode {
        LineageNode(
            digest: digest, kind: training.kind, parents: training.parents, operations: training.compute.operations,
            publications: publications, developer: training.developer,
            externalParents: training.externals)
    }
}
