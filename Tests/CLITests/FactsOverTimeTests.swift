import Foundation
import TestSupport
import Testing

/// Facts as dated events through the binary (issue 12): corrections, withdrawals, organisations,
/// `show --on`/`--history`, and the refusals that leave the ledger unchanged.
@Suite struct FactsOverTimeTests {
    /// Two 5e25 and 6e25 US pretrains by the fixture developer, a 1e24 fine-tune of the first, and
    /// an open model published on 2025-06-01: eight events.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.addDeveloper()
        let developer = ["--trained-in", "US", "--developer", CLI.developer]
        _ = try cli.ok(
            ["register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "5e25"]
                + developer)
        _ = try cli.ok(
            ["register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1", "--compute", "6e25"]
                + developer)
        _ = try cli.ok(
            [
                "register", try cli.model("f.safetensors", seed: 3), "--name", "acme/f:v1", "--parent", "acme/a:v1",
                "--compute", "1e24",
            ] + developer)
        _ = try cli.ok(
            [
                "register", try cli.model("o.safetensors", seed: 4), "--name", "acme/o:v1", "--compute", "3e26",
                "--published", "https://example.org/o", "--published-on", "2025-06-01",
            ] + developer)
        return cli
    }

    static let bisIndia = ["--to", "IN", "--on", "2026-11-25", "--policy", "us-bis-ai-diffusion-2025"]

    @Test func aParentAddedByCorrectionCountsFromThenOn() throws {
        let cli = try Self.prepared()
        // 5.1e25 in all: below 1e26, nothing to license.
        #expect(try cli.run(["check", "acme/f:v1"] + Self.bisIndia).status == 0)
        let corrected = try #require(
            try cli.json(
                "correct", "acme/f:v1", "--add-parent", "acme/b:v1", "--kind", "merge", "--reason",
                "the merge input was forgotten") as? [String: Any])
        #expect(corrected["event"] as? Int == 9)
        let changes = try #require(corrected["changes"] as? [[String: Any]])
        #expect(Set(changes.compactMap { $0["field"] as? String }) == ["kind", "parents"])
        let kind = try #require(changes.first { $0["field"] as? String == "kind" })
        #expect(kind["from"] as? String == "finetune" && kind["to"] as? String == "merge")
        // 1.11e26 with the added parent: a 4E091 item that needs a license for India.
        let after = try cli.run(["check", "acme/f:v1", "--json"] + Self.bisIndia)
        #expect(after.status == 1)
        #expect(after.stdout.contains("license-required"))
        // The event keeps the reason and the actor; the registration is untouched.
        let row = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT actor, type FROM events WHERE seq = 9"]
        ).stdout
        #expect(row.trimmingCharacters(in: .whitespacesAndNewlines) == "ci@test|artifact.corrected")
        let history = try #require(try cli.json("show", "acme/f:v1", "--history") as? [String: Any])
        let entries = try #require(history["history"] as? [[String: Any]])
        #expect(entries.map { $0["type"] as? String } == ["artifact.registered", "artifact.corrected"])
        #expect(entries[1]["reason"] as? String == "the merge input was forgotten")
        #expect(history["correctedSeq"] as? Int == 9)
        #expect((history["parents"] as? [String])?.count == 2)
        #expect(try cli.run("verify").status == 0)
        // Re-registering the bytes with the old facts is refused and points at `correct`.
        let again = try cli.run(
            "register", cli.directory.file("f.safetensors"), "--parent", "acme/a:v1", "--compute", "1e24")
        #expect(again.status == 2 && again.stderr.contains("weightledger correct"))
    }

    @Test func aWithdrawnPublicationClosesTheWeightsFromThatDay() throws {
        let cli = try Self.prepared()
        let china = ["check", "acme/o:v1", "--to", "CN", "--policy", "us-bis-ai-diffusion-2025", "--on"]
        #expect(try cli.run(china + ["2025-05-31"]).status == 1)
        #expect(try cli.run(china + ["2025-07-01"]).status == 0)
        _ = try cli.ok("unpublish", "acme/o:v1", "--on", "2025-09-01", "--reason", "taken down after a dispute")
        #expect(try cli.run(china + ["2025-08-31"]).status == 0)
        #expect(try cli.run(china + ["2025-09-01"]).status == 1)
        // Published again later: open again from that day.
        _ = try cli.ok("publish", "acme/o:v1", "--url", "https://example.org/o2", "--on", "2026-01-01")
        #expect(try cli.run(china + ["2026-01-02"]).status == 0)
        let shown = try #require(try cli.json("show", "acme/o:v1", "--on", "2025-10-01") as? [String: Any])
        #expect(shown["published"] is NSNull && shown["asOf"] as? String == "2025-10-01")
        let publications = try #require(shown["publications"] as? [[String: Any]])
        #expect(publications.map { $0["withdrawn"] as? Bool } == [false, true, false])
        let text = try cli.ok("show", "acme/o:v1", "--on", "2025-07-01", "--history")
        #expect(text.contains("https://example.org/o since 2025-06-01 on 2025-07-01"))
        #expect(text.contains("publication withdrawn from 2025-09-01: taken down after a dispute"))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func theExporterDecidesLicenseExceptionAIA() throws {
        let cli = try Self.prepared()
        _ = try cli.ok("org", "add", "Dragon AI", "--hq", "CN")
        _ = try cli.ok("org", "add", "Acme EU", "--hq", "DE", "--parent-org", "Dragon AI")
        _ = try cli.ok("correct", "acme/a:v1", "--compute", "3e26", "--reason", "the declared figure was a typo")
        let germany = ["check", "acme/a:v1", "--to", "DE", "--policy", "us-bis-ai-diffusion-2025", "--json"]
        let byDeveloper = try cli.run(germany)
        func codes(_ text: String) throws -> [String] { PolicyCLITests.codes(try PolicyCLITests.object(text)) }
        let developerCodes = try codes(byDeveloper.stdout)
        #expect(byDeveloper.status == 0 && developerCodes == ["eccn-4e091", "no-license-tier1-aia"])
        #expect(try PolicyCLITests.object(byDeveloper.stdout)["exporterIsDeveloper"] as? Bool == true)
        let byChina = try cli.run(germany + ["--exporter", "Dragon AI"])
        let chinaCodes = try codes(byChina.stdout)
        #expect(byChina.status == 1 && chinaCodes == ["eccn-4e091", "license-required-no-aia"])
        #expect(try PolicyCLITests.object(byChina.stdout)["exporter"] as? String == "Dragon AI")
        let byOwned = try cli.run(germany + ["--exporter", "Acme EU"])
        let ownedCodes = try codes(byOwned.stdout)
        #expect(byOwned.status == 1 && ownedCodes == ["eccn-4e091", "license-required-no-aia"])
        // A deployment records its exporter and is re-evaluated with it by flags.
        let deployed = try cli.run("deploy", "acme/a:v1", "--to", "DE", "--exporter", "Dragon AI", "--on", "2026-11-20")
        #expect(deployed.status == 1)
        let exporter = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT exporter FROM deployments"]).stdout
        #expect(exporter.trimmingCharacters(in: .whitespacesAndNewlines) == "Dragon AI")
        let flags = try cli.run("flags", "--on", "2026-11-25", "--policy", "us-bis-ai-diffusion-2025")
        #expect(flags.status == 1 && flags.stdout.contains("license-required-no-aia"))
        // An organisation that moved its headquarters: facts as of each date.
        _ = try cli.ok("org", "set", "Dragon AI", "--hq", "GB", "--on", "2027-01-01")
        let later = try cli.run(germany + ["--exporter", "Dragon AI", "--on", "2027-02-01"])
        #expect(later.status == 0 && later.stdout.contains("no-license-tier1-aia"))
    }

    typealias Refusal = BadInputTests.Case

    static let refusals: [Refusal] = [
        Refusal(
            name: "correct: no field", arguments: ["correct", "acme/f:v1", "--reason", "x"], stderrMentions: "give"),
        Refusal(
            name: "correct: no reason", arguments: ["correct", "acme/f:v1", "--site", "Berlin"],
            stderrMentions: "--reason"),
        Refusal(
            name: "correct: blank reason", arguments: ["correct", "acme/f:v1", "--site", "Berlin", "--reason", "  "],
            stderrMentions: "--reason"),
        Refusal(
            name: "correct: the same value",
            arguments: ["correct", "acme/f:v1", "--trained-in", "US", "--reason", "x"],
            stderrMentions: "nothing to correct"),
        Refusal(
            name: "correct: a loop",
            arguments: [
                "correct", "acme/a:v1", "--add-parent", "acme/f:v1", "--kind",
                "finetune", "--reason", "x",
            ],
            stderrMentions: "cannot loop"),
        Refusal(
            name: "correct: pretrain with a parent",
            arguments: ["correct", "acme/a:v1", "--add-parent", "acme/b:v1", "--reason", "x"],
            stderrMentions: "pretrain"),
        Refusal(
            name: "correct: unknown developer",
            arguments: ["correct", "acme/f:v1", "--developer", "Nobody Inc", "--reason", "x"],
            stderrMentions: "org add"),
        Refusal(
            name: "correct: removing a parent it does not have",
            arguments: ["correct", "acme/f:v1", "--remove-parent", "acme/b:v1", "--reason", "x"],
            stderrMentions: "not a parent"),
        Refusal(
            name: "correct: a control character in the reason",
            arguments: ["correct", "acme/f:v1", "--site", "B", "--reason", "a\u{1B}[31mred"],
            stderrMentions: "control character"),
        Refusal(
            name: "unpublish: not published then",
            arguments: ["unpublish", "acme/o:v1", "--on", "2025-05-01", "--reason", "x"],
            stderrMentions: "not published on 2025-05-01"),
        Refusal(
            name: "unpublish: closed weights",
            arguments: ["unpublish", "acme/a:v1", "--on", "2026-01-01", "--reason", "x"],
            stderrMentions: "no publication"),
        Refusal(
            name: "org add: taken", arguments: ["org", "add", CLI.developer, "--hq", "US"],
            stderrMentions: "already in the ledger"),
        Refusal(
            name: "org add: unknown parent", arguments: ["org", "add", "Sub", "--hq", "US", "--parent-org", "Ghost"],
            stderrMentions: "no organisation 'Ghost'"),
        Refusal(name: "org add: bad country", arguments: ["org", "add", "Sub", "--hq", "XX"], stderrMentions: "--hq"),
        Refusal(
            name: "org add: revenue without a year",
            arguments: ["org", "add", "Sub", "--hq", "US", "--revenue-usd", "5"],
            stderrMentions: "--revenue-year"),
        Refusal(
            name: "org set: a move without its day", arguments: ["org", "set", CLI.developer, "--hq", "GB"],
            stderrMentions: "--on"),
        Refusal(
            name: "org set: unknown",
            arguments: ["org", "set", "Ghost", "--revenue-usd", "5", "--revenue-year", "2025"],
            stderrMentions: "no organisation 'Ghost'"),
        Refusal(
            name: "register: unknown developer",
            arguments: ["register", "new.safetensors", "--developer", "Ghost"], stderrMentions: "org add"),
        Refusal(
            name: "check: unknown exporter", arguments: ["check", "acme/a:v1", "--to", "DE", "--exporter", "Ghost"],
            stderrMentions: "no organisation 'Ghost'"),
        Refusal(
            name: "deploy: unknown exporter", arguments: ["deploy", "acme/a:v1", "--to", "DE", "--exporter", "Ghost"],
            stderrMentions: "no organisation 'Ghost'"),
        Refusal(
            name: "show: bad date", arguments: ["show", "acme/a:v1", "--on", "2025-02-30"], stderrMentions: "--on"),
    ]

    @Test(arguments: refusals)
    func badFactsAreRefusedAndChangeNothing(_ refusal: Refusal) throws {
        let cli = try Self.prepared()
        _ = try cli.model("new.safetensors", seed: 99)
        try BadInputTests.expectRefused(refusal, in: cli, events: 8)
    }
}
