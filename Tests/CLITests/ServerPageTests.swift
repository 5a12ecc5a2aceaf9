import Foundation
import TestSupport
import Testing

/// The review pages: sign-in, cookies, redirects, and a real browser rendering the artifact page.
@Suite struct ServerPageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A base model over the threshold and a fine-tune of it, both trained in the US.
    static func ledger() throws -> (CLI, reviewer: String, registrar: String) {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/frontier:base", "--compute", "3e26",
            "--trained-in", "US")
        _ = try cli.ok(
            "register", try cli.model("tuned.safetensors", seed: 2), "--name", "acme/frontier:chat", "--parent",
            "acme/frontier:base",
            "--compute", "1e24", "--trained-in", "US")
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let registrar = try ServerAPITests.token(cli, "registrar", "cluster-a")
        return (cli, reviewer, registrar)
    }

    @Test func pagesNeedASessionFromTheLoginForm() throws {
        let (cli, reviewer, registrar) = try Self.ledger()
        let server = try LiveServer(cli: cli)
        // No session: a redirect to the form, which remembers where to go.
        let redirect = try ServerTests.curl(["-D", "-", "-o", "/dev/null", "\(server.base)/artifacts?q=frontier"])
        #expect(
            redirect.body.contains("303") && redirect.body.contains("Location: /login?next=/artifacts%3Fq%3Dfrontier"),
            "\(redirect.body)")
        #expect(try ServerTests.curl(["\(server.base)/login"]).body.contains("name=\"token\""))
        // A wrong token: the form again, 401, no cookie.
        let wrong = try ServerTests.curl(["-D", "-", "-d", "token=wlt_nope&next=/artifacts", "\(server.base)/login"])
        #expect(wrong.status == 401 && !wrong.body.lowercased().contains("set-cookie"))
        // The right one: an HttpOnly, SameSite=Strict cookie and a redirect to a local page only.
        let jar = cli.directory.file("jar")
        let signed = try ServerTests.curl([
            "-D", "-", "-c", jar, "--data-urlencode", "token=\(reviewer)", "--data-urlencode",
            "next=https://evil.example/",
            "\(server.base)/login",
        ])
        #expect(signed.status == 303 && signed.body.contains("Location: /artifacts\r"), "\(signed.body)")
        let cookie =
            signed.body.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") }.map(String.init)
            ?? ""
        #expect(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/")
                && !cookie.contains(reviewer))
        let search = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts?q=frontier"])
        #expect(
            search.status == 200 && search.body.contains("acme/frontier:chat")
                && search.body.contains("acme/frontier:base"))
        #expect(!search.body.contains("<script"), "the pages work without JavaScript")
        let review = try ServerTests.curl([
            "-b", jar, "\(server.base)/artifacts/acme%2Ffrontier%3Achat/review?to=CN&on=2026-11-25",
        ])
        #expect(review.status == 200 && review.body.contains("<html") && review.body.contains("China"))
        let missing = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts/acme%2Fnope%3Av1"])
        #expect(missing.status == 404 && missing.body.contains("Not found"))
        // A registrar may read pages but not the review.
        let registrarJar = cli.directory.file("jar2")
        _ = try ServerTests.curl(["-c", registrarJar, "--data-urlencode", "token=\(registrar)", "\(server.base)/login"])
        #expect(
            try ServerTests.curl(["-b", registrarJar, "\(server.base)/artifacts/acme%2Ffrontier%3Achat/review"]).status
                == 403)
        // Revoking the token ends its sessions.
        _ = try cli.ok("token", "revoke", "legal-1")
        let after = try ServerTests.curl(["-D", "-", "-o", "/dev/null", "-b", jar, "\(server.base)/artifacts"])
        #expect(after.body.contains("303"))
        // Signing out clears the cookie.
        let out = try ServerTests.curl(["-D", "-", "-X", "POST", "-b", registrarJar, "\(server.base)/logout"])
        #expect(out.body.contains("Max-Age=0"))
    }

    static var browserAvailable: Bool {
        ProcessInfo.processInfo.environment["WEIGHTLEDGER_REQUIRE_BROWSER"] == "1"
            || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains {
                FileManager.default.isExecutableFile(atPath: $0)
            }
    }

    /// Headless Chromium signs in through the form and renders the artifact page with a check.
    @Test(.enabled(if: browserAvailable, "needs Debian's chromium (.ci/run installs it)"))
    func chromiumRendersTheArtifactPage() throws {
        let (cli, reviewer, _) = try Self.ledger()
        let server = try LiveServer(cli: cli)
        let screenshot = cli.directory.file("artifact.png")
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", Self.root.appendingPathComponent("scripts/browser-check.py").path, server.base,
                "/artifacts/acme%2Ffrontier%3Achat?to=CN&on=2026-11-25", reviewer, screenshot,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let text = page["text"] as? String ?? ""
        #expect(page["redirectedTo"] as? String == "/login", "the browser was sent to sign in first")
        #expect(page["title"] as? String == "acme/frontier:chat — WeightLedger")
        for expected in [
            "signed in as legal-1", "acme/frontier:chat", "acme/frontier:base", "finetune · US",
            "Verdict for China (CN) on 2026-11-25", "Enforced on 2026-11-25", "Findings, most severe first",
            "us-bis-ai-diffusion-2025", "block",
        ] {
            #expect(text.contains(expected), "rendered text lacks \(expected): \(text.prefix(600))")
        }
        #expect(page["svgNodes"] as? Int == 2)
        #expect((page["findingNodes"] as? [String])?.contains("blocking finding") == true)
        #expect(page["cookieVisibleToScripts"] as? String == "", "the session cookie is HttpOnly")
        let shot = page["screenshot"] as? [String: Any]
        #expect(
            (shot?["colours"] as? Int ?? 0) > 20 && (shot?["inkShare"] as? Double ?? 0) > 0.02,
            "screenshot is not blank: \(shot ?? [:])")
        #expect((try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0 > 10_000)
    }
}

/// The artifact page of a 24-model family in a real browser: the graph laid out by Graphviz.
@Suite struct LineageGraphBrowserTests {
    /// A base over the threshold and 23 descendants (fine-tunes, merges, a chain), one with a long name.
    static func family(_ cli: CLI) throws -> [String] {
        var names = ["acme/frontier-1:base"]
        _ = try cli.ok(
            "register", try cli.model("m0.safetensors", seed: 100), "--name", names[0], "--compute", "3e26",
            "--trained-in", "US")
        func add(_ name: String, _ parents: [String], kind: String) throws {
            var arguments = [
                "register", try cli.model("m\(names.count).safetensors", seed: 100 + UInt64(names.count)), "--name",
                name,
                "--kind", kind, "--compute", "1e24", "--trained-in", "US",
            ]
            for parent in parents { arguments += ["--parent", parent] }
            _ = try cli.ok(arguments)
            names.append(name)
        }
        for branch in ["chat", "code", "math"] { try add("acme/frontier-1-\(branch):v1", [names[0]], kind: "finetune") }
        try add(
            "acme/frontier-1-chat-code:merged-instruct-2026-11-with-a-long-name", [names[1], names[2]], kind: "merge")
        try add("acme/frontier-1-all:merged", [names[4], names[3]], kind: "merge")
        for step in 1...8 { try add("acme/frontier-1-all:step-\(step)", [names.last!], kind: "finetune") }
        for index in 1...10 { try add("acme/frontier-1-q\(index):int8", [names[index]], kind: "quantize") }
        return names
    }

    @Test(.enabled(if: ServerPageTests.browserAvailable, "needs Debian's chromium (.ci/run installs it)"))
    func descendantsAreColouredForTheDestinationAndNoTextOverflows() throws {
        let cli = try CLI()
        let names = try Self.family(cli)
        #expect(names.count == 24)
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli)
        let screenshot =
            ProcessInfo.processInfo.environment["WEIGHTLEDGER_SCREENSHOTS"].map {
                URL(fileURLWithPath: $0).appendingPathComponent("artifact-family-CN.png").path
            } ?? cli.directory.file("family.png")
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", ServerPageTests.root.appendingPathComponent("scripts/browser-check.py").path, server.base,
                "/artifacts/acme/frontier-1:base?to=CN&on=2026-11-25", reviewer, screenshot,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(page["nodes"] as? [[String: Any]])
        let byName = Dictionary(nodes.map { ($0["name"] as? String ?? "", $0) }) { first, _ in first }
        #expect(Set(byName.keys) == Set(names), "every member drawn once under its full name")
        // Every descendant is above 10^26 with its base and bound for China: each is blocking.
        for name in names {
            #expect(byName[name]?["finding"] as? String == "blocking finding", "\(name): \(byName[name] ?? [:])")
        }
        #expect((page["overflowing"] as? [String])?.isEmpty == true, "text leaves its box: \(page["overflowing"]!)")
        // A merge sits below all its parents; a child below its parent.
        func top(_ name: String) -> Double { byName[name]?["top"] as? Double ?? .nan }
        func bottom(_ name: String) -> Double { top(name) + (byName[name]?["height"] as? Double ?? .nan) }
        #expect(top(names[4]) > bottom(names[1]) && top(names[4]) > bottom(names[2]))
        #expect(top(names[5]) > bottom(names[4]) && top(names[5]) > bottom(names[3]))
        #expect(top(names[6]) > bottom(names[5]))
        // The long name is cut in the node but whole in the table beside the graph.
        let text = page["text"] as? String ?? ""
        #expect(text.contains(names[4]) && text.contains("24 artifacts drawn."))
        let width = page["pageWidth"] as? Int ?? 0
        #expect(width > 0)
        print("family page: \(width) px wide, \(nodes.count) nodes")
    }
}
