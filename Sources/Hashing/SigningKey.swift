import COpenSSL
import Foundation

/// A key of the kinds OpenSSF model signing and Sigstore use: ECDSA on P-256, P-384 or P-521
/// (hashed with SHA-256, SHA-384 or SHA-512 by curve size, as `model_signing` does) or Ed25519,
/// read from PEM (PKCS#8 or SEC 1 private keys, SubjectPublicKeyInfo public keys) through
/// OpenSSL's EVP interface.
public final class SigningKey: @unchecked Sendable {
    /// The signature scheme of a key.
    public enum Scheme: String, Sendable {
        /// ECDSA on NIST P-256 with SHA-256 (DER signatures).
        case ecdsaP256 = "ecdsa-p256-sha256"
        /// ECDSA on NIST P-384 with SHA-384.
        case ecdsaP384 = "ecdsa-p384-sha384"
        /// ECDSA on NIST P-521 with SHA-512.
        case ecdsaP521 = "ecdsa-p521-sha512"
        /// Pure Ed25519 (RFC 8032).
        case ed25519
    }

    private let key: OpaquePointer
    /// Whether this key can sign (a private key) or only verify.
    public let isPrivate: Bool
    /// Its scheme.
    public let scheme: Scheme

    init(key: OpaquePointer, isPrivate: Bool) throws {
        self.key = key
        self.isPrivate = isPrivate
        switch EVP_PKEY_get_id(key) {
        case EVP_PKEY_ED25519: scheme = .ed25519
        case EVP_PKEY_EC:
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            let curve =
                EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1
                ? String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            switch curve {
            case "prime256v1", "P-256": scheme = .ecdsaP256
            case "secp384r1", "P-384": scheme = .ecdsaP384
            case "secp521r1", "P-521": scheme = .ecdsaP521
            default:
                EVP_PKEY_free(key)
                throw OpenSSLError(
                    function: "PEM key", messages: ["an elliptic curve other than P-256, P-384 or P-521"])
            }
        default:
            EVP_PKEY_free(key)
            throw OpenSSLError(function: "PEM key", messages: ["not an ECDSA (P-256, P-384, P-521) or Ed25519 key"])
        }
    }

    deinit { EVP_PKEY_free(key) }

    /// Reads a PEM private or public key (the first PEM block of its kind in `text`).
    public static func pem(_ text: String) throws -> SigningKey {
        let isPrivate = text.contains("PRIVATE KEY-----")
        guard text.utf8.count <= 64 * 1024 else {
            throw OpenSSLError(function: "PEM key", messages: ["larger than 64 KiB"])
        }
        let key = EVP.readPEM(text, isPrivate: isPrivate)
        guard let key else { throw OpenSSLError.drain(isPrivate ? "PEM_read_bio_PrivateKey" : "PEM_read_bio_PUBKEY") }
        return try SigningKey(key: key, isPrivate: isPrivate)
    }

    /// A new random key of `scheme`.
    public static func generate(_ scheme: Scheme) throws -> SigningKey {
        let context: OpaquePointer?
        switch scheme {
        case .ed25519: context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil)
        default: context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil)
        }
        guard let context else { throw OpenSSLError.drain("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLError.check(EVP_PKEY_keygen_init(context), "EVP_PKEY_keygen_init")
        let curve: String? =
            switch scheme {
            case .ecdsaP256: "P-256"
            case .ecdsaP384: "P-384"
            case .ecdsaP521: "P-521"
            case .ed25519: nil
            }
        if let curve {
            try OpenSSLError.check(EVP_PKEY_CTX_set_group_name(context, curve), "EVP_PKEY_CTX_set_group_name")
        }
        var key: OpaquePointer?
        try OpenSSLError.check(EVP_PKEY_generate(context, &key), "EVP_PKEY_generate")
        guard let key else { throw OpenSSLError.drain("EVP_PKEY_generate") }
        return try SigningKey(key: key, isPrivate: true)
    }

    /// The public key as SubjectPublicKeyInfo PEM: the text whose SHA-256 `model_signing` uses
    /// as the key's hint.
    public func publicPEM() throws -> String {
        try EVP.text { PEM_write_bio_PUBKEY($0, key) }
    }

    /// The private key as PKCS#8 PEM.
    public func privatePEM() throws -> String {
        guard isPrivate else {
            throw OpenSSLError(function: "privatePEM", messages: ["a public key has no private part"])
        }
        return try EVP.text { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
    }

    /// The 32 raw bytes of an Ed25519 public key; nil for ECDSA keys.
    public func rawEd25519PublicKey() throws -> [UInt8]? {
        guard scheme == .ed25519 else { return nil }
        var length = 32
        var out = [UInt8](repeating: 0, count: 32)
        try OpenSSLError.check(EVP_PKEY_get_raw_public_key(key, &out, &length), "EVP_PKEY_get_raw_public_key")
        return Array(out.prefix(length))
    }

    /// The hex SHA-256 of `publicPEM()`: how a model_signing bundle names the key it was made with.
    public func hint() throws -> String {
        try SHA256.hash(Array(try publicPEM().utf8)).hex
    }

    private var digest: OpaquePointer? {
        switch scheme {
        case .ed25519: return nil
        case .ecdsaP256: return EVP_sha256()
        case .ecdsaP384: return EVP_sha384()
        case .ecdsaP521: return EVP_sha512()
        }
    }

    /// The signature of `message`: DER for ECDSA, 64 bytes for Ed25519.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard isPrivate else { throw OpenSSLError(function: "sign", messages: ["a public key cannot sign"]) }
        return try EVP.sign(message, key: key, digest: digest)
    }

    /// Whether `signature` is a valid signature of `message` by this key. Never throws: a
    /// malformed signature is simply not valid.
    public func verify(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        EVP.verify(signature, of: message, key: key, digest: digest)
    }

    /// Wraps a key OpenSSL handed over (a certificate's public key); takes ownership.
    static func adopt(_ key: OpaquePointer) throws -> SigningKey {
        try SigningKey(key: key, isPrivate: false)
    }
}
