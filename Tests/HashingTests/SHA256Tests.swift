import Foundation
import TestSupport
import Testing

@testable import Hashing

/// SHA-256 through OpenSSL EVP against NIST FIPS 180-4 example vectors and `sha256sum`.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func nistVectors(message: String, expected: String) throws {
        #expect(try SHA256.hash(Array(message.utf8)).hex == expected)
    }

    @Test func nistOneMillionA() throws {
        let hasher = try SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { try hasher.update(chunk) }
        #expect(try hasher.finish().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        let hasher = try SHA256()
        for split in stride(from: 0, to: bytes.count, by: 777) {
            try hasher.update(bytes[split..<min(split + 777, bytes.count)])
        }
        #expect(try hasher.finish() == SHA256.hash(bytes))
    }

    @Test func digestParsingAndPrinting() throws {
        let digest = try SHA256.hash(Array("abc".utf8))
        #expect(digest.description == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest(parsing: digest.description) == digest)
        #expect(Digest(parsing: digest.hex.uppercased()) == digest)
        #expect(Digest(parsing: "sha256:abc") == nil)
        #expect(Digest(parsing: String(repeating: "g", count: 64)) == nil)
    }

    /// Sizes around the chunk boundary too, with a small chunk so they are cheap.
    @Test(arguments: [
        ("empty.bin", 0), ("one byte.bin", 1), ("model weights ü.safetensors", 5 * 1024 * 1024 + 3),
        ("模型/权重.bin", 4096), ("chunk-exact.bin", 65_536), ("chunk-plus-one.bin", 65_537),
    ])
    func fileDigestsEqualSha256sum(name: String, size: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeRandom(name, count: size, seed: UInt64(size))
        for hasher in [FileHasher(), FileHasher(chunkSize: 65_536)] {
            let (digest, length) = try hasher.hash(path: path)
            #expect(digest.hex == (try Subprocess.sha256sum(path)))
            #expect(length == Int64(size))
        }
    }
}
