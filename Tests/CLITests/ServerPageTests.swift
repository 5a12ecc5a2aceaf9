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
