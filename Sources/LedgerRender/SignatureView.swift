import LedgerCore
import LedgerUseCases

/// `signature verify --json` and `signature attach --json`: `verified`, `artifact` (attach only),
/// `event` (attach: the event that recorded it, null when it was on record already), and the
/// `signature` as recorded (schema/events.md `signature.attached`).
public struct SignatureView: Encodable, Sendable {
    let verified: Bool
    let path: String?
    let artifact: ArtifactDigest?
    let event: Nullable<Int64>
    let signature: ModelSignatureRecord
    let checked: [String]
    let notChecked: [String]

    enum CodingKeys: String, CodingKey { case verified, path, artifact, event, signature, checked, notChecked }

    /// The view of a verification of files on disk.
    public init(_ verification: SignatureVerification) {
        self.init(check: verification.check, path: verification.path, artifact: nil, event: nil)
    }

    /// The view of an attachment.
    public init(_ attachment: SignatureAttachment) {
        self.init(check: attachment.check, path: nil, artifact: attachment.digest, event: attachment.seq)
    }

    init(check: SignatureCheck, path: String?, artifact: ArtifactDigest?, event: Int64?) {
        verified = true
        self.path = path
        self.artifact = artifact
        self.event = Nullable(event)
        signature = check.record
        (checked, notChecked) = SignatureText.scope(check.record)
    }

    public func encode(to encoder: Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(verified, forKey: .verified)
        try out.encodeIfPresent(path, forKey: .path)
        try out.encodeIfPresent(artifact, forKey: .artifact)
        if artifact != nil { try out.encode(event, forKey: .event) }
        try out.encode(signature, forKey: .signature)
        try out.encode(checked, forKey: .checked)
        try out.encode(notChecked, forKey: .notChecked)
    }
}

/// Model signatures in words.
public enum SignatureText {
    /// What a verification checked, and what it did not.
    public static func scope(_ record: ModelSignatureRecord) -> (checked: [String], notChecked: [String]) {
        var checked = [
            "the \(record.scheme) signature over the DSSE envelope's statement",
            record.certificateSubject == nil
                ? "the key named by the bundle's hint is the one given"
                : "the signing certificate chains to the given certificates and may sign code",
            "the statement's subject digest over its \(record.signedFiles) file digests",
            "every file's SHA-256 against the signed one",
        ]
        if record.subjectDigest == nil { checked.remove(at: 2) }
        var notChecked: [String] = []
        if let entries = record.transparencyLogEntries {
            notChecked.append(
                "the bundle's \(entries) Rekor transparency-log entr\(entries == 1 ? "y" : "ies") "
                    + "(no log is consulted; keyless identity policy is not applied)")
        }
        if let unsigned = record.unsignedFiles {
            notChecked.append("\(unsigned.count) file\(unsigned.count == 1 ? "" : "s") the signer left out")
        }
        return (checked, notChecked)
    }

    /// The lines `signature verify` and `attach` print, and `show` lists under `signatures`.
    public static func lines(_ record: ModelSignatureRecord) -> [String] {
        var lines = [
            "signed by \(SafeText.line(record.signer)) (\(record.scheme)), \(record.signedFiles) files, subject "
                + "\(SafeText.line(record.subjectName))"
                + (record.subjectDigest.map { " sha256:\($0)" } ?? " (v0.1 statement, no subject digest)"),
            "bundle sha256:\(record.bundleSHA256), predicate \(SafeText.line(record.predicateType))",
        ]
        if let hint = record.keyHint { lines.append("key hint \(hint)") }
        if let certificate = record.certificateSHA256 { lines.append("certificate sha256:\(certificate)") }
        if let unsigned = record.unsignedFiles {
            lines.append("left out by the signer: " + unsigned.prefix(10).map(SafeText.line).joined(separator: ", "))
        }
        if !record.signerIgnorePaths.isEmpty {
            lines.append(
                "signer's ignore paths: " + record.signerIgnorePaths.map(SafeText.line).joined(separator: ", "))
        }
        return lines
    }
}

/// `export verify --json`: one `{line, payloadType, subjects}` per envelope that verified.
public struct VerifiedEnvelopeView: Encodable, Sendable {
    let line: Int
    let payloadType: String
    let subjects: [String]

    /// The view of one verified envelope.
    public init(_ envelope: VerifiedEnvelope) {
        line = envelope.line
        payloadType = envelope.payloadType
        subjects = envelope.subjects
    }
}
