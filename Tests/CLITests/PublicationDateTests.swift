import Foundation
import TestSupport
import Testing

/// Published means published on the evaluation date: the check a compliance officer runs first
/// (issue 12). Weights published on 2025-06-01 were closed on 2025-03-01.
@Suite struct PublicationDateTests {
    static func codes(_ json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return ((object["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted()
    }

    @Test func aModelPublishedLaterIsControlledBeforeItsPublication() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("frontier.safetensors", seed: 1), "--name", "acme/frontier:v1", "--compute",
            "3e26",
            "--trained-in", "US", "--published", "https://example.org/frontier", "--published-on", "2025-06-01")
        let before = try cli.run(
            "check", "acme/frontier:v1", "--to", "CN", "--on", "2025-03-01", "--policy", "us-bis-ai-diffusion-2025",
            "--json")
        #expect(before.status == 1, "closed on that date: a license is required")
        #expect(try Self.codes(before.stdout) == ["eccn-4e091", "license-required-presumption-of-denial"])
        let after = try cli.run(
            "check", "acme/frontier:v1", "--to", "CN", "--on", "2025-07-01", "--policy", "us-bis-ai-diffusion-2025",
            "--json")
        #expect(after.status == 0)
        #expect(try Self.codes(after.stdout) == ["not-controlled-published"])

        // A deployment recorded for a date before the publication keeps its finding in `flags`
        // today: each deployment is evaluated as of its own date.
        let deployed = try cli.run("deploy", "acme/frontier:v1", "--to", "CN", "--on", "2025-03-01")
        #expect(deployed.status == 1)
        let flags = try cli.run("flags", "--on", "2026-11-25", "--policy", "us-bis-ai-diffusion-2025", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(flags.stdout.utf8)) as? [String: Any])
        let findings = (object["findings"] as? [[String: Any]]) ?? []
        let onDeployment = findings.filter { $0["deployment"] is NSNumber }.compactMap { $0["code"] as? String }
        let onArtifact = findings.filter { $0["deployment"] is NSNull }.compactMap { $0["code"] as? String }
        #expect(onDeployment == ["license-required-presumption-of-denial"], "\(findings)")
        #expect(onArtifact == ["not-controlled-published"], "published by 2026-11-25: \(findings)")
        #expect(flags.status == 1)
    }
}

/// `weightledger publish`: weights opened after their registration, recorded as a dated event.
@Suite struct PublishTests {
    @Test func publishingLaterOpensTheWeightsFromThatDayOn() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("frontier.safetensors", seed: 1), "--name", "acme/frontier:v1", "--compute",
            "3e26",
            "--trained-in", "US")
        let check = ["check", "acme/frontier:v1", "--to", "CN", "--policy", "us-bis-ai-diffusion-2025", "--json"]
        #expect(try cli.run(check + ["--on", "2026-07-01"]).status == 1, "closed: a license is required")
        let published = try cli.run(
            "publish", "acme/frontier:v1", "--url", "https://example.org/frontier", "--on", "2026-06-01", "--json")
        #expect(published.status == 0, "\(published.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any])
        #expect(view["url"] as? String == "https://example.org/frontier" && view["date"] as? String == "2026-06-01")
        #expect(view["event"] as? Int == 3)
        // Closed before the day, published from it on.
        let before = try cli.run(check + ["--on", "2026-05-31"])
        let beforeCodes = try PublicationDateTests.codes(before.stdout)
        #expect(before.status == 1 && beforeCodes.contains("license-required-presumption-of-denial"))
        let after = try cli.run(check + ["--on", "2026-06-01"])
        let afterCodes = try PublicationDateTests.codes(after.stdout)
        #expect(after.status == 0 && afterCodes == ["not-controlled-published"])
        // `show` has the publication; the event is in the log and `verify` replays it.
        let shown = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.ok("show", "acme/frontier:v1", "--json").utf8))
                as? [String: Any])
        let publication = try #require(shown["published"] as? [String: Any])
        #expect(
            publication["url"] as? String == "https://example.org/frontier"
                && publication["date"] as? String == "2026-06-01")
        let types = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT type FROM events ORDER BY seq"]).stdout
        #expect(types.split(separator: "\n") == ["ledger.created", "artifact.registered", "artifact.published"])
        #expect(try cli.run("verify").status == 0)
        // Re-registering the bytes with the same publication repeats a fact: accepted.
        #expect(
            try cli.run(
                "register", cli.directory.file("frontier.safetensors"), "--published", "https://example.org/frontier",
                "--published-on", "2026-06-01"
            ).status == 0)
    }

    /// Bad publications, as `BadInputTests` states bad input: arguments and what stderr names.
    typealias Refusal = BadInputTests.Case

    static let refusals: [Refusal] = [
        Refusal(
            name: "published twice",
            arguments: ["publish", "acme/open:v1", "--url", "https://x.org/o", "--on", "2026-01-01"],
            stderrMentions: "already published"),
        Refusal(
            name: "unknown artifact",
            arguments: ["publish", "acme/nope:v1", "--url", "https://x.org/o", "--on", "2026-01-01"],
            stderrMentions: "no artifact"),
        Refusal(
            name: "not an http URL",
            arguments: ["publish", "acme/closed:v1", "--url", "ftp://x.org/o", "--on", "2026-01-01"],
            stderrMentions: "--url"),
        Refusal(
            name: "not a date",
            arguments: ["publish", "acme/closed:v1", "--url", "https://x.org/o", "--on", "2026-02-30"],
            stderrMentions: "--on"),
        Refusal(
            name: "no date", arguments: ["publish", "acme/closed:v1", "--url", "https://x.org/o"],
            stderrMentions: "--on"),
    ]

    @Test(arguments: refusals)
    func badPublicationsAreRefusedAndChangeNothing(_ refusal: Refusal) throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("closed.safetensors", seed: 1), "--name", "acme/closed:v1", "--compute", "1e20")
        _ = try cli.ok(
            "register", try cli.model("open.safetensors", seed: 2), "--name", "acme/open:v1", "--compute", "1e20",
            "--published", "https://x.org/o", "--published-on", "2025-01-01")
        try BadInputTests.expectRefused(refusal, in: cli, events: 3)
    }
}
