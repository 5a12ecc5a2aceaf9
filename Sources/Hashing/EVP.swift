import COpenSSL

/// The EVP calls every key type here shares: PEM in and out, one-shot signing and verifying.
enum EVP {
    /// Reads the first PEM private (`isPrivate`) or public key of `text`; nil when there is none.
    static func readPEM(_ text: String, isPrivate: Bool) -> OpaquePointer? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return isPrivate ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
    }

    /// What `write` puts into a memory BIO, as text (PEM, a certificate's subject).
    static func text(_ write: (OpaquePointer) -> Int32, _ function: String = "PEM_write_bio") throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLError.drain("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) >= 1 else { throw OpenSSLError.drain(function) }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
        guard let pointer, length > 0 else { throw OpenSSLError.drain("BIO_get_mem_data") }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// The signature of `message` by `key` (`digest` nil for Ed25519).
    static func sign(_ message: [UInt8], key: OpaquePointer, digest: OpaquePointer?) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        try OpenSSLError.check(EVP_DigestSignInit(context, nil, digest, nil, key), "EVP_DigestSignInit")
        var length = 0
        try OpenSSLError.check(EVP_DigestSign(context, nil, &length, message, message.count), "EVP_DigestSign")
        var signature = [UInt8](repeating: 0, count: length)
        try OpenSSLError.check(EVP_DigestSign(context, &signature, &length, message, message.count), "EVP_DigestSign")
        return Array(signature.prefix(length))
    }

    /// Whether `signature` is `key`'s signature of `message`; never throws.
    static func verify(_ signature: [UInt8], of message: [UInt8], key: OpaquePointer, digest: OpaquePointer?) -> Bool {
        guard !signature.isEmpty, signature.count <= 1024, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, digest, nil, key) == 1 else {
            _ = OpenSSLError.drain("EVP_DigestVerifyInit")
            return false
        }
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        if result != 1 { _ = OpenSSLError.drain("EVP_DigestVerify") }
        return result == 1
    }
}
