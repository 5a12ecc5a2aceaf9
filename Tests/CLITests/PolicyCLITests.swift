import Foundation
import LedgerCore
import LedgerRender
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TestSupport
import Testing

/// check, deploy, license, flags, review and policy through the binary, as users and cron jobs run them.
@Suite struct PolicyCLITests {
    /// A closed 3e26 pretrain trained in the US, its 4-bit copy, and a published 4e25 open model.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", try cli.model("frontier.safetensors", seed: 1), "--name", "acme/frontier:v1", "--compute",
            "3e26", "--trained-in", "US", "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("frontier-int4.safetensors", seed: 2), "--name", "acme/frontier:int4", "--kind",
            "quantize", "--parent", "acme/frontier:v1", "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("open.safetensors", seed: 3), "--name", "open/atlas:v1", "--compute", "4e25",
            "--published", "https://example.org/atlas")
        return cli
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func codes(_ json: [String: Any]) -> [String] {
        ((json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted()
    }

    struct CheckCase: Sendable, CustomTestStringConvertible {
        let reference: String
        let destination: String
        let exit: Int32
        let licenseRequired: Bool
        let bisCodes: [String]
        var testDescription: String { "\(reference) → \(destination)" }
    }

    /// POLICY-BRIEF's worked examples through the CLI, BIS pack only.
    static let checkCases: [CheckCase] = [
        CheckCase(
            reference: "acme/frontier:v1", destination: "DE", exit: 0, licenseRequired: false,
            bisCodes: ["eccn-4e091", "no-license-tier1-aia"]),
        CheckCase(
            reference: "acme/frontier:v1", destination: "IN", exit: 1, licenseRequired: true,
            bisCodes: ["eccn-4e091", "license-required"]),
        CheckCase(
            reference: "acme/frontier:v1", destination: "CN", exit: 1, licenseRequired: true,
            bisCodes: ["eccn-4e091", "license-required-presumption-of-denial"]),
        CheckCase(
            reference: "acme/frontier:int4", destination: "IN", exit: 1, licenseRequired: true,
            bisCodes: ["eccn-4e091", "license-required"]),
        CheckCase(reference: "open/atlas:v1", destination: "CN", exit: 0, licenseRequired: false, bisCodes: []),
    ]

    @Test(arguments: checkCases)
    func checkFollowsTheWorkedExamples(_ testCase: CheckCase) throws {
        let cli = try Self.prepared()
        let result = try cli.run([
            "check", testCase.reference, "--to", testCase.destination, "--on", "2026-11-25",
            "--policy", "us-bis-ai-diffusion-2025", "--json",
        ])
        #expect(result.status == testCase.exit, "stderr: \(result.stderr)")
        let json = try Self.object(result.stdout)
        #expect(json["licenseRequired"] as? Bool == testCase.licenseRequired)
        #expect(json["destination"] as? String == testCase.destination)
        #expect(json["date"] as? String == "2026-11-25")
        #expect((json["artifact"] as? String)?.hasPrefix("sha256:") == true)
        #expect(Self.codes(json) == testCase.bisCodes)
        let cumulative = try #require(json["cumulativeCompute"] as? [String: Any])
        #expect(cumulative["complete"] as? Bool == true)
        #expect(cumulative["operations"] is Double || cumulative["operations"] is Int)
        for finding in (json["findings"] as? [[String: Any]]) ?? [] {
            for key in ["code", "severity", "pack", "rule", "explanation", "citation"] {
                #expect(finding[key] is String, "\(key)")
            }
            #expect(finding["enforced"] as? Bool == false, "BIS enforcement is suspended since 2025-05-13")
            #expect((finding["explanation"] as? String)?.contains("enforcement-suspended") == true)
        }
        let packs = try #require(json["packs"] as? [[String: Any]])
        #expect(packs.count == 1)
        #expect(packs.first?["id"] as? String == "us-bis-ai-diffusion-2025")
        #expect((packs.first?["digest"] as? String)?.hasPrefix("sha256:") == true)
        #expect(packs.first?["status"] as? String == "enforcement-suspended")
    }

    @Test func everyPackIsEvaluatedByDefaultAndNotificationsExitOne() throws {
        let cli = try Self.prepared()
        let result = try cli.run(["check", "acme/frontier:v1", "--to", "FR", "--on", "2026-11-25", "--json"])
        #expect(result.status == 1, "EU systemic-risk notification needs a person")
        let json = try Self.object(result.stdout)
        #expect(json["licenseRequired"] as? Bool == false)
        #expect(Self.codes(json).contains("systemic-risk-notification"))
        let ids = ((json["packs"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(ids == ["eu-ai-act-gpai", "us-bis-ai-diffusion-2025", "us-ca-sb53", "us-eo-14110", "us-ny-raise-act"])
        // Before the BIS rule took effect, and with EO 14110 in force: a report, no license.
        let before = try Self.object(
            try cli.run(["check", "acme/frontier:v1", "--to", "IN", "--on", "2025-01-12", "--json"]).stdout)
        #expect(Self.codes(before) == ["eo-14110-report"])
        #expect(before["licenseRequired"] as? Bool == false)
    }

    @Test func strictDeploymentIsRefusedAndWritesNothing() throws {
        let cli = try Self.prepared()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let result = try cli.run(["deploy", "acme/frontier:int4", "--to", "CN", "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("refused (--strict)") && result.stderr.contains("nothing was recorded"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
        // Tier 1 passes --strict and is recorded.
        #expect(
            try cli.run([
                "deploy", "acme/frontier:int4", "--to", "JP", "--strict", "--policy", "us-bis-ai-diffusion-2025",
                "--exporter", CLI.developer,
            ]).status == 0)
    }

    @Test func deploymentRecordsFindingsAndPackDigestsAndALicenseResolvesThem() throws {
        let cli = try Self.prepared()
        let deployed = try cli.run([
            "deploy", "acme/frontier:int4", "--to", "IN", "--recipient", "Example Ltd", "--on", "2026-11-20", "--json",
        ])
        #expect(deployed.status == 1, "a block finding was raised: \(deployed.stderr)")
        let view = try Self.object(deployed.stdout)
        #expect(view["status"] as? String == "recorded")
        let seq = try #require(view["event"] as? Int)

        let ledger = try SQLiteLedger.open(path: cli.ledger, mode: .existing)
        let event = try #require(try ledger.read { try $0.events(Int64(seq)...Int64(seq)) }.first)
        try ledger.close()
        #expect(event.type == "deployment.recorded")
        let payload = try Self.object(event.payload)
        let evaluation = try #require(payload["evaluation"] as? [String: Any])
        let packs = try #require(evaluation["packs"] as? [[String: Any]])
        #expect(packs.count == 5)
        for pack in packs {
            #expect(pack["id"] is String && pack["version"] is String)
            #expect((pack["digest"] as? String)?.count == 71)
        }
        let findings = try #require(evaluation["findings"] as? [[String: Any]])
        #expect(
            findings.contains { $0["code"] as? String == "license-required" && $0["severity"] as? String == "block" })

        // Flags: the deployment's block finding needs a person.
        let flags = try cli.run(["flags", "--on", "2026-11-25", "--json"])
        #expect(flags.status == 1)
        let flagged = try Self.object(flags.stdout)
        let open = ((flagged["findings"] as? [[String: Any]]) ?? []).filter {
            $0["code"] as? String == "license-required"
        }
        #expect(open.count == 1)
        #expect(open.first?["deployment"] as? Int == seq)
        #expect(open.first?["resolvedBy"] is NSNull)

        // A license valid only from after the deployment does not cover it.
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-2", "--artifact", "acme/frontier:int4", "--to", "IN",
            "--valid-from", "2026-11-21")
        #expect(try cli.run(["flags", "--on", "2026-11-25"]).status == 1)
        // One valid on the day resolves it, for flags and for check.
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-1", "--artifact", "acme/frontier:int4", "--to", "IN",
            "IN",
            "--valid-from", "2026-01-01", "--valid-until", "2027-12-31")
        let after = try cli.run(["flags", "--on", "2026-11-25", "--json"])
        #expect(after.status == 0, "\(after.stdout)")
        let resolved = ((try Self.object(after.stdout)["findings"] as? [[String: Any]]) ?? []).filter {
            $0["code"] as? String == "license-required"
        }
        #expect(resolved.first?["resolvedBy"] as? String == "BIS/L-1")
        let check = try cli.run([
            "check", "acme/frontier:int4", "--to", "IN", "--on", "2026-11-20", "--policy", "us-bis-ai-diffusion-2025",
            "--json",
        ])
        #expect(check.status == 0)
        let checked = try Self.object(check.stdout)
        #expect(checked["licenseRequired"] as? Bool == true)
        #expect(checked["licensed"] as? Bool == true)
        // The license names the int4 bytes only: the full-precision weights still need their own.
        #expect(
            try cli.run(["check", "acme/frontier:v1", "--to", "IN", "--policy", "us-bis-ai-diffusion-2025"]).status == 1
        )
        // Deploying under the license is recorded with it, exit 0.
        let licensed = try Self.object(
            try cli.ok(
                "deploy", "acme/frontier:int4", "--to", "IN", "--license", "L-1", "--on", "2026-11-22",
                "--policy", "us-bis-ai-diffusion-2025", "--json"))
        #expect(licensed["license"] as? String == "BIS/L-1")
        // A license that does not cover the destination is refused, nothing written.
        let wrong = try cli.run(["deploy", "acme/frontier:int4", "--to", "BR", "--license", "BIS/L-1"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("does not cover"))
    }

    @Test func reviewShowsLineageOutcomesDeploymentsLicensesAndDigests() throws {
        let cli = try Self.prepared()
        _ = try cli.run(["deploy", "acme/frontier:int4", "--to", "IN", "--recipient", "Example Ltd"])
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-9", "--artifact", "acme/frontier:int4", "--to", "IN")
        let digest = try #require(
            try Self.object(try cli.ok("policy", "show", "us-bis-ai-diffusion-2025", "--json"))["digest"] as? String)
        let text = try cli.ok("review", "acme/frontier:int4", "--to", "CN")
        for expected in [
            "acme/frontier:int4", "acme/frontier:v1", "quantize", "pretrain", "US (United States)", "3 × 10^26",
            "license-required-presumption-of-denial", "NOT enforced", "Example Ltd", "BIS/L-9", digest, "citation:",
        ] {
            #expect(text.contains(expected), "text review lacks \(expected)")
        }
        let html = try cli.ok("review", "acme/frontier:int4", "--to", "CN", "--format", "html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        for expected in ["acme/frontier:v1", "not enforced", digest, "BIS/L-9", "Example Ltd"] {
            #expect(html.contains(expected), "\(expected)")
        }
        let markdown = try cli.ok("review", "acme/frontier:int4", "--format", "md")
        #expect(markdown.contains("## Lineage") && markdown.contains("## Packs used") && markdown.contains(digest))
        let json = try Self.object(try cli.ok("review", "acme/frontier:int4", "--to", "CN", "--format", "json"))
        #expect((json["lineage"] as? [Any])?.count == 2)
        #expect((json["deployments"] as? [Any])?.count == 1)
        #expect((json["licenses"] as? [Any])?.count == 1)
        #expect(((json["check"] as? [String: Any])?["licenseRequired"]) as? Bool == true)
    }

    @Test func organisationPacksOverrideAndBadPacksAreRefused() throws {
        let cli = try Self.prepared()
        let packs = cli.directory.file("packs")
        try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: true)
        // Legal raises the threshold in its own copy of the BIS pack.
        let builtin = try Self.object(try cli.ok("policy", "show", "us-bis-ai-diffusion-2025", "--json"))
        var document = try #require(builtin["document"] as? [String: Any])
        var parameters = try #require(document["parameters"] as? [String: Any])
        var threshold = try #require(parameters["controlThreshold"] as? [String: Any])
        threshold["value"] = 1e27
        parameters["controlThreshold"] = threshold
        document["parameters"] = parameters
        document["version"] = "2026.11.25-acme"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: packs + "/bis.json"))
        let list = try cli.ok("policy", "list", "--policy-dir", packs)
        #expect(list.contains("2026.11.25-acme") && list.contains(packs + "/bis.json"))
        let overridden = try cli.run(
            ["check", "acme/frontier:v1", "--to", "IN", "--policy", "us-bis-ai-diffusion-2025", "--json"],
            environment: ["WEIGHTLEDGER_POLICY_DIR": packs])
        #expect(overridden.status == 0)
        let pack = ((try Self.object(overridden.stdout)["packs"] as? [[String: Any]]) ?? []).first
        #expect(pack?["version"] as? String == "2026.11.25-acme")
        #expect(pack?["digest"] as? String != builtin["digest"] as? String)

        // A bad pack: exit 2, one line naming the file, the JSON path and what was expected.
        try Data(
            #"{"format": 1, "id": "acme-bad", "version": "1", "title": "t", "jurisdiction": "x", "scope": "s", "citations": {}, "timeline": [{"date": "2026-01-01", "status": "effective"}], "rules": [{"id": "r", "title": "t", "citation": "c", "when": {"compute": {"measure": "total", "op": ">", "value": 1}}, "outcome": {"code": "c", "severity": "warn", "requires": "none", "explanation": "x"}}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: packs + "/bad.json"))
        let bad = try cli.run(["check", "acme/frontier:v1", "--to", "IN", "--policy-dir", packs])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(
            bad.stderr.contains(packs + "/bad.json") && bad.stderr.contains("$.rules[0].when.compute.measure")
                && bad.stderr.contains("expected one of"))
        try FileManager.default.removeItem(atPath: packs + "/bad.json")
        // Two files with one id.
        try FileManager.default.copyItem(atPath: packs + "/bis.json", toPath: packs + "/bis-copy.json")
        let duplicate = try cli.run(["policy", "list", "--policy-dir", packs])
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains("already used"))
    }

    @Test func policyListAndShow() throws {
        let cli = try CLI()
        let list = try cli.ok("policy", "list", "--on", "2026-11-25")
        for id in ["us-bis-ai-diffusion-2025", "eu-ai-act-gpai", "us-eo-14110", "us-ca-sb53"] {
            #expect(list.contains(id))
        }
        #expect(list.contains("rescinded"))
        let show = try cli.ok("policy", "show", "us-bis-ai-diffusion-2025")
        for expected in [
            "2025-01-13", "2025-05-13", "enforcement-suspended", "controlComparison = >=", "MO", "KH until 2026-02-03",
            "4e091-tier3", "sha256:", "15 CFR 734.7(a)",
        ] {
            #expect(show.contains(expected), "policy show lacks \(expected)")
        }
        #expect(try cli.run(["policy", "show", "nope"]).status == 2)
    }

    /// `flags --json` is written without JSONEncoder for speed; it must be the same document.
    @Test func flagsJSONIsTheEncodedFlagsView() throws {
        let cli = try Self.prepared()
        _ = try cli.run(["deploy", "acme/frontier:int4", "--to", "IN", "--on", "2026-11-20"])
        _ = try cli.run(["deploy", "open/atlas:v1", "--to", "CN", "--on", "2026-11-20"])
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-1", "--artifact", "acme/frontier:int4", "--to", "IN")
        let packs = cli.directory.file("packs")
        try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: true)
        // Quotes, backslashes, control characters and non-ASCII text in an explanation.
        try Data(
            #"{"format": 1, "id": "acme-escapes", "version": "1", "title": "t", "jurisdiction": "x", "scope": "s", "citations": {"c": {"text": "Mémo «interne» \"2026\""}}, "timeline": [{"date": "2026-01-01", "status": "effective"}], "rules": [{"id": "r", "title": "t", "citation": "c", "when": {"kind": ["quantize"]}, "outcome": {"code": "c", "severity": "warn", "requires": "review", "explanation": "say \"hi\" \\ back\nnew\ttab \u0001 é {artifact}"}}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: packs + "/escapes.json"))
        let context = AppContext(location: try cli.location, actor: "t")
        let report = try Flags(context: context, library: PolicyLibrary.load(directory: packs)).run(
            date: try LedgerDate("2026-11-25"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let expected = try JSONSerialization.jsonObject(with: try encoder.encode(FlagsView(report))) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: Data(try FlagsJSON.bytes(report))) as? NSDictionary
        #expect(expected != nil && written == expected)
        #expect(
            report.entries.contains { $0.finding.finding.explanation.contains("say \"hi\" \\ back\nnew\ttab \u{1}") })
        // And the CLI prints that document.
        let cliOutput = try cli.run(["flags", "--on", "2026-11-25", "--json", "--policy-dir", packs])
        let viaCLI = try JSONSerialization.jsonObject(with: Data(cliOutput.stdout.utf8)) as? NSDictionary
        #expect(viaCLI == written)
    }
}
