import Foundation
import Hashing
import LedgerCore

/// A DSSE envelope (secure-systems-lab/dsse v1.0): a payload, its type, and signatures over the
/// pre-authentication encoding. What `weightledger export --sign` writes around a statement or a
/// BOM, and `export verify` checks; the same encoding model_signing signs inside its bundles.
public struct DSSEEnvelope: Sendable {
    /// The payload's media type (`application/vnd.in-toto+json`, …).
    public let payloadType: String
    /// The payload bytes.
    public let payload: [UInt8]
    /// Each signature with the id of its key.
    public let signatures: [(keyid: String, sig: [UInt8])]

    /// The bytes a signature covers: `DSSEv1 <len type> <type> <len payload> <payload>`.
    public static func preAuthenticationEncoding(type: String, payload: [UInt8]) -> [UInt8] {
        Array("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8) + payload
    }

    /// An envelope of `payload` signed by `key` (its id: `SigningKey.keyID`).
    public init(signing payload: [UInt8], type: String, key: SigningKey) throws {
        payloadType = type
        self.payload = payload
        signatures = [(try key.keyID(), try key.sign(Self.preAuthenticationEncoding(type: type, payload: payload)))]
    }

    /// Reads an envelope's JSON, as hostile input (at most 256 MiB; one to sixteen signatures).
    public init(json bytes: [UInt8]) throws {
        guard bytes.count <= 256 * 1_048_576 else { throw SigningError.malformed("larger than 256 MiB") }
        guard let root = try? JSONParser.parse(bytes), root.objectValue != nil else {
            throw SigningError.malformed("a DSSE envelope is a JSON object")
        }
        payloadType = try SignatureBundle.string(root, "payloadType")
        payload = try SignatureBundle.base64(try SignatureBundle.string(root, "payload"), "payload")
        let listed = root["signatures"]?.arrayValue ?? []
        guard (1...16).contains(listed.count) else {
            throw SigningError.malformed("an envelope holds 1 to 16 signatures, not \(listed.count)")
        }
        signatures = try listed.map { entry in
            (
                entry["keyid"]?.stringValue ?? "",
                try SignatureBundle.base64(try SignatureBundle.string(entry, "sig"), "sig")
            )
        }
    }

    /// The envelope's JSON (keys in a fixed order, one line).
    public func json() throws -> [UInt8] {
        let value: JSONValue = .object([
            "payloadType": .string(payloadType),
            "payload": .string(Data(payload).base64EncodedString()),
            "signatures": .array(
                signatures.map {
                    .object(["keyid": .string($0.keyid), "sig": .string(Data($0.sig).base64EncodedString())])
                }
            ),
        ])
        return try CanonicalJSON.bytes(of: value)
    }

    /// Whether some signature is `key`'s over the pre-authentication encoding.
    public func isSigned(by key: SigningKey) -> Bool {
        let message = Self.preAuthenticationEncoding(type: payloadType, payload: payload)
        return signatures.contains { key.verify($0.sig, of: message) }
    }
}

extension SigningKey {
    /// The key's id as securesystemslib computes it (`SSlibKey.from_crypto`): the hex SHA-256 of
    /// `{"keytype":…,"keyval":{"public":…},"scheme":…}` in its canonical JSON (sorted keys, only `"`
    /// and `\` escaped), the public value being the raw hex of an Ed25519 key or the PEM of an
    /// ECDSA key. So `securesystemslib` and the in-toto tools find the key an envelope names.
    public func keyID() throws -> String {
        let keytype: String
        let scheme: String
        let value: String
        switch self.scheme {
        case .ed25519:
            keytype = "ed25519"
            scheme = "ed25519"
            value = Hex.encode(try rawEd25519PublicKey() ?? [])
        case .ecdsaP256, .ecdsaP384, .ecdsaP521:
            keytype = "ecdsa"
            scheme =
                [.ecdsaP256: "ecdsa-sha2-nistp256", .ecdsaP384: "ecdsa-sha2-nistp384"][self.scheme]
                ?? "ecdsa-sha2-nistp521"
            value = try publicPEM()
        }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let canonical =
            "{\"keytype\":\(quoted(keytype)),\"keyval\":{\"public\":\(quoted(value))},\"scheme\":\(quoted(scheme))}"
        return try SHA256.hash(Array(canonical.utf8)).hex
    }
}
