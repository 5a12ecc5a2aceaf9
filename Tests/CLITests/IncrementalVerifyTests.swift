import Foundation
import TestSupport
import Testing

/// `verify --since-checkpoint` and `audit --since-checkpoint` (issue 17): from the tree the last
/// clean audit verified, re-reading only the events after it, and still catching tampering.
@Suite struct IncrementalVerifyTests {
    func verify(_ cli: CLI, _ extra: String...) throws -> (status: Int32, json: [String: Any], stderr: String) {
        let result = try cli.run(["verify", "--json"] + extra)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
        return (result.status, json, result.stderr)
    }

    /// The prepared ledger, audited, then two more registrations.
    static func audited() throws -> (cli: CLI, treeSize: Int) {
        let cli = try LogCLITests.prepared()
        let audit = try cli.run("audit", "--rehash", "none", "--json")
        #expect(audit.status <= 1, "\(audit.stderr)")
        let treeSize = try #require(
            ((try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])?["log"]
                as? [String: Any])?["treeSize"] as? Int)
        for seed in [7, 8] as [UInt64] {
            _ = try cli.ok(
                "register", try cli.model("late\(seed).safetensors", seed: seed), "--name", "acme/late:v\(seed)",
                "--parent", "acme/b:v1", "--compute", "1e23")
        }
        return (cli, treeSize)
    }

    @Test func withoutAnAuditItIsAFullRun() throws {
        let cli = try LogCLITests.prepared()
        let run = try verify(cli, "--since-checkpoint")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json["sinceCheckpoint"] is NSNull)
        #expect((run.json["tablesCompared"] as? [String])?.isEmpty == false)
    }

    @Test func startsFromTheAuditedTreeAndAgreesWithAFullRun() throws {
        let (cli, treeSize) = try Self.audited()
        let full = try verify(cli)
        let since = try verify(cli, "--since-checkpoint")
        #expect(full.status == 0 && since.status == 0, "\(full.stderr) \(since.stderr)")
        let start = try #require(since.json["sinceCheckpoint"] as? [String: Any])
        #expect(start["size"] as? Int == treeSize)
        #expect(since.json["events"] as? Int == full.json["events"] as? Int)
        #expect(since.json["root"] as? String == full.json["root"] as? String)
        #expect((since.json["tablesCompared"] as? [String]) == [])
        let text = try cli.ok("verify", "--since-checkpoint")
        #expect(text.contains("events after \(treeSize) re-read"), "\(text)")
        // The outside checkpoint (size 5, inside the verified tree) is still checked.
        let outside = try cli.run([
            "verify", "--since-checkpoint", "--checkpoint", cli.directory.file("cp.txt"), "--public-key",
            cli.directory.file("k.pem.pub"),
        ])
        #expect(outside.status == 0, "\(outside.stderr)")
        // An audit can start from the same place (over HTTP too), and the next one from it.
        let audit = try cli.run("audit", "--rehash", "none", "--since-checkpoint")
        #expect(audit.status <= 1, "\(audit.stderr)")
        #expect(audit.stdout.contains("(after the \(treeSize) the audit at event"), "\(audit.stdout)")
        #expect(try verify(cli, "--since-checkpoint").status == 0)
        let auditor = try ServerAPITests.token(cli, "auditor", "nightly")
        let server = try LiveServer(cli: cli)
        let remote = try server.call(
            auditor, ["-X", "POST", "-d", #"{"sinceCheckpoint": true}"#, "\(server.base)/api/v1/audits"])
        #expect(remote.status == 201, "\(remote.body)")
        let log = try #require(remote.json["log"] as? [String: Any])
        #expect((log["sinceCheckpoint"] as? [String: Any])?["size"] as? Int ?? 0 > treeSize, "\(remote.body)")
        #expect((log["problems"] as? [String]) == [])
    }

    @Test(CLI.fileOnly) func aRewrittenSubtreeBeforeTheAuditedTreeIsCaught() throws {
        let (cli, _) = try Self.audited()
        try cli.sqlite("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 0;")
        let run = try verify(cli, "--since-checkpoint")
        #expect(run.status == 3)
        #expect((run.json["problems"] as? [String])?.first?.contains("no longer hashes to the root") == true)
    }

    /// The file's schema is still checked (a dropped append-only trigger), only the page-by-page
    /// scans are left to a full run.
    @Test(CLI.fileOnly) func aDroppedTriggerIsCaught() throws {
        let (cli, _) = try Self.audited()
        try cli.sqlite("DROP TRIGGER events_refuse_delete;")
        let run = try verify(cli, "--since-checkpoint")
        #expect(run.status == 3)
        #expect((run.json["problems"] as? [String])?.first?.contains("events_refuse_delete") == true, "\(run.json)")
    }

    @Test(CLI.fileOnly) func aChangedEventAfterTheAuditedTreeIsCaught() throws {
        let (cli, treeSize) = try Self.audited()
        try cli.sqlite(
            "DROP TRIGGER events_refuse_update; UPDATE events SET payload = replace(payload, '1e+23', '2e+23') "
                + "WHERE seq = \(treeSize + 2);")
        let run = try verify(cli, "--since-checkpoint")
        #expect(run.status == 3)
        #expect(
            (run.json["problems"] as? [String])?.first?.contains("event \(treeSize + 2): its payload") == true,
            "\(run.json) \(run.stderr)")
        // A deleted last event too: the stored tree covers more than the log.
        let (other, _) = try Self.audited()
        try other.sqlite(
            "DROP TRIGGER events_refuse_delete; DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events);")
        let deleted = try verify(other, "--since-checkpoint")
        #expect(deleted.status == 3)
        #expect((deleted.json["problems"] as? [String])?.first?.contains("events deleted") == true, "\(deleted.json)")
    }
}
