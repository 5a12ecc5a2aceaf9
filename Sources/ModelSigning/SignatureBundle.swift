import Foundation
import LedgerCore

/// A Sigstore bundle as OpenSSF model signing writes it (`model_signing sign key|certificate|sigstore`):
/// media type `application/vnd.dev.sigstore.bundle.v0.3+json`, verification material (a key hint,
/// a certificate chain, or a Fulcio certificate with Rekor entries) and a DSSE envelope. Read as
/// hostile input: bounded size, every field checked, nothing trusted until the signature verifies.
public struct SignatureBundle: Sendable, Equatable {
    /// The bundle's media type.
    public let mediaType: String
    /// How the verifier is told who signed.
    public let material: Material
    /// The DSSE envelope's payload type (`application/vnd.in-toto+json`).
    public let payloadType: String
    /// The DSSE payload: an in-toto statement, as the bytes that were signed.
    public let payload: [UInt8]
    /// The first signature of the envelope (model_signing makes exactly one).
    public let signature: [UInt8]
    /// The Rekor transparency-log entries the bundle carries (keyless signing); not checked here.
    public let transparencyLogEntries: Int

    /// Who signed, as the bundle says it.
    public enum Material: Sendable, Equatable {
        /// A public key named by the hex SHA-256 of its PEM text (empty for bundles before 1.0).
        case publicKey(hint: String)
        /// DER certificates, the signing certificate first (`x509CertificateChain` or the single
        /// `certificate` of a keyless Sigstore bundle).
        case certificates([[UInt8]])
    }

    /// The largest bundle read: a model_signing bundle of a million files is about 150 MB; a
    /// signature of anything we register is far below this.
    public static let maximumSize = 256 * 1024 * 1024

    /// Parses a bundle's JSON (protobuf JSON: camelCase or snake_case keys, base64 bytes).
    public init(json bytes: [UInt8]) throws {
        guard bytes.count <= Self.maximumSize else { throw SigningError.malformed("larger than 256 MiB") }
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw SigningError.malformed("not JSON: \(error)") }
        guard root.objectValue != nil else { throw SigningError.malformed("not a JSON object") }
        mediaType = try Self.string(root, "mediaType", "media_type")
        guard Self.mediaTypes.contains(mediaType) else {
            throw SigningError.malformed("media type \(SigningError.shown(mediaType)) is not a Sigstore bundle")
        }
        guard let envelope = Self.field(root, "dsseEnvelope", "dsse_envelope") else {
            throw SigningError.malformed("no DSSE envelope (a message-signature bundle is not a model signature)")
        }
        payloadType = try Self.string(envelope, "payloadType", "payload_type")
        payload = try Self.base64(try Self.string(envelope, "payload"), "payload")
        guard let signatures = envelope["signatures"]?.arrayValue, let first = signatures.first else {
            throw SigningError.malformed("the envelope holds no signature")
        }
        signature = try Self.base64(try Self.string(first, "sig"), "signature")
        guard let material = Self.field(root, "verificationMaterial", "verification_material") else {
            throw SigningError.malformed("no verification material")
        }
        transparencyLogEntries = Self.field(material, "tlogEntries", "tlog_entries")?.arrayValue?.count ?? 0
        if let key = Self.field(material, "publicKey", "public_key") {
            let hint = key["hint"]?.stringValue ?? ""
            guard hint.isEmpty || (hint.count == 64 && hint.allSatisfy(\.isHexDigit)) else {
                throw SigningError.malformed("the public key hint is not a hex SHA-256")
            }
            self.material = .publicKey(hint: hint.lowercased())
        } else if let chain = Self.field(material, "x509CertificateChain", "x509_certificate_chain") {
            let certificates = chain["certificates"]?.arrayValue ?? []
            guard !certificates.isEmpty, certificates.count <= 10 else {
                throw SigningError.malformed("the certificate chain holds \(certificates.count) certificates")
            }
            self.material = .certificates(
                try certificates.map { try Self.base64(try Self.string($0, "rawBytes", "raw_bytes"), "certificate") })
        } else if let certificate = material["certificate"] {
            self.material = .certificates([
                try Self.base64(try Self.string(certificate, "rawBytes", "raw_bytes"), "certificate")
            ])
        } else {
            throw SigningError.malformed("the verification material names no key and no certificate")
        }
    }

    /// A bundle made here: a key hint, no transparency log.
    init(payload: [UInt8], signature: [UInt8], hint: String) {
        mediaType = Self.mediaTypeV03
        material = .publicKey(hint: hint)
        payloadType = Self.inTotoPayloadType
        self.payload = payload
        self.signature = signature
        transparencyLogEntries = 0
    }

    /// The Sigstore bundle media types (v0.1 to v0.3).
    public static let mediaTypes: Set<String> = [
        "application/vnd.dev.sigstore.bundle+json;version=0.1", "application/vnd.dev.sigstore.bundle+json;version=0.2",
        "application/vnd.dev.sigstore.bundle+json;version=0.3", "application/vnd.dev.sigstore.bundle.v0.3+json",
    ]

    /// The media type model_signing 1.x writes.
    public static let mediaTypeV03 = "application/vnd.dev.sigstore.bundle.v0.3+json"
    /// The DSSE payload type of an in-toto statement.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// The bundle as JSON: the members model_signing writes, laid out by `PrettyJSON`.
    public func json() throws -> [UInt8] {
        let hint: String
        if case .publicKey(let value) = material { hint = value } else { hint = "" }
        return try PrettyJSON.bytes(
            of: .object([
                "mediaType": .string(mediaType),
                "verificationMaterial": .object([
                    "publicKey": .object(["hint": .string(hint)]), "tlogEntries": .array([]),
                ]),
                "dsseEnvelope": .object([
                    "payload": .string(Data(payload).base64EncodedString()), "payloadType": .string(payloadType),
                    "signatures": .array([
                        .object(["sig": .string(Data(signature).base64EncodedString()), "keyid": .string("")])
                    ]),
                ]),
            ]))
    }

    /// DSSE's pre-authentication encoding of the payload: what is signed.
    public var preAuthenticationEncoding: [UInt8] {
        DSSEEnvelope.preAuthenticationEncoding(type: payloadType, payload: payload)
    }

    /// The encoding model_signing 0.2 signed by mistake (`DSSEV1`, the payload as Python's
    /// `repr` of bytes); its verifier still accepts it, so this one does too.
    var compatiblePreAuthenticationEncoding: [UInt8] {
        var repr = "b'"
        for byte in payload {
            switch byte {
            case 0x5c: repr += "\\\\"
            case 0x27: repr += "\\'"
            case 0x09: repr += "\\t"
            case 0x0a: repr += "\\n"
            case 0x0d: repr += "\\r"
            case 0x20..<0x7f: repr += String(UnicodeScalar(byte))
            default: repr += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return Array("DSSEV1 \(payloadType.utf8.count) \(payloadType) \(payload.count) \(repr)'".utf8)
    }

    static func field(_ object: JSONValue, _ names: String...) -> JSONValue? {
        names.lazy.compactMap { object[$0] }.first
    }

    static func string(_ object: JSONValue, _ names: String...) throws -> String {
        guard let value = names.lazy.compactMap({ object[$0]?.stringValue }).first else {
            throw SigningError.malformed("no \(names[0])")
        }
        return value
    }

    static func base64(_ text: String, _ what: String) throws -> [UInt8] {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard) else {
            throw SigningError.malformed("the \(what) is not base64")
        }
        return Array(data)
    }
}
