import Foundation
import TestSupport
import Testing

/// Issue 14, "reports come from the log": `review` reads the events behind every fact it states,
/// proves each in the Merkle tree and refuses (exit 3, naming the problem) when a table says
/// something its events do not. Its JSON carries the proofs, which an independent RFC 6962
/// verifier (scripts/verify-report.py, Python's hashlib, none of our code) checks against a
/// checkpoint taken outside the ledger. On 0.3.0 an edited compute still gave a clean verdict.
@Suite struct ReportEvidenceTests {
    /// A base model, a fine-tune of it by an organisation, a publication, a correction, a license,
    /// a deployment, an audit and a checkpoint: every kind of event a review rests on.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3e26",
            "--trained-in", "US", "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("tune.safetensors", seed: 2), "--name", "acme/tune:v1", "--parent",
            "acme/base:v1", "--kind", "finetune", "--compute", "1e24", "--trained-in", "US", "--developer",
            CLI.developer)
        _ = try cli.ok("correct", "acme/tune:v1", "--site", "cluster-b", "--reason", "the run moved")
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "D-1", "--artifact", "acme/tune:v1", "--to", "DE")
        _ = try cli.run("deploy", "acme/tune:v1", "--to", "DE", "--license", "BIS/D-1", "--on", "2026-11-01")
        _ = try cli.run("audit", "--rehash", "none")
        _ = try cli.ok("log", "checkpoint")
        return cli
    }

    func review(_ cli: CLI, _ extra: String...) throws -> ProcessResult {
        try cli.run(["review", "acme/tune:v1", "--to", "CN", "--on", "2026-12-01"] + extra)
    }

    @Test func everyFormatNamesTheLogItWasBuiltFrom() throws {
        let cli = try Self.prepared()
        let json = try review(cli, "--format", "json")
        #expect(json.status <= 1, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let log = try #require(object["log"] as? [String: Any])
        let root = try #require(log["rootHash"] as? String)
        let size = try #require(log["treeSize"] as? Int)
        let id = try #require(log["ledgerID"] as? String)
        #expect(root.count == 64 && size > 10 && !id.isEmpty)
        let types = Set(((log["events"] as? [[String: Any]]) ?? []).compactMap { $0["type"] as? String })
        for type in [
            "ledger.created", "artifact.registered", "artifact.corrected", "license.added", "deployment.recorded",
            "organisation.added", "organisation.changed", "audit.completed",
        ] {
            #expect(types.contains(type), "no \(type) among \(types)")
        }
        #expect((log["lastAudit"] as? [String: Any])?["status"] != nil)
        // The checkpoint was the last event: it commits to every event before it.
        #expect((log["checkpoint"] as? [String: Any])?["size"] as? Int == size - 1)
        for format in ["text", "md", "html"] {
            let result = try review(cli, "--format", format)
            #expect(result.status <= 1, "\(format): \(result.stderr)")
            // Markdown escapes punctuation with backslashes; what a reader sees has none.
            let shown = format == "md" ? result.stdout.replacingOccurrences(of: "\\", with: "") : result.stdout
            #expect(shown.contains(id) && shown.contains(root), "\(format) names no ledger id or root")
            #expect(shown.contains("last audit: event"), "\(format) names no audit")
            #expect(shown.contains("latest checkpoint: event"), "\(format) names no checkpoint")
        }
    }

    /// The proofs verify with an independent verifier, against a checkpoint taken after the report
    /// and kept outside the ledger: the same root at the same size.
    @Test func theProofsVerifyAgainstAnOutsideCheckpointWithoutOurCode() throws {
        let cli = try Self.prepared()
        let json = try review(cli, "--format", "json")
        let report = try cli.directory.write("review.json", Array(json.stdout.utf8))
        let note = try cli.ok("log", "checkpoint")
        let checkpoint = try cli.directory.write("checkpoint.note", Array(note.utf8))
        let verified = try Subprocess.run(
            "/usr/bin/env", ["python3", Self.script, report, "--checkpoint", checkpoint])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("0 failure(s)") && !verified.stdout.contains("FAIL"))
        // An event's entry changed (a name) fails the independent check.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        var log = try #require(object["log"] as? [String: Any])
        var events = try #require(log["events"] as? [[String: Any]])
        let index = try #require(events.firstIndex { $0["type"] as? String == "artifact.registered" })
        let entry = try #require(events[index]["entry"] as? String)
        events[index]["entry"] = entry.replacingOccurrences(of: "acme/", with: "acmf/")
        log["events"] = events
        object["log"] = log
        let forged = try cli.directory.write("forged.json", Array(try JSONSerialization.data(withJSONObject: object)))
        let refused = try Subprocess.run("/usr/bin/env", ["python3", Self.script, forged])
        #expect(refused.status == 1 && refused.stdout.contains("FAIL"), "\(refused.stdout)")
    }

    /// Each table edit a person could make with sqlite3: the review refuses with exit 3 and one line
    /// naming what disagrees, and writes nothing.
    @Test(arguments: [
        ("update training_record_rows set compute_operations = 1e22", "compute"),
        ("update training_record_rows set trained_in = 'FR' where kind = 'finetune'", "trained in"),
        ("delete from lineage_edge_rows", "parent"),
        ("update deployments set destination = 'FR'", "deployment"),
        ("update licenses set valid_until = '2099-01-01'", "licenses"),
        ("update organisation_facts set value = 'CN' where fact = 'headquarters'", "organisation"),
        ("update artifact_file_rows set size = size + 1", "files"),
    ])
    func aTableTheEventsDoNotBackIsExitThree(sql: String, named: String) throws {
        let cli = try Self.prepared()
        let clean = try review(cli)
        #expect(clean.status <= 1, "\(clean.stderr)")
        try cli.sqlite(sql)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let result = try review(cli)
        #expect(result.status == 3, "\(sql): \(result.status) \(result.stdout)")
        #expect(result.stderr.contains(named), "\(sql): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
    }

    /// An event rewritten in place (its hash updated too, the table that forbids it bypassed): the
    /// proof no longer leads to the tree's root.
    @Test(CLI.fileOnly) func aRewrittenEventFailsItsProof() throws {
        let cli = try Self.prepared()
        let query = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "select seq, payload from events where type = 'artifact.corrected'"])
        let row = query.stdout.trimmingCharacters(in: .newlines)
        let bar = try #require(row.firstIndex(of: "|"))
        let (seq, payload) = (String(row[..<bar]), String(row[row.index(after: bar)...]))
        let forged = payload.replacingOccurrences(of: "cluster-b", with: "cluster-x")
        #expect(forged != payload && !forged.contains("'"))
        let hash = try Subprocess.run("/bin/sh", ["-c", "printf %s \"$1\" | sha256sum", "sh", forged])
        let hex = String(hash.stdout.prefix(64))
        // The event, its hash and the table agree with each other; only the tree can tell.
        try cli.sqlite(
            """
            drop trigger events_refuse_update;
            update events set payload = '\(forged)', payload_sha256 = '\(hex)' where seq = \(seq);
            update training_record_rows set site = 'cluster-x' where site = 'cluster-b';
            """)
        let result = try review(cli)
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("event \(seq)") && result.stderr.contains("does not verify"), "\(result.stderr)")
    }

    static let script = ServerPageTests.root.appendingPathComponent("scripts/verify-report.py").path
}
