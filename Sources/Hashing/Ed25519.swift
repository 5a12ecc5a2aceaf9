import COpenSSL
import Foundation

/// Ed25519 keys and signatures through OpenSSL's EVP_PKEY interface (RFC 8032, pure Ed25519).
///
/// Keys are stored as PEM (PKCS#8 for the private key, SubjectPublicKeyInfo for the public key),
/// so `openssl pkey` reads them.
public final class Ed25519Key: @unchecked Sendable {
    private let key: OpaquePointer
    /// Whether this key can sign (a private key) or only verify.
    public let isPrivate: Bool

    private init(key: OpaquePointer, isPrivate: Bool) {
        self.key = key
        self.isPrivate = isPrivate
    }

    deinit { EVP_PKEY_free(key) }

    /// A new random private key.
    public static func generate() throws -> Ed25519Key {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw OpenSSLError.drain("EVP_PKEY_CTX_new_id")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLError.check(EVP_PKEY_keygen_init(context), "EVP_PKEY_keygen_init")
        var key: OpaquePointer?
        try OpenSSLError.check(EVP_PKEY_keygen(context, &key), "EVP_PKEY_keygen")
        guard let key else { throw OpenSSLError.drain("EVP_PKEY_keygen") }
        return Ed25519Key(key: key, isPrivate: true)
    }

    /// A private key from its 32-byte seed (RFC 8032 "private key").
    public static func privateKey(seed: [UInt8]) throws -> Ed25519Key {
        guard seed.count == 32 else {
            throw OpenSSLError(function: "Ed25519 seed", messages: ["expected 32 bytes, got \(seed.count)"])
        }
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, 32) else {
            throw OpenSSLError.drain("EVP_PKEY_new_raw_private_key")
        }
        return Ed25519Key(key: key, isPrivate: true)
    }

    /// A public key from its 32 raw bytes.
    public static func publicKey(raw: [UInt8]) throws -> Ed25519Key {
        guard raw.count == 32 else {
            throw OpenSSLError(function: "Ed25519 public key", messages: ["expected 32 bytes, got \(raw.count)"])
        }
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, raw, 32) else {
            throw OpenSSLError.drain("EVP_PKEY_new_raw_public_key")
        }
        return Ed25519Key(key: key, isPrivate: false)
    }

    /// Reads a PEM private (PKCS#8) or public (SPKI) Ed25519 key. Text before the PEM block is ignored.
    public static func pem(_ text: String) throws -> Ed25519Key {
        let isPrivate = text.contains("PRIVATE KEY-----")
        guard let key = EVP.readPEM(text, isPrivate: isPrivate) else {
            throw OpenSSLError.drain(isPrivate ? "PEM_read_bio_PrivateKey" : "PEM_read_bio_PUBKEY")
        }
        guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
            EVP_PKEY_free(key)
            throw OpenSSLError(function: "PEM key", messages: ["not an Ed25519 key"])
        }
        return Ed25519Key(key: key, isPrivate: isPrivate)
    }

    /// The private key as PKCS#8 PEM.
    public func privatePEM() throws -> String {
        guard isPrivate else {
            throw OpenSSLError(function: "privatePEM", messages: ["a public key has no private part"])
        }
        return try EVP.text { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
    }

    /// The public key as SubjectPublicKeyInfo PEM.
    public func publicPEM() throws -> String {
        try EVP.text { PEM_write_bio_PUBKEY($0, key) }
    }

    /// The 32 raw public key bytes.
    public func rawPublicKey() throws -> [UInt8] {
        var length = 32
        var out = [UInt8](repeating: 0, count: 32)
        try OpenSSLError.check(EVP_PKEY_get_raw_public_key(key, &out, &length), "EVP_PKEY_get_raw_public_key")
        return Array(out.prefix(length))
    }

    /// The 64-byte Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard isPrivate else { throw OpenSSLError(function: "sign", messages: ["a public key cannot sign"]) }
        return try EVP.sign(message, key: key, digest: nil)
    }

    /// Whether `signature` is a valid signature of `message` by this key.
    public func verify(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        signature.count == 64 && EVP.verify(signature, of: message, key: key, digest: nil)
    }
}
