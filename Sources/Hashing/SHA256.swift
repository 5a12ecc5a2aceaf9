import COpenSSL

/// OpenSSL's SHA-256 method, fetched once (nil: the implicit fetch of `EVP_sha256()` each time).
nonisolated(unsafe) private let sha256Method: OpaquePointer? = EVP_MD_fetch(nil, "SHA2-256", nil)

/// A running SHA-256 computation through OpenSSL's EVP interface.
///
/// Owns one `EVP_MD_CTX`; the context is freed when the hasher is released. Not thread-safe:
/// use one hasher per task.
public final class SHA256 {
    private let context: OpaquePointer

    /// Starts a new SHA-256 computation.
    public init() throws {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("EVP_MD_CTX_new") }
        self.context = context
        do {
            try OpenSSLError.check(EVP_DigestInit_ex(context, EVP_sha256(), nil), "EVP_DigestInit_ex")
        } catch {
            EVP_MD_CTX_free(context)
            throw error
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds bytes into the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try OpenSSLError.check(EVP_DigestUpdate(context, base, bytes.count), "EVP_DigestUpdate")
    }

    /// Feeds a byte sequence into the digest (without a copy when its bytes are contiguous).
    public func update<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        if try bytes.withContiguousStorageIfAvailable({ try update(UnsafeRawBufferPointer($0)) }) != nil { return }
        let array = Array(bytes)
        try array.withUnsafeBytes { try update($0) }
    }

    /// Finishes the computation and returns the 32-byte digest. The hasher cannot be reused.
    public func finish() throws -> Digest {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try OpenSSLError.check(EVP_DigestFinal_ex(context, &out, &length), "EVP_DigestFinal_ex")
        return Digest(bytes: Array(out.prefix(Int(length))))
    }

    /// The SHA-256 digest of a byte sequence in one call: `EVP_Digest` with the method fetched
    /// once, no context kept and no copy of contiguous bytes (`verify` hashes every event twice,
    /// and setting up a context cost more than hashing a short payload).
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) throws -> Digest where Bytes.Element == UInt8 {
        if let digest = try bytes.withContiguousStorageIfAvailable({ try oneShot(UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return try Array(bytes).withUnsafeBytes { try oneShot($0) }
    }

    private static func oneShot(_ bytes: UnsafeRawBufferPointer) throws -> Digest {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = out.withUnsafeMutableBufferPointer {
            EVP_Digest(bytes.baseAddress, bytes.count, $0.baseAddress, &length, sha256Method ?? EVP_sha256(), nil)
        }
        try OpenSSLError.check(status, "EVP_Digest")
        guard length == 32 else { throw OpenSSLError.drain("EVP_Digest") }
        return Digest(bytes: out)
    }
}
