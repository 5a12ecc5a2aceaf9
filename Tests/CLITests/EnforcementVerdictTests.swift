import Foundation
import TestSupport
import Testing

/// Verdicts that say what is enforced (issue 12): what the rule's text requires, and whether the
/// rule is enforced on the date; `--enforced-only` gates the exit code on enforced rules alone.
@Suite struct EnforcementVerdictTests {
    static func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", try cli.model("frontier.safetensors", seed: 1), "--name", "acme/frontier:v1", "--compute",
            "3e26", "--trained-in", "US", "--developer", CLI.developer)
        return cli
    }

    @Test func aSuspendedRuleSaysWhatItRequiresAndThatItIsNotEnforced() throws {
        let cli = try Self.prepared()
        let bis = [
            "check", "acme/frontier:v1", "--to", "IN", "--on", "2026-12-02", "--policy", "us-bis-ai-diffusion-2025",
        ]
        let text = try cli.run(bis)
        #expect(text.status == 1)
        let verdict =
            "LICENSE REQUIRED by the rule's text — the rule is NOT ENFORCED on 2026-12-02 "
            + "(enforcement suspended since 2025-05-13)"
        #expect(text.stdout.contains(verdict), "\(text.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.run(bis + ["--json"]).stdout.utf8)) as? [String: Any])
        #expect(json["licenseRequired"] as? Bool == true && json["licenseRequiredEnforced"] as? Bool == false)
        // Gated on enforced rules alone, the suspended rule's license is not an exit 1.
        #expect(try cli.run(bis + ["--enforced-only"]).status == 0)
    }

    @Test func anEnforcedObligationStillGatesTheExitCode() throws {
        let cli = try Self.prepared()
        // EU AI Act Art. 52 notification, fines since 2026-08-02: enforced on 2026-12-02.
        let eu = ["check", "acme/frontier:v1", "--to", "DE", "--on", "2026-12-02", "--policy", "eu-ai-act-gpai"]
        #expect(try cli.run(eu).status == 1)
        #expect(try cli.run(eu + ["--enforced-only"]).status == 1)
        // Before the fines start the same finding is not enforced: --enforced-only lets it pass.
        let early = ["check", "acme/frontier:v1", "--to", "DE", "--on", "2026-01-10", "--policy", "eu-ai-act-gpai"]
        #expect(try cli.run(early).status == 1)
        #expect(try cli.run(early + ["--enforced-only"]).status == 0)
    }
}

/// `deploy --strict --enforced-only`: refused only for a license an enforced rule requires.
@Suite struct StrictEnforcedOnlyTests {
    @Test func aSuspendedRulesLicenseDoesNotRefuseAnEnforcedOnlyStrictDeployment() throws {
        let cli = try EnforcementVerdictTests.prepared()
        let strict = ["deploy", "acme/frontier:v1", "--to", "CN", "--on", "2026-12-02", "--strict"]
        let refused = try cli.run(strict)
        #expect(refused.status == 1 && refused.stderr.contains("refused (--strict)"))
        let recorded = try cli.run(strict + ["--enforced-only", "--json"])
        #expect(recorded.status == 0, "the BIS rule is not enforced on 2026-12-02: \(recorded.stderr)")
        let types = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT type FROM events ORDER BY seq"]).stdout
        #expect(types.split(separator: "\n").last == "deployment.recorded")
        #expect(types.split(separator: "\n").filter { $0 == "deployment.recorded" }.count == 1)
    }
}
