import Foundation
import TestSupport
import Testing

/// Issue 14, sign-off: `approve` records a person's approval bound to the digest of the report
/// they saw; `deploy --require-approval` refuses without one that holds for the report as it
/// stands; `review` shows approvals and says when a later fact, correction or pack change
/// invalidated one. 0.3.0 had no way to record a sign-off.
@Suite struct ApprovalTests {
    /// A 3 × 10^26 base and a fine-tune of it, both trained in the US.
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
        return cli
    }

    static let day = ["--on", "2026-12-01"]

    func review(_ cli: CLI, on day: String = "2026-12-01", _ extra: [String] = []) throws -> [String: Any] {
        let result = try cli.run(["review", "acme/tune:v1", "--to", "IN", "--format", "json", "--on", day] + extra)
        #expect(result.status <= 1, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func events(_ cli: CLI) throws -> String {
        try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "select count(*) from events"]).stdout
    }

    @Test func anApprovalOfTheReportSeenLetsTheDeploymentThrough() throws {
        let cli = try Self.prepared()
        let digest = try #require(try review(cli)["reportDigest"] as? String)
        #expect(digest.hasPrefix("sha256:") && digest.count == 71)
        let approved = try cli.run(
            [
                "approve", "acme/tune:v1", "--to", "IN", "--by", "J. Doe, export control", "--note", "BIS case 7",
                "--report-digest", digest,
            ] + Self.day)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout.contains("approved: acme/tune:v1 to IN by J. Doe, export control"))
        // The same decision on another day, and after an unrelated registration, keeps its digest.
        _ = try cli.ok("register", try cli.model("other.safetensors", seed: 3), "--name", "acme/other:v1")
        let again = try review(cli, on: "2026-12-02")
        #expect(again["reportDigest"] as? String == digest)
        let approvals = try #require(again["approvals"] as? [[String: Any]])
        #expect(approvals.count == 1 && approvals[0]["holds"] as? Bool == true && approvals[0]["by"] as? String != nil)
        let text = try cli.ok(["review", "acme/tune:v1", "--to", "IN"] + Self.day)
        #expect(text.contains("Approval: approved by J. Doe, export control"), "\(text)")
        let before = try events(cli)
        let deployed = try cli.run(["deploy", "acme/tune:v1", "--to", "IN", "--require-approval"] + Self.day)
        #expect(deployed.status <= 1 && !deployed.stderr.contains("refused"), "\(deployed.stderr)")
        #expect(try events(cli) != before, "the approved deployment was not recorded")
    }

    @Test func aLaterCorrectionInvalidatesItAndTheDeploymentIsRefused() throws {
        let cli = try Self.prepared()
        _ = try cli.ok(["approve", "acme/tune:v1", "--to", "IN", "--by", "J. Doe"] + Self.day)
        _ = try cli.ok("correct", "acme/tune:v1", "--compute", "2e24", "--reason", "the run's logs say so")
        let approvals = try #require(try review(cli)["approvals"] as? [[String: Any]])
        #expect(approvals.first?["holds"] as? Bool == false)
        #expect((approvals.first?["explanation"] as? String)?.hasPrefix("INVALIDATED") == true)
        let before = try events(cli)
        let refused = try cli.run(["deploy", "acme/tune:v1", "--to", "IN", "--require-approval"] + Self.day)
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("refused (--require-approval)") && refused.stderr.contains("INVALIDATED"))
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try events(cli) == before)
        // An approval for another destination is no approval for this one.
        _ = try cli.ok(["approve", "acme/tune:v1", "--to", "DE", "--by", "J. Doe"] + Self.day)
        #expect(try cli.run(["deploy", "acme/tune:v1", "--to", "IN", "--require-approval"] + Self.day).status == 1)
    }

    @Test func aChangedPackIsNamed() throws {
        let cli = try Self.prepared()
        _ = try cli.ok(["approve", "acme/tune:v1", "--to", "IN", "--by", "J. Doe"] + Self.day)
        let original = try String(
            contentsOf: ServerPageTests.root.appendingPathComponent("policies/us-bis-ai-diffusion-2025.json"),
            encoding: .utf8)
        let version = try #require(original.range(of: #""version": "[^"]+""#, options: .regularExpression))
        let edited = original.replacingCharacters(in: version, with: #""version": "2099.01.01""#)
        _ = try cli.directory.write("packs/us-bis-ai-diffusion-2025.json", Array(edited.utf8))
        let approvals = try #require(
            try review(cli, ["--policy-dir", cli.directory.file("packs")])["approvals"] as? [[String: Any]])
        let explanation = try #require(approvals.first?["explanation"] as? String)
        #expect(explanation.contains("pack changed: us-bis-ai-diffusion-2025") && explanation.contains("2099.01.01"))
    }

    @Test func aReportThatChangedSinceItWasReadIsNotApproved() throws {
        let cli = try Self.prepared()
        let digest = try #require(try review(cli)["reportDigest"] as? String)
        _ = try cli.ok("correct", "acme/tune:v1", "--site", "elsewhere", "--reason", "moved")
        let before = try events(cli)
        let stale = try cli.run(
            ["approve", "acme/tune:v1", "--to", "IN", "--by", "J. Doe", "--report-digest", digest] + Self.day)
        #expect(stale.status == 2 && stale.stderr.contains("the report changed since it was reviewed"))
        #expect(try events(cli) == before)
        for bad in [
            ["--by", " "], ["--by", "J. Doe", "--report-digest", "sha256:abc"], ["--by", "a\u{1B}[2Jb"],
        ] {
            let result = try cli.run(["approve", "acme/tune:v1", "--to", "IN"] + bad)
            #expect(result.status == 2 && result.stderr.split(separator: "\n").count == 1, "\(bad): \(result.stderr)")
        }
        #expect(try events(cli) == before)
    }

    /// A row in `approvals` that no approval event made is tampering, never an approval.
    @Test(CLI.fileOnly) func aForgedApprovalRowIsNotTrusted() throws {
        let cli = try Self.prepared()
        let digest = try #require(try review(cli)["reportDigest"] as? String)
        let artifact = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "select artifact from names where name = 'acme/tune:v1'"]
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.sqlite(
            "insert into approvals(seq, artifact, destination, approved_by, report_digest, on_date) "
                + "select max(seq), '\(artifact)', 'IN', 'nobody', '\(digest)', '2026-12-01' from events")
        let refused = try cli.run(["deploy", "acme/tune:v1", "--to", "IN", "--require-approval"] + Self.day)
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(try cli.run(["review", "acme/tune:v1", "--to", "IN"] + Self.day).status == 3)
    }
}
