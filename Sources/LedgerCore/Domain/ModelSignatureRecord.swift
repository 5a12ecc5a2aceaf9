/// An OpenSSF model signature (a `model_signing` bundle) that verified against an artifact's files
/// when it was recorded: who signed (a key's hint or a certificate), what the statement says, and
/// which of the artifact's files the signer left out.
public struct ModelSignatureRecord: Codable, Equatable, Sendable {
    /// `model_signing` (Sigstore bundle, DSSE envelope, in-toto statement).
    public let format: String
    /// The statement's predicate type.
    public let predicateType: String
    /// The statement's subject name (the folder's name when it was signed).
    public let subjectName: String
    /// The subject's SHA-256 over the file digests (hex); nil for v0.1 statements.
    public let subjectDigest: String?
    /// The signature scheme (`ecdsa-p256-sha256`, `ed25519`, …).
    public let scheme: String
    /// The key's hint (hex SHA-256 of its PEM text), when verified with a key.
    public let keyHint: String?
    /// The signing certificate's subject, when verified through a certificate chain.
    public let certificateSubject: String?
    /// The SHA-256 of the signing certificate (DER), when there is one.
    public let certificateSHA256: String?
    /// How many of the artifact's files the signature covers.
    public let signedFiles: Int
    /// The artifact's files the signer left out (its ignore paths); nil when none.
    public let unsignedFiles: [String]?
    /// The signer's ignore paths, as the statement lists them.
    public let signerIgnorePaths: [String]
    /// The SHA-256 of the bundle file's bytes (hex).
    public let bundleSHA256: String
    /// Rekor entries the bundle carried (not checked: no transparency log is consulted); nil when none.
    public let transparencyLogEntries: Int?

    /// A record with every field given; empty lists and zero counts are stored as absent.
    public init(
        predicateType: String, subjectName: String, subjectDigest: String?, scheme: String, keyHint: String?,
        certificateSubject: String?, certificateSHA256: String?, signedFiles: Int, unsignedFiles: [String],
        signerIgnorePaths: [String], bundleSHA256: String, transparencyLogEntries: Int
    ) {
        format = "model_signing"
        self.predicateType = predicateType
        self.subjectName = subjectName
        self.subjectDigest = subjectDigest
        self.scheme = scheme
        self.keyHint = keyHint
        self.certificateSubject = certificateSubject
        self.certificateSHA256 = certificateSHA256
        self.signedFiles = signedFiles
        self.unsignedFiles = unsignedFiles.isEmpty ? nil : unsignedFiles
        self.signerIgnorePaths = signerIgnorePaths
        self.bundleSHA256 = bundleSHA256
        self.transparencyLogEntries = transparencyLogEntries == 0 ? nil : transparencyLogEntries
    }

    /// Who signed, in words: `key 3f2a…` or the certificate's subject.
    public var signer: String {
        if let certificateSubject { return "certificate \(certificateSubject)" }
        return "key \(keyHint.map { String($0.prefix(16)) + "…" } ?? "?")"
    }
}

/// A verified model signature recorded for an artifact already in the ledger
/// (`weightledger signature attach`).
public struct SignatureAttached: Codable, Equatable, Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// The signature, as verified.
    public let signature: ModelSignatureRecord

    /// The event for `digest`.
    public init(digest: ArtifactDigest, signature: ModelSignatureRecord) {
        self.digest = digest
        self.signature = signature
    }
}
