import Foundation
import TestSupport
import Testing

/// A ledger made by WeightLedger 0.3.0 (scripts/make-v030-fixture.sh) opens, migrates, verifies and
/// evaluates as 0.3.0 did for every case that involves none of the facts added since (issue 12).
@Suite struct CompatibilityTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A copy of the 0.3.0 ledger in a fresh directory (opening it migrates it).
    static func copied() throws -> CLI {
        let cli = try CLI()
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("ledger-0.3.0.db"), to: URL(fileURLWithPath: cli.ledger))
        return cli
    }

    @Test(CLI.fileFeature) func aLedgerOf030VerifiesAndEvaluatesAsBefore() throws {
        let cli = try Self.copied()
        let verified = try cli.run("verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let cases = try String(
            contentsOf: Self.fixtures.appendingPathComponent("ledger-0.3.0-checks.txt"), encoding: .utf8
        )
        .split(separator: "\n")
        #expect(cases.count == 11)
        for line in cases {
            let words = line.split(separator: " ").map(String.init)
            let result = try cli.run(
                "check", words[0], "--to", words[1], "--on", words[2], "--policy", words[3], "--json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let codes = ((json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted()
            #expect((codes.isEmpty ? "-" : codes.joined(separator: ",")) == words[4], "\(line)")
        }
        // The deployment 0.3.0 recorded is licensed by the license it recorded.
        #expect(try cli.run("flags", "--on", "2026-11-25", "--policy", "us-bis-ai-diffusion-2025").status == 0)
    }

    @Test(CLI.fileFeature) func publicationsOf030AreDatedFactsAfterTheMigration() throws {
        let cli = try Self.copied()
        func shown(_ ref: String, on day: String) throws -> [String: Any] {
            try #require(try cli.json("show", ref, "--on", day) as? [String: Any])
        }
        // Published at registration with a day: closed before it, published from it on.
        #expect(try shown("acme/late:v1", on: "2025-05-31")["published"] is NSNull)
        let late = try #require(try shown("acme/late:v1", on: "2025-06-01")["published"] as? [String: Any])
        #expect(late["url"] as? String == "https://example.org/late")
        let history = try #require(try shown("acme/late:v1", on: "2025-06-01")["publications"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["from"] as? String == "2025-06-01")
        #expect(history[0]["seq"] as? Int == (try shown("acme/late:v1", on: "2025-06-01")["registeredSeq"] as? Int))
        // New facts recorded on the migrated ledger verify too.
        _ = try cli.ok("unpublish", "acme/late:v1", "--on", "2026-01-01", "--reason", "licence withdrawn")
        _ = try cli.ok("correct", "acme/frontier:v1", "--site", "Council Bluffs", "--reason", "site was not recorded")
        #expect(try cli.run("verify").status == 0)
        let check = try cli.run(
            "check", "acme/late:v1", "--to", "CN", "--on", "2026-02-01", "--policy", "us-bis-ai-diffusion-2025")
        #expect(check.status == 1 && check.stdout.contains("license-required-presumption-of-denial"))
    }
}
