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
            "register", try cli.model("frontier.safetensors", seed: 1), "--name", "acme/frontier:v1", "--compute", "3e26",
            "--trained-in", "US", "--published", "https://example.org/frontier", "--published-on", "2025-06-01")
        let before = try cli.run(
            "check", "acme/frontier:v1", "--to", "CN", "--on", "2025-03-01", "--policy", "us-bis-ai-diffusion-2025", "--json")
        #expect(before.status == 1, "closed on that date: a license is required")
        #expect(try Self.codes(before.stdout) == ["eccn-4e091", "license-required-presumption-of-denial"])
        let after = try cli.run(
            "check", "acme/frontier:v1", "--to", "CN", "--on", "2025-07-01", "--policy", "us-bis-ai-diffusion-2025", "--json")
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
