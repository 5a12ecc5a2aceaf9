import Hashing
import LedgerCore

/// A model_signing bundle whose signature verified, with what it says.
public struct VerifiedSignature: Sendable {
    /// The signed statement.
    public let manifest: SignedManifest
    /// The signature scheme of the key that verified it.
    public let scheme: SigningKey.Scheme
    /// The key's hint (hex SHA-256 of its PEM) when verified with a key.
    public let keyHint: String?
    /// The signing certificate's subject, when verified through a certificate chain.
    public let certificateSubject: String?
    /// The SHA-256 of the signing certificate's DER, when there is one.
    public let certificateSHA256: String?
    /// Rekor entries the bundle carries; they are not checked (no transparency log is consulted).
    public let transparencyLogEntries: Int
}

/// Verifies model_signing bundles with OpenSSL: the signature over DSSE's pre-authentication
/// encoding, the key hint or the certificate chain, and the statement's own consistency.
public enum SignatureVerifier {
    /// Verifies `bundle` with a public key (`model_signing sign key`): the bundle's hint, when it
    /// has one, must name this key.
    public static func verify(_ bundle: SignatureBundle, key: SigningKey) throws -> VerifiedSignature {
        guard case .publicKey(let hint) = bundle.material else {
            throw SigningError.unusableKey(
                "the bundle was made with a certificate, not a key: verify it with --certificate-chain")
        }
        let keyHint = try key.hint()
        if !hint.isEmpty, hint != keyHint {
            throw SigningError.notVerified(
                "the bundle names another key (hint \(hint.prefix(16))…, this key's is \(keyHint.prefix(16))…)")
        }
        let manifest = try checked(bundle, key: key)
        return VerifiedSignature(
            manifest: manifest, scheme: key.scheme, keyHint: keyHint, certificateSubject: nil,
            certificateSHA256: nil, transparencyLogEntries: bundle.transparencyLogEntries)
    }

    /// Verifies `bundle` through its certificate chain (`model_signing sign certificate`, or the
    /// Fulcio certificate of a keyless bundle): the signing certificate must chain to one of
    /// `trusted` at the start of its validity and allow signing. The Rekor entries of a keyless
    /// bundle and the OIDC identity policy are not checked.
    public static func verify(_ bundle: SignatureBundle, trusted: [Certificate]) throws -> VerifiedSignature {
        guard case .certificates(let chain) = bundle.material, let first = chain.first else {
            throw SigningError.unusableKey("the bundle names a key, not a certificate: verify it with --key")
        }
        let leaf: Certificate
        let intermediates: [Certificate]
        do {
            leaf = try Certificate.der(first)
            intermediates = try chain.dropFirst().map { try Certificate.der($0) }
        } catch { throw SigningError.malformed("a certificate of the bundle cannot be read: \(error)") }
        do { try leaf.verify(trusted: trusted, intermediates: intermediates) } catch {
            throw SigningError.notVerified("\(error)")
        }
        let key: SigningKey
        do { key = try leaf.publicKey() } catch { throw SigningError.unusableKey("the certificate's key: \(error)") }
        let manifest = try checked(bundle, key: key)
        return VerifiedSignature(
            manifest: manifest, scheme: key.scheme, keyHint: nil, certificateSubject: leaf.subject,
            certificateSHA256: try SHA256.hash(try leaf.derBytes()).hex,
            transparencyLogEntries: bundle.transparencyLogEntries)
    }

    private static func checked(_ bundle: SignatureBundle, key: SigningKey) throws -> SignedManifest {
        guard bundle.payloadType == SignatureBundle.inTotoPayloadType else {
            throw SigningError.malformed("payload type \(SigningError.shown(bundle.payloadType)) is not in-toto JSON")
        }
        guard
            key.verify(bundle.signature, of: bundle.preAuthenticationEncoding)
                || key.verify(bundle.signature, of: bundle.compatiblePreAuthenticationEncoding)
        else { throw SigningError.notVerified("the signature over the statement is not this key's") }
        return try SignedManifest(payload: bundle.payload)
    }
}

/// The signed files against an artifact's files.
public struct SignedFiles: Sendable, Equatable {
    /// Files of the artifact the signature does not cover (and the signer did not ignore).
    public let unsigned: [String]
    /// Files the signature covers that the artifact does not hold.
    public let missing: [String]
    /// Files whose bytes differ from the signed ones.
    public let differing: [String]
    /// Files of the artifact the signer left out by its ignore paths.
    public let ignoredBySigner: [String]
    /// How many files matched.
    public let matched: Int

    /// True when every file is signed with its bytes and nothing signed is missing.
    public var agree: Bool { unsigned.isEmpty && missing.isEmpty && differing.isEmpty }

    /// Compares `manifest` with `files` (`path` relative to the artifact, SHA-256 hex); a model that
    /// is one file is signed as `.`.
    public init(_ manifest: SignedManifest, files: [(path: String, sha256: String)], singleFile: Bool) {
        let signed = Dictionary(
            manifest.resources.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        func ignored(_ path: String) -> Bool {
            manifest.ignorePaths.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        var unsigned: [String] = []
        var differing: [String] = []
        var ignoredBySigner: [String] = []
        var seen: Set<String> = []
        for file in files {
            let name = singleFile && files.count == 1 && signed[file.path] == nil ? "." : file.path
            guard let digest = signed[name] else {
                if ignored(file.path) { ignoredBySigner.append(file.path) } else { unsigned.append(file.path) }
                continue
            }
            seen.insert(name)
            if digest != file.sha256.lowercased() { differing.append(file.path) }
        }
        self.unsigned = unsigned
        self.differing = differing
        self.ignoredBySigner = ignoredBySigner
        missing = manifest.resources.map(\.name).filter { !seen.contains($0) }
        matched = seen.count - differing.count
    }

    /// One line saying what disagrees, naming at most three files of each kind.
    public var problem: String {
        func some(_ list: [String]) -> String {
            list.prefix(3).joined(separator: ", ") + (list.count > 3 ? " and \(list.count - 3) more" : "")
        }
        var parts: [String] = []
        if !differing.isEmpty { parts.append("bytes differ from the signed ones: \(some(differing))") }
        if !missing.isEmpty { parts.append("signed but not in the artifact: \(some(missing))") }
        if !unsigned.isEmpty { parts.append("not signed: \(some(unsigned))") }
        return parts.joined(separator: "; ")
    }
}

/// Makes model_signing bundles (`model_signing verify key` accepts them).
public enum SignatureMaker {
    /// A v1.0 bundle signing `files` as the model `name`, leaving out `ignorePaths`, signed by `key`.
    public static func bundle(
        name: String, files: [(path: String, sha256: String)], singleFile: Bool, ignorePaths: [String],
        allowSymlinks: Bool, key: SigningKey
    ) throws -> SignatureBundle {
        let resources = files.map {
            SignedManifest.Resource(
                name: singleFile && files.count == 1 ? "." : $0.path, sha256: $0.sha256.lowercased())
        }
        let manifest = try SignedManifest(
            name: name, resources: resources, ignorePaths: ignorePaths, allowSymlinks: allowSymlinks)
        let payload = try manifest.payload()
        let unsigned = SignatureBundle(payload: payload, signature: [], hint: try key.hint())
        let signature = try key.sign(unsigned.preAuthenticationEncoding)
        return SignatureBundle(payload: payload, signature: signature, hint: try key.hint())
    }
}
