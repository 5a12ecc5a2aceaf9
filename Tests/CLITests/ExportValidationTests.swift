import Foundation
import TestSupport
import Testing

/// Issue 16: exports checked by the standards' own tools, not by our reading of them. With
/// `$WEIGHTLEDGER_EXPORT_PYTHON` naming a Python that has in-toto-attestation, securesystemslib,
/// cyclonedx-python-lib and spdx-python-model (.ci/run installs them from PyPI and requires them),
/// every export is validated by scripts/validate-exports.py; `sha256sum -c` runs everywhere.
@Suite struct ExportValidationTests {
    static let python = ProcessInfo.processInfo.environment["WEIGHTLEDGER_EXPORT_PYTHON"]
    static let script = ServerPageTests.root.appendingPathComponent("scripts/validate-exports.py").path
    static let examples = ServerPageTests.root.appendingPathComponent("docs/examples").path

    /// The validators' verdict on `file` as `kind`; nil when no validator Python is given (and CI
    /// does not require one).
    static func validate(_ kind: String, _ file: String, key: String? = nil) throws -> ProcessResult? {
        guard let python else {
            #expect(
                ProcessInfo.processInfo.environment["WEIGHTLEDGER_REQUIRE_EXPORT_VALIDATORS"] != "1",
                "WEIGHTLEDGER_EXPORT_PYTHON must name the validators' Python")
            return nil
        }
        return try Subprocess.run(python, [script, kind, file] + (key.map { ["--key", $0] } ?? []))
    }

    /// A ledger with a base, a fine-tune of it (a directory with a nested file) and a merge with a
    /// parent outside the ledger.
    static func ledger() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3e26",
            "--trained-in", "US", "--developer", CLI.developer, "--started", "2025-01-02", "--finished", "2025-03-04")
        _ = try cli.directory.writeRandom("tuned/model.bin", count: 3000, seed: 7)
        _ = try cli.directory.writeRandom("tuned/sub dir/notes \"v1\".txt", count: 100, seed: 8)
        _ = try cli.ok(
            "register", cli.directory.file("tuned"), "--name", "acme/tuned:v1", "--parent", "acme/base:v1",
            "--compute", "1e24", "--trained-in", "SG", "--site", "Jurong <West> & \"East\"")
        _ = try cli.ok(
            "register", try cli.model("merged.safetensors", seed: 3), "--name", "acme/merged:v1", "--kind", "merge",
            "--parent", "acme/tuned:v1", "--base-model", "other/outside", "--compute", "0", "--trained-in", "US")
        return cli
    }

    @Test func everyFormatPassesItsStandardsValidator() throws {
        let cli = try Self.ledger()
        let formats = [("in-toto", "json"), ("cyclonedx", "json"), ("spdx", "json")]
        for reference in ["acme/base:v1", "acme/tuned:v1", "acme/merged:v1"] {
            for (format, _) in formats {
                for lineage in [false, true] {
                    let out = cli.directory.file(
                        "\(format)-\(lineage)-\(reference.replacingOccurrences(of: "/", with: "_"))")
                    _ = try cli.ok(
                        ["export", reference, "--format", format, "--out", out] + (lineage ? ["--with-lineage"] : []))
                    if let result = try Self.validate(format, out) {
                        #expect(result.status == 0, "\(reference) \(format) lineage \(lineage): \(result.stderr)")
                    }
                }
            }
        }
        // The committed examples of the demo ledger too.
        for (file, kind) in [
            ("frontier-1-support.intoto.json", "in-toto"), ("frontier-1-merged.lineage.intoto.jsonl", "in-toto"),
            ("frontier-1-merged.cdx.json", "cyclonedx"), ("atlas-7b-kyc-lora.cdx.json", "cyclonedx"),
            ("frontier-1-merged.spdx.json", "spdx"),
        ] {
            if let result = try Self.validate(kind, Self.examples + "/" + file) {
                #expect(result.status == 0, "docs/examples/\(file): \(result.stderr)")
            }
        }
        if let result = try Self.validate(
            "dsse", Self.examples + "/frontier-1-merged.lineage.intoto.dsse.jsonl",
            key: Self.examples + "/example-signing-key.pub.pem")
        {
            #expect(result.status == 0, "the signed example: \(result.stderr)")
        }
        // A document the validators must refuse: they are not rubber stamps.
        let cdx = try String(contentsOfFile: cli.directory.file("cyclonedx-false-acme_base:v1"), encoding: .utf8)
        _ = try cli.directory.write(
            "bad.cdx.json", Array(cdx.replacingOccurrences(of: "machine-learning-model", with: "ml-model").utf8))
        if let result = try Self.validate("cyclonedx", cli.directory.file("bad.cdx.json")) {
            #expect(result.status == 1)
        }
        let spdx = try String(contentsOfFile: cli.directory.file("spdx-true-acme_merged:v1"), encoding: .utf8)
        _ = try cli.directory.write(
            "bad.spdx.json", Array(spdx.replacingOccurrences(of: "ancestorOf", with: "ancestorof").utf8))
        if let result = try Self.validate("spdx", cli.directory.file("bad.spdx.json")) { #expect(result.status == 1) }
    }

    /// Signed with the ledger's Ed25519 key (`key generate`) or an ECDSA P-256 key: `export verify`
    /// and securesystemslib (computing the key id itself) accept it; a changed payload fails both.
    @Test func signedExportsVerifyWithOursAndSecuresystemslib() throws {
        let cli = try Self.ledger()
        _ = try cli.ok("key", "generate", "--name", "ledger.example/acme", "--out", cli.directory.file("ed"))
        let ec = try Subprocess.run(
            "/usr/bin/env", ["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem"],
            directory: cli.directory.path)
        #expect(ec.status == 0)
        #expect(
            try Subprocess.run(
                "/usr/bin/env", ["openssl", "pkey", "-in", "ec.pem", "-pubout", "-out", "ec.pub"],
                directory: cli.directory.path
            ).status == 0)
        for (key, publicKey) in [("ed", "ed.pub"), ("ec.pem", "ec.pub")] {
            for format in ["in-toto", "cyclonedx", "spdx", "sha256sums"] {
                let out = cli.directory.file("\(format)-\(key).dsse")
                _ = try cli.ok(
                    "export", "acme/merged:v1", "--format", format, "--with-lineage", "--sign", cli.directory.file(key),
                    "--out", out)
                let ours = try cli.run("export", "verify", out, "--key", cli.directory.file(publicKey))
                #expect(ours.status == 0, "\(format) \(key): \(ours.stderr)")
                if let result = try Self.validate("dsse", out, key: cli.directory.file(publicKey)) {
                    #expect(result.status == 0, "\(format) \(key): \(result.stderr)")
                }
            }
        }
        let listed = try #require(
            try cli.json(
                "export", "verify", cli.directory.file("in-toto-ed.dsse"), "--key", cli.directory.file("ed.pub"))
                as? [[String: Any]])
        #expect(listed.map { $0["line"] as? Int } == [1, 2, 3])
        #expect((listed.first?["subjects"] as? [String])?.first?.hasPrefix("merged.safetensors sha256:") == true)
        // Three statements (merged, tuned, base) as JSON Lines of envelopes.
        let lines = try String(contentsOfFile: cli.directory.file("in-toto-ed.dsse"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 3)
        // A payload changed after signing fails ours (exit 3) and securesystemslib.
        var envelope = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let payload = try #require(Data(base64Encoded: envelope["payload"] as? String ?? ""))
        envelope["payload"] = Data(
            String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "acme/", with: "acmf/").utf8
        ).base64EncodedString()
        let tampered = try cli.directory.write(
            "tampered.dsse", Array(try JSONSerialization.data(withJSONObject: envelope)))
        let ours = try cli.run("export", "verify", tampered, "--key", cli.directory.file("ed.pub"))
        #expect(ours.status == 3, "\(ours.stderr)")
        if let result = try Self.validate("dsse", tampered, key: cli.directory.file("ed.pub")) {
            #expect(result.status == 1)
        }
        let otherKey = try cli.run(
            "export", "verify", cli.directory.file("in-toto-ed.dsse"), "--key", cli.directory.file("ec.pub"))
        #expect(otherKey.status == 3)
        let notAnEnvelope = try cli.run(
            "export", "verify", cli.directory.file("ec.pub"), "--key", cli.directory.file("ec.pub"))
        #expect(notAnEnvelope.status == 2, "\(notAnEnvelope.stderr)")
    }

    /// SHA256SUMS: coreutils alone checks the weights; one flipped byte of one shard fails it.
    @Test func sha256sumChecksTheFilesAndCatchesAFlippedByte() throws {
        let cli = try Self.ledger()
        let sums = cli.directory.file("SHA256SUMS")
        _ = try cli.ok("export", "acme/tuned:v1", "--format", "sha256sums", "--out", sums)
        let text = try String(contentsOfFile: sums, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.contains("  sub dir/notes \"v1\".txt"), "\(text)")
        let ok = try Subprocess.run("/usr/bin/env", ["sha256sum", "-c", sums], directory: cli.directory.file("tuned"))
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        let shard = cli.directory.file("tuned/model.bin")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: shard)))
        bytes[1500] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: shard))
        let flipped = try Subprocess.run(
            "/usr/bin/env", ["sha256sum", "-c", sums], directory: cli.directory.file("tuned"))
        #expect(flipped.status == 1 && flipped.stdout.contains("model.bin: FAILED"), "\(flipped.stdout)")
        // A single file: its name.
        _ = try cli.ok("export", "acme/base:v1", "--format", "sha256sums", "--out", sums)
        let single = try Subprocess.run("/usr/bin/env", ["sha256sum", "-c", sums], directory: cli.directory.path)
        #expect(single.status == 0, "\(single.stdout) \(single.stderr)")
    }

    /// File names that could forge a line of SHA256SUMS never reach a record: registration refuses
    /// a newline and a backslash (the export's escaping of them is checked against coreutils in
    /// SHA256SumsLineTests).
    @Test func namesThatCouldForgeALineAreRefusedAtRegistration() throws {
        let cli = try CLI()
        for (folder, name) in [("newline", "a\nb.bin"), ("backslash", "a\\b.bin")] {
            _ = try cli.directory.writeRandom("\(folder)/\(name)", count: 10, seed: 4)
            let refused = try cli.run("register", cli.directory.file(folder), "--compute", "1")
            #expect(
                refused.status == 2 && refused.stderr.contains(folder == "newline" ? "control character" : "backslash"),
                "\(refused.stderr)")
        }
    }

    /// `GET /api/v1/artifacts/{ref}/export?format=…` for readers: the same documents.
    @Test func theServerExportsForReaders() throws {
        let cli = try Self.ledger()
        let reader = try ServerAPITests.token(cli, "auditor", "ci-reader")
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        let sums = try server.call(reader, [server.base + "/api/v1/artifacts/acme%2Ftuned:v1/export?format=sha256sums"])
        #expect(sums.status == 200)
        #expect(sums.body == (try cli.ok("export", "acme/tuned:v1", "--format", "sha256sums")))
        let statement = try server.call(
            reader, [server.base + "/api/v1/artifacts/acme%2Fmerged:v1/export?format=in-toto"])
        #expect(
            statement.status == 200 && statement.json["predicateType"] as? String == "https://slsa.dev/provenance/v1")
        let lines = try server.call(
            reader, [server.base + "/api/v1/artifacts/acme%2Fmerged:v1/export?format=in-toto&lineage=true"])
        #expect(lines.status == 200 && lines.body.split(separator: "\n").count == 3)
        let bad = try server.call(reader, [server.base + "/api/v1/artifacts/acme%2Fmerged:v1/export?format=pdf"])
        #expect(bad.status == 422, "\(bad.body)")
        let anonymous = try ServerTests.curl([server.base + "/api/v1/artifacts/acme%2Fmerged:v1/export?format=spdx"])
        #expect(anonymous.status == 401)
        // The review page links each export and serves it to a reviewer as a download.
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let page = try server.call(reviewer, [server.base + "/artifacts/acme%2Ftuned:v1/review"])
        for format in ["in-toto", "cyclonedx", "spdx", "sha256sums"] {
            #expect(page.body.contains("review?export=\(format)\""), "\(format)")
        }
        let download = try server.call(reviewer, [server.base + "/artifacts/acme%2Ftuned:v1/review?export=sha256sums"])
        #expect(download.status == 200 && download.body == sums.body)
        // `review` (Markdown and text) names the commands that write each export.
        let markdown = try cli.ok("review", "acme/tuned:v1", "--format", "md")
        #expect(markdown.contains("## Standard exports") && markdown.contains("--format cyclonedx --with-lineage"))
    }
}
