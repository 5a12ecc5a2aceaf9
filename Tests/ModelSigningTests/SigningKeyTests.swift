import Foundation
import Hashing
import TestSupport
import Testing

/// ECDSA and Ed25519 through OpenSSL's EVP, checked against the `openssl` command (not our code):
/// our signatures verify there, its signatures verify here, and a key's hint is `sha256sum` of the
/// PEM text `openssl pkey -pubout` writes.
@Suite struct SigningKeyTests {
    static let schemes: [SigningKey.Scheme] = [.ecdsaP256, .ecdsaP384, .ecdsaP521, .ed25519]

    func openssl(_ arguments: [String], _ directory: TemporaryDirectory) throws -> ProcessResult {
        try Subprocess.run("/usr/bin/env", ["openssl"] + arguments, directory: directory.path)
    }

    @Test(arguments: schemes)
    func ourSignaturesVerifyWithOpenSSLAndTheirsHere(_ scheme: SigningKey.Scheme) throws {
        let directory = try TemporaryDirectory()
        let key = try SigningKey.generate(scheme)
        #expect(key.scheme == scheme && key.isPrivate)
        _ = try directory.write("key.pem", Array(try key.privatePEM().utf8))
        _ = try directory.write("pub.pem", Array(try key.publicPEM().utf8))
        let message = Array("DSSEv1 28 application/vnd.in-toto+json 2 {}".utf8)
        _ = try directory.write("message", message)
        _ = try directory.write("signature", try key.sign(message))

        // openssl's own verification of our signature, and its public key text.
        let digest = ["ecdsa-p256-sha256": "-sha256", "ecdsa-p384-sha384": "-sha384", "ecdsa-p521-sha512": "-sha512"]
        let verify =
            scheme == .ed25519
            ? [
                "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", "pub.pem", "-in", "message", "-sigfile",
                "signature",
            ]
            : ["dgst", digest[scheme.rawValue]!, "-verify", "pub.pem", "-signature", "signature", "message"]
        let verified = try openssl(verify, directory)
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        let exported = try openssl(["pkey", "-in", "key.pem", "-pubout", "-out", "openssl-pub.pem"], directory)
        #expect(exported.status == 0)
        #expect(try key.hint() == (try Subprocess.sha256sum(directory.file("openssl-pub.pem"))))

        // A signature openssl made verifies with our key; one changed byte does not.
        let sign =
            scheme == .ed25519
            ? ["pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "message", "-out", "theirs"]
            : ["dgst", digest[scheme.rawValue]!, "-sign", "key.pem", "-out", "theirs", "message"]
        #expect(try openssl(sign, directory).status == 0)
        let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.file("theirs"))))
        let publicKey = try SigningKey.pem(try String(contentsOfFile: directory.file("pub.pem"), encoding: .utf8))
        #expect(!publicKey.isPrivate)
        #expect(publicKey.verify(theirs, of: message))
        #expect(!publicKey.verify(theirs, of: message + [0x20]))
        var flipped = theirs
        flipped[flipped.count / 2] ^= 1
        #expect(!publicKey.verify(flipped, of: message))
        #expect(!publicKey.verify([], of: message))
    }

    @Test func keysOtherThanTheSupportedOnesAreRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(
            try openssl(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem"],
                directory
            ).status == 0)
        #expect(
            try openssl(["ecparam", "-name", "secp256k1", "-genkey", "-noout", "-out", "k1.pem"], directory).status == 0
        )
        for name in ["rsa.pem", "k1.pem"] {
            let text = try String(contentsOfFile: directory.file(name), encoding: .utf8)
            #expect(throws: OpenSSLError.self, "\(name)") { try SigningKey.pem(text) }
        }
        #expect(throws: OpenSSLError.self) {
            try SigningKey.pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        }
        #expect(throws: OpenSSLError.self) { try SigningKey.pem("") }
    }
}
