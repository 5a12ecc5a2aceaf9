import Foundation
import TestSupport
import Testing

/// Issue 15: OpenSSF model signing both ways. The fixtures (Fixtures/signing) were made by the
/// real `model_signing` CLI (scripts/make-signing-fixtures.py); with `$WEIGHTLEDGER_MODEL_SIGNING`
/// pointing at that CLI (CI installs model-signing 1.1.1 from PyPI), the cross-check also runs
/// live on fresh random folders, both ways.
@Suite struct ModelSigningCLITests {
    static let fixtures = ServerPageTests.root.appendingPathComponent("Tests/CLITests/Fixtures/signing").path
    static var modelSigning: String? { ProcessInfo.processInfo.environment["WEIGHTLEDGER_MODEL_SIGNING"] }

    /// A private copy of the fixtures.
    static func copy(_ cli: CLI) throws -> String {
        let copy = cli.directory.file("signing")
        let result = try Subprocess.run("/bin/cp", ["-a", fixtures, copy])
        guard result.status == 0 else { throw CLI.Failure("cp: \(result.stderr)") }
        return copy
    }

    func events(_ cli: CLI) throws -> Int {
        (try cli.json("verify") as? [String: Any])?["events"] as? Int ?? -1
    }

    @Test func bundlesMadeByModelSigningVerifyWithAKeyOrACertificateChain() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let json = try #require(
            try cli.json("signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/pub.pem")
                as? [String: Any])
        let signature = try #require(json["signature"] as? [String: Any])
        #expect(json["verified"] as? Bool == true)
        #expect(signature["keyHint"] as? String == (try Subprocess.sha256sum(f + "/pub.pem")))
        #expect(signature["signedFiles"] as? Int == 2 && signature["scheme"] as? String == "ecdsa-p256-sha256")
        #expect(signature["predicateType"] as? String == "https://model_signing/signature/v1.0")
        #expect(signature["subjectName"] as? String == "model")

        let byChain = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model-cert.sig", "--certificate-chain",
            f + "/ca.pem")
        #expect(byChain.status == 0 && byChain.stdout.contains("CN=Fixture signer"), "\(byChain.stderr)")

        // Another key, another CA, the wrong kind of material: 3 (does not verify) or 2 (unusable input).
        let otherKey = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/other-pub.pem")
        #expect(otherKey.status == 3 && otherKey.stderr.contains("another key"), "\(otherKey.stderr)")
        let otherCA = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model-cert.sig", "--certificate-chain",
            f + "/other-ca.pem")
        #expect(otherCA.status == 3, "\(otherCA.stderr)")
        let keyForChain = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model-cert.sig", "--key", f + "/pub.pem")
        #expect(keyForChain.status == 2 && keyForChain.stderr.contains("--certificate-chain"), "\(keyForChain.stderr)")
        let notAKey = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/model.sig")
        #expect(notAKey.status == 2 && notAKey.stderr.contains("not a usable public key"), "\(notAKey.stderr)")
    }

    /// A Sigstore trusted root stands for the chain; a bundle in the keyless layout (a Fulcio-style
    /// certificate and a Rekor entry) verifies by its certificate, and the Rekor entry is reported as
    /// not checked, never as checked.
    @Test func trustedRootsAndTheKeylessLayout() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let json = try #require(
            try cli.json(
                "signature", "verify", f + "/model", "--signature", f + "/model-keyless-layout.sig", "--trusted-root",
                f + "/trusted_root.json") as? [String: Any])
        let notChecked = json["notChecked"] as? [String] ?? []
        #expect(notChecked.count == 1 && notChecked[0].contains("Rekor"), "\(notChecked)")
        #expect(!(json["checked"] as? [String] ?? []).joined().contains("Rekor"))
        #expect((json["signature"] as? [String: Any])?["transparencyLogEntries"] as? Int == 1)
        // The public-good Sigstore root (as the sigstore package ships it) is read, and does not anchor
        // the fixture CA's certificate.
        let publicGood = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model-keyless-layout.sig", "--trusted-root",
            f + "/sigstore-trusted_root.json")
        #expect(publicGood.status == 3 && publicGood.stderr.contains("certificate chain"), "\(publicGood.stderr)")
        let notARoot = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model-cert.sig", "--trusted-root", f + "/ca.pem")
        #expect(notARoot.status == 2 && notARoot.stderr.contains("trusted root"), "\(notARoot.stderr)")
    }

    @Test func alteredFilesAndAlteredStatementsDoNotVerify() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        // One byte of one file.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: f + "/model/weights.bin")))
        bytes[100] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: f + "/model/weights.bin"))
        let altered = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/pub.pem")
        #expect(altered.status == 3 && altered.stderr.contains("weights.bin"), "\(altered.stderr)")
        bytes[100] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: f + "/model/weights.bin"))
        // A file added that the signer did not sign.
        _ = try cli.directory.write("signing/model/extra.bin", [1])
        let extra = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/pub.pem")
        #expect(extra.status == 3 && extra.stderr.contains("not signed: extra.bin"), "\(extra.stderr)")
        try FileManager.default.removeItem(atPath: f + "/model/extra.bin")

        // The statement rewritten to name other digests (the signature no longer covers it).
        var bundle = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f + "/model.sig")))
                as? [String: Any])
        var envelope = try #require(bundle["dsseEnvelope"] as? [String: Any])
        let payload = try #require(Data(base64Encoded: envelope["payload"] as? String ?? ""))
        var text = String(decoding: payload, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"model\"", with: "\"other\"")
        envelope["payload"] = Data(text.utf8).base64EncodedString()
        bundle["dsseEnvelope"] = envelope
        try JSONSerialization.data(withJSONObject: bundle).write(to: URL(fileURLWithPath: f + "/tampered.sig"))
        let tampered = try cli.run(
            "signature", "verify", f + "/model", "--signature", f + "/tampered.sig", "--key", f + "/pub.pem")
        #expect(tampered.status == 3 && tampered.stderr.contains("not this key's"), "\(tampered.stderr)")
        #expect(
            try cli.run(
                "signature", "verify", f + "/model", "--signature", f + "/model.sig", "--key", f + "/pub.pem"
            ).status == 0)
    }

    /// Random damage to a bundle never crashes the process: every run exits 2 (unreadable) or 3
    /// (does not verify), or 0 only when what is signed and checked came through unchanged (the
    /// byte fell in JSON layout, an unread key, or base64 padding bits): the same payload,
    /// signature and key hint as the original.
    @Test func damagedBundlesAreRefusedNeverCrash() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: f + "/model.sig")))
        let signedParts = try Self.signedParts(Data(original))
        var generator = SystemRandomNumberGenerator()
        var statuses: [Int32: Int] = [:]
        for run in 0..<40 {
            var bytes = original
            switch run % 4 {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            case 1:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 2:
                bytes.insert(contentsOf: Array("{\"x\":[".utf8), at: Int.random(in: 0..<bytes.count, using: &generator))
            default: bytes = Array(repeating: UInt8(ascii: "["), count: 100_000)
            }
            if bytes == original { continue }
            try Data(bytes).write(to: URL(fileURLWithPath: f + "/damaged.sig"))
            let result = try cli.run(
                "signature", "verify", f + "/model", "--signature", f + "/damaged.sig", "--key", f + "/pub.pem")
            statuses[result.status, default: 0] += 1
            if result.status == 0 {
                let parts = try? Self.signedParts(Data(bytes))
                let same = parts?.prefix(2) == signedParts.prefix(2) && [Data(), signedParts[2]].contains(parts?[2])
                #expect(same, "run \(run): a changed signed part verified")
                continue
            }
            #expect(result.status == 2 || result.status == 3, "run \(run): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("weightledger: error: "), "run \(run): \(result.stderr)")
        }
        #expect((statuses[2] ?? 0) + (statuses[3] ?? 0) >= 30, "\(statuses)")
    }

    /// The decoded payload and signature of a bundle, and its key hint (lowercased; "" when the
    /// bundle has none, as before model_signing 1.0: the key given is then the only identity).
    static func signedParts(_ data: Data) throws -> [Data] {
        let bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let envelope = try #require(bundle["dsseEnvelope"] as? [String: Any])
        let signature = try #require((envelope["signatures"] as? [[String: Any]])?.first)
        let hint = ((bundle["verificationMaterial"] as? [String: Any])?["publicKey"] as? [String: Any])?["hint"]
        return [
            try #require(Data(base64Encoded: envelope["payload"] as? String ?? "")),
            try #require(Data(base64Encoded: signature["sig"] as? String ?? "")),
            Data((hint as? String ?? "").lowercased().utf8),
        ]
    }

    /// `register --signature` with the bundle inside the folder: the bundle is left out of the
    /// digest (recorded, so audits re-hash the same way), and the verified signature is in the event.
    @Test func registerRecordsTheVerifiedSignatureAndLeavesTheBundleOutOfTheDigest() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let plain = try #require(try cli.json("hash", f + "/model") as? [[String: Any]]).first?["digest"] as? String
        try FileManager.default.copyItem(atPath: f + "/model.sig", toPath: f + "/model/model.sig")
        let registered = try #require(
            try cli.json(
                "register", f + "/model", "--name", "acme/signed:v1", "--compute", "1e20", "--trained-in", "US",
                "--signature", f + "/model/model.sig", "--key", f + "/pub.pem") as? [String: Any])
        let artifact = try #require(registered["artifact"] as? [String: Any])
        #expect(artifact["digest"] as? String == plain, "the bundle inside is not part of the digest")
        let shown = try #require(try cli.json("show", "acme/signed:v1") as? [String: Any])
        let signatures = try #require(shown["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        #expect(
            (signatures.first?["signature"] as? [String: Any])?["keyHint"] as? String
                == (try Subprocess.sha256sum(f + "/pub.pem")))
        #expect(try cli.ok("show", "acme/signed:v1").contains("signature"))
        #expect(try cli.run("verify").status == 0)
        for run in 1...2 {
            let audit = try cli.run("audit", "--rehash", "all", "--on", "2026-11-25")
            #expect(audit.status == 0, "audit \(run): \(audit.stdout) \(audit.stderr)")
        }

        // A signature that does not verify leaves the ledger unchanged.
        let before = try events(cli)
        let other = try cli.directory.write("other/w.bin", [7, 7])
        let refused = try cli.run(
            "register", other, "--signature", f + "/model.sig", "--key", f + "/pub.pem", "--compute", "1e20")
        #expect(refused.status == 3 && refused.stderr.contains("does not verify"), "\(refused.stderr)")
        #expect(try events(cli) == before)
        // Over a server, a signature is not taken from the client.
        let remote = try cli.run(
            "register", f + "/model", "--server", "http://127.0.0.1:9", "--token-file", f + "/pub.pem", "--signature",
            f + "/model.sig", "--key", f + "/pub.pem")
        #expect(remote.status == 2 && remote.stderr.contains("signature attach"), "\(remote.stderr)")
    }

    /// A folder holding its own model_signing bundle (as `model_signing sign key model --signature
    /// model/model.sig` leaves it) registers without `--signature` to the digest of the model alone,
    /// the bundle's name recorded as an ignore pattern, and audits clean; `hash` prints that digest.
    @Test func aBundleInsideTheFolderIsNotPartOfTheModel() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let plain = try #require(try cli.json("hash", f + "/model") as? [[String: Any]]).first?["digest"] as? String
        try FileManager.default.copyItem(atPath: f + "/model.sig", toPath: f + "/model/model.sig")
        _ = try cli.directory.write("signing/model/notes.sig", Array("not a bundle".utf8))
        let hashed = try #require(try cli.json("hash", f + "/model") as? [[String: Any]]).first
        #expect((hashed?["files"] as? [[String: Any]])?.count == 3, "notes.sig is not a bundle: it is hashed")
        try FileManager.default.removeItem(atPath: f + "/model/notes.sig")
        #expect((try cli.json("hash", f + "/model") as? [[String: Any]])?.first?["digest"] as? String == plain)
        let registered = try #require(
            try cli.json(
                "register", f + "/model", "--name", "acme/carried:v1", "--compute", "1e20", "--trained-in", "US")
                as? [String: Any])
        #expect((registered["artifact"] as? [String: Any])?["digest"] as? String == plain)
        let payload = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT payload FROM events WHERE type = 'artifact.registered'"])
        let event = try #require(
            try JSONSerialization.jsonObject(with: Data(payload.stdout.utf8)) as? [String: Any], "\(payload.stderr)")
        #expect((event["hashing"] as? [String: Any])?["ignore"] as? [String] == ["model.sig"], "\(event)")
        for run in 1...2 {
            let audit = try cli.run("audit", "--rehash", "all", "--on", "2026-11-25")
            #expect(audit.status == 0, "audit \(run): \(audit.stdout) \(audit.stderr)")
        }
    }

    @Test func attachRecordsOneEventAndTheSameBundleOnce() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        _ = try cli.ok("register", f + "/model", "--name", "acme/later:v1", "--compute", "1e20", "--trained-in", "US")
        let before = try events(cli)
        let wrong = try cli.run(
            "signature", "attach", "acme/later:v1", "--signature", f + "/model.sig", "--key", f + "/other-pub.pem")
        #expect(wrong.status == 3, "\(wrong.stderr)")
        #expect(try events(cli) == before)
        let attached = try #require(
            try cli.json(
                "signature", "attach", "acme/later:v1", "--signature", f + "/model-cert.sig", "--certificate-chain",
                f + "/ca.pem") as? [String: Any])
        #expect(attached["event"] as? Int == before + 1)
        let again = try #require(
            try cli.json(
                "signature", "attach", "acme/later:v1", "--signature", f + "/model-cert.sig", "--certificate-chain",
                f + "/ca.pem") as? [String: Any])
        #expect(again["event"] is NSNull)
        #expect(try events(cli) == before + 1)
        let signatures = (try cli.json("show", "acme/later:v1") as? [String: Any])?["signatures"] as? [[String: Any]]
        #expect(
            (signatures?.first?["signature"] as? [String: Any])?["certificateSubject"] as? String
                == "O=WeightLedger fixtures,CN=Fixture signer")
        #expect(try cli.run("verify").status == 0)
    }

    /// `weightledger sign` from the ledger's digests: our verifier and `openssl` accept it; with
    /// model_signing present, `model_signing verify key` accepts it and our verifier accepts what
    /// `model_signing sign key` makes, on a fresh random folder each run.
    @Test func signAndVerifyBothWaysWithTheRealModelSigning() throws {
        let cli = try CLI()
        let f = try Self.copy(cli)
        let model = cli.directory.file("fresh")
        for index in 0..<3 {
            _ = try cli.directory.writeRandom(
                "fresh/\(index == 2 ? "nested/" : "")part-\(index).bin", count: 1000 + index * 517,
                seed: UInt64.random(in: 1...UInt64.max))
        }
        _ = try cli.ok("register", model, "--name", "acme/fresh:v1", "--compute", "1e20", "--trained-in", "US")
        _ = try cli.ok("sign", "acme/fresh:v1", "--key", f + "/key.pem", "--out", model + "/model.sig")
        let ours = try cli.run(
            "signature", "verify", model, "--signature", model + "/model.sig", "--key", f + "/pub.pem")
        #expect(ours.status == 0, "\(ours.stderr)")
        // The DSSE signature checked by openssl over the pre-authentication encoding.
        let bundle = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model + "/model.sig")))
                as? [String: Any])
        let envelope = try #require(bundle["dsseEnvelope"] as? [String: Any])
        let payload = try #require(Data(base64Encoded: envelope["payload"] as? String ?? ""))
        let type = try #require(envelope["payloadType"] as? String)
        let pae = Array("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8) + [UInt8](payload)
        _ = try cli.directory.write("pae.bin", pae)
        let sig = ((envelope["signatures"] as? [[String: Any]])?.first?["sig"] as? String) ?? ""
        _ = try cli.directory.write("sig.der", [UInt8](Data(base64Encoded: sig) ?? Data()))
        let openssl = try Subprocess.run(
            "/usr/bin/env",
            ["openssl", "dgst", "-sha256", "-verify", f + "/pub.pem", "-signature", "sig.der", "pae.bin"],
            directory: cli.directory.path)
        #expect(openssl.status == 0, "\(openssl.stdout) \(openssl.stderr)")

        guard let modelSigning = Self.modelSigning else {
            #expect(
                ProcessInfo.processInfo.environment["WEIGHTLEDGER_REQUIRE_MODEL_SIGNING"] != "1",
                "WEIGHTLEDGER_MODEL_SIGNING must name the model_signing CLI")
            return
        }
        let theirs = try Subprocess.run(
            modelSigning, ["verify", "key", model, "--signature", model + "/model.sig", "--public_key", f + "/pub.pem"])
        #expect(theirs.status == 0, "model_signing verify key: \(theirs.stdout) \(theirs.stderr)")
        // A changed byte: model_signing refuses our bundle too.
        let part = model + "/part-0.bin"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: part)))
        bytes[0] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: part))
        let refused = try Subprocess.run(
            modelSigning, ["verify", "key", model, "--signature", model + "/model.sig", "--public_key", f + "/pub.pem"])
        #expect(refused.status != 0)
        // The other way: model_signing signs, we verify.
        try FileManager.default.removeItem(atPath: model + "/model.sig")
        let signed = try Subprocess.run(
            modelSigning, ["sign", "key", model, "--private_key", f + "/key.pem", "--signature", model + "/theirs.sig"])
        #expect(signed.status == 0, "model_signing sign key: \(signed.stderr)")
        let verified = try cli.run(
            "signature", "verify", model, "--signature", model + "/theirs.sig", "--key", f + "/pub.pem")
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
