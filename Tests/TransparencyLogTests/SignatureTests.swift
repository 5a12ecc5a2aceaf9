import Foundation
import Hashing
import TestSupport
import Testing

@testable import TransparencyLog

/// Ed25519 through OpenSSL against RFC 8032 §7.1, against the openssl command, and C2SP signed notes
/// against the vectors of Go's golang.org/x/mod/sumdb/note.
@Suite struct SignatureTests {
    struct Vector: Sendable {
        let secret: String
        let publicKey: String
        let message: String
        let signature: String
    }

    static let rfc8032 = [
        Vector(
            secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", message: "",
            signature:
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        Vector(
            secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", message: "72",
            signature:
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        Vector(
            secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", message: "af82",
            signature:
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
        Vector(
            secret: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            message:
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            signature:
                "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
        ),
    ]

    @Test(arguments: rfc8032.indices)
    func rfc8032Vectors(_ index: Int) throws {
        let vector = Self.rfc8032[index]
        let key = try Ed25519Key.privateKey(seed: hex(vector.secret))
        #expect(try key.rawPublicKey() == hex(vector.publicKey))
        #expect(try key.sign(hex(vector.message)) == hex(vector.signature))
        let publicKey = try Ed25519Key.publicKey(raw: hex(vector.publicKey))
        #expect(publicKey.verify(hex(vector.signature), of: hex(vector.message)))
        #expect(!publicKey.verify(hex(vector.signature), of: hex(vector.message) + [0]))
        var bad = hex(vector.signature)
        bad[10] ^= 0x40
        #expect(!publicKey.verify(bad, of: hex(vector.message)))
    }

    @Test func pemKeysInteroperateWithTheOpensslCommand() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519Key.generate()
        let privatePath = try directory.write("k.pem", Array(try key.privatePEM().utf8))
        let publicPath = try directory.write("k.pub", Array(try key.publicPEM().utf8))
        // openssl derives the same public key from our private key file.
        let derived = try Subprocess.run("/usr/bin/openssl", ["pkey", "-in", privatePath, "-pubout"])
        #expect(derived.status == 0)
        #expect(derived.stdout == (try key.publicPEM()))
        // A signature by `openssl pkeyutl` verifies here, and ours verifies there.
        let message = try directory.write("m.txt", Array("checkpoint text\n".utf8))
        let signed = try Subprocess.run(
            "/usr/bin/openssl",
            ["pkeyutl", "-sign", "-rawin", "-inkey", privatePath, "-in", message, "-out", directory.file("sig")])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("sig"))))
        #expect(try key.sign(Array("checkpoint text\n".utf8)) == signature, "Ed25519 is deterministic")
        _ = try directory.write("ours.sig", try key.sign(Array("checkpoint text\n".utf8)))
        let verified = try Subprocess.run(
            "/usr/bin/openssl",
            [
                "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", publicPath, "-in", message,
                "-sigfile", directory.file("ours.sig"),
            ])
        #expect(verified.status == 0 && verified.stdout.contains("Signature Verified Successfully"))
        // And a key openssl generated loads here.
        let generated = try Subprocess.run("/usr/bin/openssl", ["genpkey", "-algorithm", "ed25519"])
        #expect(try Ed25519Key.pem(generated.stdout).isPrivate)
    }

    // golang.org/x/mod/sumdb/note tests (note_test.go, and the package documentation).
    static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote =
        goText
        + "\n\u{2014} PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    static func goSignerKey() throws -> NoteKey {
        let parts = goSigner.split(separator: "+", maxSplits: 4)
        let blob = Array(Data(base64Encoded: String(parts[4]))!)
        #expect(blob.first == 0x01)
        return try NoteKey(name: String(parts[2]), key: Ed25519Key.privateKey(seed: Array(blob.dropFirst())))
    }

    @Test func signedNoteMatchesGoSumdbNote() throws {
        let signer = try Self.goSignerKey()
        #expect(try signer.keyID() == 0xc74f_20a3)
        #expect(try signer.verifierKey() == Self.goVerifier)
        #expect(try signer.sign(Self.goText) == Self.goNote)
        let verifier = try NoteKey.parseVerifier(Self.goVerifier)
        let note = try SignedNote.parse(Self.goNote)
        #expect(note.text == Self.goText)
        #expect(try note.verify(with: verifier) == true)
        let tampered = try SignedNote.parse(Self.goNote.replacingOccurrences(of: "cryptography", with: "cryptographY"))
        #expect(try tampered.verify(with: verifier) == false)
        // Another key is not a signer of this note.
        let other = try NoteKey(name: "PeterNeumann", key: Ed25519Key.generate())
        #expect(try note.verify(with: other) == nil)
    }

    @Test func malformedNotesAndKeysAreRefused() {
        for bad in [
            "no blank line\n\u{2014} a AAAA\n", Self.goText + "\n- PeterNeumann x08go\n", Self.goText + "\n",
            Self.goText + "\n\u{2014} Peter Neumann x08go/ZJ\n",
            Self.goNote.replacingOccurrences(of: "\n\u{2014}", with: "\u{7}\n\u{2014}"),
        ] {
            #expect(throws: NoteError.self) { try SignedNote.parse(bad) }
        }
        for bad in [
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "PeterNeumann+c74f20a3",
            "PeterNeumann+c74f20a3+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        ] {
            #expect(throws: (any Error).self) { try NoteKey.parseVerifier(bad) }
        }
    }

    @Test func checkpointTextRoundTrips() throws {
        let checkpoint = Checkpoint(
            origin: "weightledger.example/acme", size: 42, rootHash: Array(repeating: 7, count: 32))
        #expect(checkpoint.text == "weightledger.example/acme\n42\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n")
        #expect(try Checkpoint.parse(checkpoint.text) == checkpoint)
        #expect(try Checkpoint.parse(checkpoint.text + "extension line\n") == checkpoint)
        for bad in [
            "o\n042\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n", "o\n1\nshort\n", "o\n1\n",
            "\n1\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n",
        ] {
            #expect(throws: NoteError.self) { try Checkpoint.parse(bad) }
        }
    }
}
