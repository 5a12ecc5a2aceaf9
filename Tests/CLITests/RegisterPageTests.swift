import Foundation
import TestSupport
import Testing

/// The pages for the ledger as a whole (flags, deployments, licences), the review's PDF link and
/// its sign-off form, against a live server; then each page kind in headless Chromium.
@Suite struct RegisterPageTests {
    /// The two-model ledger of `ServerPageTests`, two deployments of the fine-tune and a licence.
    static func ledger() throws -> (CLI, reviewer: String, registrar: String) {
        let (cli, reviewer, registrar) = try ServerPageTests.ledger()
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-<b>7</b>", "--artifact", "acme/frontier:chat",
            "--to", "DE", "--valid-from", "2026-01-01", "--valid-until", "2026-06-30")
        // Recorded either way; exit 1 says a finding needs a person.
        for arguments in [
            ["deploy", "acme/frontier:chat", "--to", "DE", "--on", "2026-03-01", "--recipient", "Berlin lab"],
            ["deploy", "acme/frontier:chat", "--to", "IN", "--on", "2026-11-25"],
        ] {
            let result = try cli.run(arguments)
            guard [0, 1].contains(result.status) else { throw CLI.Failure("deploy: \(result.stderr)") }
        }
        return (cli, reviewer, registrar)
    }

    static func signIn(_ server: LiveServer, _ token: String, jar: String) throws {
        _ = try ServerTests.curl(["-c", jar, "--data-urlencode", "token=\(token)", "\(server.base)/login"])
    }

    @Test func flagsDeploymentsLicencesAndTheSignOff() throws {
        let (cli, reviewer, registrar) = try Self.ledger()
        let server = try LiveServer(cli: cli)
        let jar = cli.directory.file("jar")
        try Self.signIn(server, reviewer, jar: jar)
        func get(_ path: String) throws -> ServerTests.Reply { try ServerTests.curl(["-b", jar, server.base + path]) }

        let flags = try get("/flags?severity=block&on=2026-11-25")
        #expect(flags.status == 200 && flags.body.contains("<h1>Flags on 2026-11-25</h1>"))
        #expect(flags.body.contains("deployment (event") && flags.body.contains("India"))
        #expect(!flags.body.contains("<td><span class=\"info\">"), "only block findings")
        let india = try get("/flags?to=DE&on=2026-11-25&all=1")
        #expect(india.status == 200 && !india.body.contains("to India"), "only deployments to Germany")
        let badSeverity = try get("/flags?severity=fatal")
        #expect(badSeverity.status == 422 && badSeverity.body.contains("block, warn or info"))

        let deployments = try get("/deployments?to=DE")
        #expect(
            deployments.status == 200 && deployments.body.contains("Berlin lab") && !deployments.body.contains("India"))
        let all = try get("/deployments")
        #expect(all.body.contains("Berlin lab") && all.body.contains("India (IN)"))
        #expect(
            all.body.range(of: "India (IN)")!.lowerBound < all.body.range(of: "Berlin lab")!.lowerBound, "newest first")
        #expect(try get("/deployments?before=abc").status == 422)

        let licences = try get("/licenses")
        #expect(licences.status == 200 && licences.body.contains("BIS/L-&lt;b&gt;7&lt;/b&gt;"), "escaped")
        #expect(licences.body.contains("acme/frontier:chat") && licences.body.contains("not valid"), "expired in June")

        // The review page links its PDF and ends with the sign-off form bound to the report's digest.
        let path = "/artifacts/acme/frontier:chat/review?to=CN&on=2026-11-25"
        let review = try get(path)
        #expect(review.status == 200 && review.body.contains("format=pdf") && review.body.contains("Record approval"))
        let digest = try #require(
            review.body.range(of: #"name="reportDigest" value="(sha256:[0-9a-f]{64})""#, options: .regularExpression)
                .map { String(review.body[$0].dropFirst(27).dropLast()) })
        let pdf = try Subprocess.run(
            "/usr/bin/curl",
            ["-s", "-D", "-", "-o", cli.directory.file("r.pdf"), "-b", jar, server.base + path + "&format=pdf"])
        #expect(pdf.stdout.lowercased().contains("content-type: application/pdf"))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: cli.directory.file("r.pdf"))).starts(with: Data("%PDF-".utf8)))

        let events = try cli.json("verify") as? [String: Any]
        let before = events?["events"] as? Int ?? -1
        func submit(_ fields: [String]) throws -> ServerTests.Reply {
            try ServerTests.curl(
                ["-D", "-", "-b", jar, "-H", "Content-Type: application/x-www-form-urlencoded"]
                    + fields.flatMap { ["--data-urlencode", $0] }
                    + ["\(server.base)/artifacts/acme%2Ffrontier%3Achat/approvals"])
        }
        // A report digest that is not this report's: refused as a page, nothing written.
        let stale = try submit([
            "to=CN", "on=2026-11-25", "by=Dana Legal", "reportDigest=sha256:" + String(repeating: "0", count: 64),
        ])
        #expect(stale.status == 409 && stale.body.contains("review it again"))
        #expect((try cli.json("verify") as? [String: Any])?["events"] as? Int == before)
        // A registrar may not sign off.
        let registrarJar = cli.directory.file("jar2")
        try Self.signIn(server, registrar, jar: registrarJar)
        let refused = try ServerTests.curl([
            "-b", registrarJar, "-H", "Content-Type: application/x-www-form-urlencoded", "--data-urlencode", "to=CN",
            "--data-urlencode", "by=Eve", "\(server.base)/artifacts/acme%2Ffrontier%3Achat/approvals",
        ])
        #expect(refused.status == 403)
        // The reviewer's sign-off: one event, back to the review, which shows that it holds.
        let signed = try submit(["to=CN", "on=2026-11-25", "by=Dana Legal", "note=<i>ok</i>", "reportDigest=" + digest])
        #expect(
            signed.status == 303 && signed.body.contains("/review?to=CN&on=2026-11-25&approved="),
            "\(signed.status) \(signed.body.prefix(3000))")
        #expect((try cli.json("verify") as? [String: Any])?["events"] as? Int == before + 1)
        let after = try get(path)
        #expect(after.body.contains("approved by Dana Legal") && after.body.contains("for this report"))
        #expect(!after.body.contains("<i>ok</i>"))
    }

    @Test(.enabled(if: ServerPageTests.browserAvailable, "needs Debian's chromium (.ci/run installs it)"))
    func eachPageKindInChromium() throws {
        let (cli, reviewer, _) = try Self.ledger()
        let server = try LiveServer(cli: cli)
        let folder = ProcessInfo.processInfo.environment["WEIGHTLEDGER_SCREENSHOTS"] ?? cli.directory.path
        let pages: [(file: String, path: String, expected: [String])] = [
            ("page-flags.png", "/flags?on=2026-11-25", ["Flags on 2026-11-25", "India", "Deployments to"]),
            ("page-deployments.png", "/deployments", ["Berlin lab", "India (IN)", "Unresolved findings"]),
            ("page-licences.png", "/licenses", ["BIS/L-<b>7</b>", "not valid", "acme/frontier:chat"]),
            (
                "page-review.png", "/artifacts/acme/frontier:chat/review?to=CN&on=2026-11-25",
                ["Verdict", "PDF", "Sign off", "acme/frontier:base"]
            ),
            ("page-artifact.png", "/artifacts/acme/frontier:base?to=CN&on=2026-11-25", ["Verdict for China"]),
        ]
        for page in pages {
            let result = try Subprocess.run(
                "/usr/bin/env",
                [
                    "python3", ServerPageTests.root.appendingPathComponent("scripts/browser-check.py").path,
                    server.base, page.path, reviewer,
                    URL(fileURLWithPath: folder).appendingPathComponent(page.file).path,
                ])
            #expect(result.status == 0, "\(page.path): \(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let text = json?["text"] as? String ?? ""
            for expected in page.expected { #expect(text.contains(expected), "\(page.path) lacks \(expected)") }
            #expect((json?["overflowing"] as? [String])?.isEmpty == true, "\(page.path): text leaves a node")
        }
    }
}
