import Foundation
import TestSupport
import Testing

/// Issue 15: registering Hugging Face cache snapshots (Fixtures/hf-cache, laid out by
/// huggingface_hub's own code and checked with its scan_cache_dir: scripts/make-hf-fixtures.py).
@Suite struct HubImportTests {
    static let fixture = ServerPageTests.root.appendingPathComponent("Tests/CLITests/Fixtures/hf-cache").path

    /// A private copy of the cache (links kept as links), and the snapshot folder of `repository`.
    static func cache(_ cli: CLI) throws -> (String) -> String {
        let copy = cli.directory.file("hub")
        let result = try Subprocess.run("/bin/cp", ["-a", fixture, copy])
        guard result.status == 0 else { throw CLI.Failure("cp: \(result.stderr)") }
        return { repository in
            let folder = copy + "/models--" + repository.replacingOccurrences(of: "/", with: "--") + "/snapshots"
            let commit = (try? FileManager.default.contentsOfDirectory(atPath: folder).first) ?? "?"
            return folder + "/" + commit
        }
    }

    func artifact(_ cli: CLI, _ arguments: [String]) throws -> [String: Any] {
        let result = try cli.run(arguments + ["--json"])
        guard result.status == 0 else { throw CLI.Failure("\(arguments): \(result.stderr)") }
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return json?["artifact"] as? [String: Any] ?? [:]
    }

    @Test func snapshotsRegisterWithTheirNameCommitKindAndParentsAndAuditClean() throws {
        let cli = try CLI()
        let snapshot = try Self.cache(cli)
        let base = try artifact(
            cli, ["register", snapshot("acme/tiny-base"), "--trained-in", "US", "--compute", "1e22"])
        #expect(base["names"] as? [String] == ["acme/tiny-base:main"])
        #expect(base["kind"] as? String == "pretrain")
        let origin = base["origin"] as? [String: Any]
        #expect(origin?["repository"] as? String == "acme/tiny-base" && origin?["refs"] as? [String] == ["main"])
        #expect(origin?["revision"] as? String == String(repeating: "1", count: 40))
        #expect((base["card"] as? [String: Any])?["license"] as? String == "apache-2.0")

        let chat = try artifact(
            cli, ["register", snapshot("acme/tiny-chat"), "--trained-in", "SG", "--compute", "1e21"])
        #expect(chat["names"] as? [String] == ["acme/tiny-chat:main"])
        #expect(chat["kind"] as? String == "finetune", "from base_model_relation: finetune (0.3.0: pretrain)")
        #expect(chat["parents"] as? [String] == [base["digest"] as? String ?? "?"])
        let card = chat["card"] as? [String: Any]
        #expect(
            card?["used"] as? [String] == ["kind", "parents"] && card?["datasets"] as? [String] == ["acme/chat-data"])

        // A quantized copy whose card names the fine-tune; a flag wins over the card.
        let int8 = try artifact(
            cli, ["register", snapshot("acme/tiny-chat-int8"), "--compute", "0", "--trained-in", "SG"])
        #expect(
            int8["kind"] as? String == "quantize" && int8["parents"] as? [String] == [chat["digest"] as? String ?? "?"])
        #expect((int8["origin"] as? [String: Any])?["refs"] as? [String] == ["main", "v1.0"])
        let text = try cli.ok("show", "acme/tiny-chat-int8:main")
        #expect(text.contains("origin") && text.contains("huggingface acme/tiny-chat-int8 at commit 3333"))
        #expect(text.contains("taken from the card: kind, parents"))

        // A merge whose card names a base the ledger does not hold: that base is an explicit parent
        // outside the ledger, its compute unknown, so the cumulative figure is a lower bound and a
        // compute rule is undetermined (a warn), never clear.
        let merge = try artifact(cli, ["register", snapshot("acme/tiny-merge")])
        #expect(merge["kind"] as? String == "merge", "\(merge)")
        #expect(merge["parents"] as? [String] == [chat["digest"] as? String ?? "?"])
        #expect(merge["externalParents"] as? [String] == ["other/not-in-the-ledger"])
        let cumulative = merge["cumulativeCompute"] as? [String: Any]
        #expect(cumulative?["complete"] as? Bool == false)
        #expect(cumulative?["unknownExternalParents"] as? [String] == ["other/not-in-the-ledger"])
        let shownMerge = try cli.ok("show", "acme/tiny-merge:main")
        #expect(shownMerge.contains("other/not-in-the-ledger (outside the ledger)"), "\(shownMerge)")
        #expect(try cli.ok("lineage", "acme/tiny-merge:main").contains("other/not-in-the-ledger  outside the ledger"))
        let checked = try cli.run("check", "acme/tiny-merge:main", "--to", "CN", "--on", "2026-11-25", "--json")
        #expect(checked.status == 1, "a warn needs a person: \(checked.stderr)")
        let check = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let figure = check["cumulativeCompute"] as? [String: Any]
        #expect(figure?["complete"] as? Bool == false)
        #expect(figure?["unknownExternalParents"] as? [String] == ["other/not-in-the-ledger"])
        let findings = check["findings"] as? [[String: Any]] ?? []
        let undetermined = findings.filter { ($0["explanation"] as? String ?? "").contains("other/not-in-the-ledger") }
        #expect(!undetermined.isEmpty && undetermined.allSatisfy { $0["severity"] as? String == "warn" }, "\(findings)")

        // Once the base is known, a correction names it and the parent outside the ledger goes.
        let other = try artifact(
            cli,
            [
                "register", cli.directory.write("other.bin", [9, 9, 9]), "--name", "other/not-in-the-ledger:v1",
                "--trained-in", "US", "--compute", "1e20",
            ])
        _ = try cli.ok(
            "correct", "acme/tiny-merge:main", "--parent", "acme/tiny-chat:main", "--parent",
            "other/not-in-the-ledger:v1", "--compute", "1e18", "--reason", "the other base is registered now")
        let corrected = try #require(try cli.json("show", "acme/tiny-merge:main") as? [String: Any])
        #expect((corrected["externalParents"] as? [String])?.isEmpty == true)
        #expect((corrected["parents"] as? [String])?.contains(other["digest"] as? String ?? "?") == true)
        #expect((corrected["cumulativeCompute"] as? [String: Any])?["complete"] as? Bool == true)

        // --no-card: the card is not read, and the facts are the flags' alone.
        let folder = cli.directory.file("carded")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("---\nbase_model: other/elsewhere\nbase_model_relation: finetune\n---\n".utf8).write(
            to: URL(fileURLWithPath: folder + "/README.md"))
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder + "/weights.bin"))
        let plain = try artifact(
            cli, ["register", folder, "--no-card", "--kind", "pretrain", "--compute", "1e20", "--trained-in", "US"])
        #expect(plain["card"] is NSNull && (plain["parents"] as? [String])?.isEmpty == true)
        #expect((plain["externalParents"] as? [String])?.isEmpty == true)

        // Each snapshot answers to its alias, by commit or by a ref recorded with it.
        for alias in [
            "hf:acme/tiny-base", "hf:acme/tiny-base@" + String(repeating: "1", count: 40), "hf:acme/tiny-base@main",
        ] {
            let shown = try #require(try cli.json("show", alias) as? [String: Any], "\(alias)")
            #expect(shown["digest"] as? String == base["digest"] as? String, "\(alias)")
        }
        #expect(
            (try cli.json("show", "hf:acme/tiny-chat-int8@v1.0") as? [String: Any])?["kind"] as? String == "quantize")
        let unknown = try cli.run("show", "hf:acme/tiny-base@v9")
        #expect(unknown.status == 2 && unknown.stderr.contains("hf:acme/tiny-base@v9"), "\(unknown.stderr)")
        #expect(try cli.run("show", "hf:not a repo").status == 2)
        let lineage = try cli.ok("lineage", "hf:acme/tiny-chat-int8")
        #expect(lineage.contains("acme/tiny-base:main") && lineage.contains("acme/tiny-chat:main"))

        // The links were followed and that is recorded: verify and two audits are clean.
        #expect(try cli.run("verify").status == 0)
        for run in 1...2 {
            let audit = try cli.run("audit", "--rehash", "all", "--on", "2026-11-25")
            #expect(audit.status == 0, "audit \(run): \(audit.stdout) \(audit.stderr)")
        }
    }

    /// Weights whose bytes no longer hash to their blob's name: a damaged cache is refused.
    @Test func aDamagedBlobIsRefused() throws {
        let cli = try CLI()
        let snapshot = try Self.cache(cli)("acme/tiny-base")
        let blob = try FileManager.default.destinationOfSymbolicLink(atPath: snapshot + "/model.safetensors")
        let target = URL(fileURLWithPath: snapshot).appendingPathComponent(blob).standardizedFileURL.path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: target)))
        bytes[bytes.count - 1] ^= 0xff
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        let refused = try cli.run("register", snapshot)
        #expect(refused.status == 2 && refused.stderr.contains("damaged or altered cache"), "\(refused.stderr)")
    }

    /// `register --server` sends the origin and card; the server names the base by `org/name`,
    /// checks what a client sends (a bad commit is 422, nothing written), and records both.
    @Test func overTheServerTheOriginAndCardAreRecorded() throws {
        let cli = try CLI()
        let snapshot = try Self.cache(cli)
        _ = try cli.ok("register", snapshot("acme/tiny-base"), "--trained-in", "US", "--compute", "1e22")
        let registrar = try ServerAPITests.token(cli, "registrar", "cluster-a")
        let tokenFile = try cli.directory.write("registrar.token", Array((registrar + "\n").utf8))
        let server = try LiveServer(cli: cli)
        let sent = try cli.run(
            "register", snapshot("acme/tiny-chat"), "--server", server.base, "--token-file", tokenFile, "--trained-in",
            "SG", "--compute", "1e21", "--json")
        #expect(sent.status == 0, "\(sent.stderr)")
        let shown = try #require(try cli.json("show", "acme/tiny-chat:main") as? [String: Any])
        #expect((shown["origin"] as? [String: Any])?["revision"] as? String == String(repeating: "2", count: 40))
        #expect((shown["card"] as? [String: Any])?["used"] as? [String] == ["kind", "parents"])
        #expect(shown["kind"] as? String == "finetune" && (shown["parents"] as? [String])?.count == 1)
        // Event counts, not file bytes: the running server may checkpoint its write-ahead log.
        let before = (try cli.json("verify") as? [String: Any])?["events"] as? Int
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let body = """
            {"digest": "\(digest)", "form": "file", "sizeBytes": 4,
             "files": [{"path": "m.bin", "size": 4, "sha256": "\(digest)"}], "names": ["acme/x:v1"],
             "origin": {"hub": "huggingface", "repository": "acme/x", "revision": "main", "refs": []}}
            """
        let bad = try ServerTests.curl([
            "-H", "Authorization: Bearer \(registrar)", "-d", body, "\(server.base)/api/v1/artifacts",
        ])
        #expect(bad.status == 422 && bad.body.contains("origin.revision"), "\(bad.body)")
        let after = (try cli.json("verify") as? [String: Any])?["events"] as? Int
        #expect(before != nil && after == before)
    }
}
