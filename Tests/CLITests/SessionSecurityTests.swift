import Foundation
import TestSupport
import Testing

/// Issue 13 item 11, over real HTTP: forged forms from other origins are refused, the sign-out
/// cookie is Secure under --secure-cookies, failed credentials are rate-limited per client
/// address, and --log-requests never writes a query string. Each failed on 0.3.0.
@Suite struct SessionSecurityTests {
    static func token(_ cli: CLI, _ role: String, _ name: String) throws -> String {
        try cli.ok("token", "create", "--role", role, "--name", name).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// curl with response headers in the body (`-D -`), which the checks below read.
    static func post(_ url: String, _ extra: [String]) throws -> ServerTests.Reply {
        try ServerTests.curl(["-D", "-", "-X", "POST"] + extra + [url])
    }

    @Test func formsFromOtherOriginsAreRefused() throws {
        let cli = try CLI()
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli, extra: ["--allowed-origin", "https://ledger.example"])
        let form = ["-H", "Content-Type: application/x-www-form-urlencoded", "--data-raw", "token=\(reviewer)"]
        let own = "http://" + server.base.dropFirst("http://".count)
        // Another site, another port of this host, an opaque origin, a browser's own cross-site mark.
        for headers in [
            ["Origin: https://evil.example"], ["Origin: http://127.0.0.1:1"], ["Origin: null"],
            ["Sec-Fetch-Site: cross-site", "Origin: \(own)"], ["Sec-Fetch-Site: same-site"],
        ] {
            let reply = try Self.post("\(server.base)/login", form + headers.flatMap { ["-H", $0] })
            #expect(reply.status == 403, "\(headers): \(reply.status)")
            #expect(!reply.body.lowercased().contains("set-cookie"), "no session is planted: \(reply.body)")
            #expect(reply.body.contains("cross-origin request refused"), "\(reply.body)")
        }
        // The server's own pages, the operator's allowed origin, and scripts (no browser headers) sign in.
        for headers in [
            ["Origin: \(own)"], ["Sec-Fetch-Site: same-origin", "Origin: \(own)"], ["Sec-Fetch-Site: none"],
            ["Origin: https://ledger.example"], [],
        ] {
            let reply = try Self.post("\(server.base)/login", form + headers.flatMap { ["-H", $0] })
            #expect(reply.status == 303 && reply.body.contains("wl_session="), "\(headers): \(reply.status)")
        }
        // A forced sign-out from another port leaves the session alive.
        let jar = cli.directory.file("jar")
        _ = try ServerTests.curl(["-c", jar, "-X", "POST"] + form + ["\(server.base)/login"])
        let forced = try Self.post("\(server.base)/logout", ["-b", jar, "-H", "Origin: http://127.0.0.1:1"])
        #expect(forced.status == 403)
        let page = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts"])
        #expect(page.status == 200 && page.body.contains("signed in as legal-1"), "\(page.status)")
        // A bad --allowed-origin is refused at start.
        let bad = try cli.run(["serve", "--port", String(ServerTests.freePort()), "--allowed-origin", "ledger.example"])
        #expect(bad.status == 2 && bad.stderr.contains("--allowed-origin"), "\(bad.stderr)")
    }

    @Test func signOutCookieIsSecureBehindTLS() throws {
        let cli = try CLI()
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli, extra: ["--secure-cookies"])
        let jar = cli.directory.file("jar")
        let signIn = try Self.post(
            "\(server.base)/login",
            ["-c", jar, "--data-raw", "token=\(reviewer)", "-H", "Content-Type: application/x-www-form-urlencoded"])
        #expect(signIn.body.contains("Secure"), "\(signIn.body)")
        let out = try Self.post("\(server.base)/logout", ["-b", jar])
        let cookie =
            out.body.split(separator: "\n").first { $0.lowercased().hasPrefix("set-cookie:") }
            ?? "\(out.status) \(out.body)"
        #expect(cookie.contains("Max-Age=0") && cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")
    }

    @Test func failedCredentialsAreRateLimitedPerAddress() throws {
        let cli = try CLI()
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli, extra: ["--trust-forwarded-for"])
        let api = "\(server.base)/api/v1/artifacts"
        func call(_ token: String, from address: String) throws -> ServerTests.Reply {
            try ServerTests.curl([
                "-D", "-", "-H", "Authorization: Bearer \(token)", "-H", "X-Forwarded-For: 203.0.113.9, \(address)",
                api,
            ])
        }
        // Ten wrong guesses are answered 401; then the address must wait, even with a right token.
        for guess in 0..<10 { #expect(try call("wlt_guess\(guess)", from: "10.0.0.1").status == 401) }
        let limited = try call("wlt_guess10", from: "10.0.0.1")
        #expect(limited.status == 429, "\(limited.status)")
        #expect(limited.body.contains("Retry-After: "), "\(limited.body)")
        #expect(try call(reviewer, from: "10.0.0.1").status == 429, "no guess is checked while limited")
        // The sign-in form from that address is limited too; other addresses are not.
        let form = try ServerTests.curl([
            "-X", "POST", "-H", "X-Forwarded-For: 10.0.0.1", "-H", "Content-Type: application/x-www-form-urlencoded",
            "--data-raw", "token=\(reviewer)", "\(server.base)/login",
        ])
        #expect(form.status == 429 && form.body.contains("Too many failed sign-ins"), "\(form.status)")
        #expect(try call(reviewer, from: "10.0.0.2").status == 200)
        // Without --trust-forwarded-for the header is the client's word and is ignored: the peer counts.
        let plain = try LiveServer(cli: cli)
        for guess in 0..<10 {
            _ = try ServerTests.curl([
                "-H", "Authorization: Bearer wlt_x\(guess)", "-H", "X-Forwarded-For: 10.9.\(guess).1",
                "\(plain.base)/api/v1/artifacts",
            ])
        }
        let peer = try ServerTests.curl(["-H", "Authorization: Bearer \(reviewer)", "\(plain.base)/api/v1/artifacts"])
        #expect(peer.status == 429, "\(peer.status)")
    }

    @Test func requestLogsNeverHoldQueries() throws {
        let cli = try CLI()
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli, extra: ["--log-requests"])
        _ = try ServerTests.curl(["\(server.base)/artifacts?token=wlt_pasted_secret"])
        _ = try ServerTests.curl([
            "-H", "Authorization: Bearer \(reviewer)", "\(server.base)/api/v1/artifacts?q=wlt_other_secret&limit=5",
        ])
        _ = try ServerTests.curl(["\(server.base)/healthz%1b%5b2J?x=1"])
        server.stop()
        let log = server.log
        #expect(log.contains("GET /artifacts 303") && log.contains("GET /api/v1/artifacts 200"), "\(log)")
        for secret in ["wlt_pasted_secret", "wlt_other_secret", "limit=5", "?", reviewer, "\u{1b}"] {
            #expect(!log.contains(secret), "the log holds \(secret.debugDescription): \(log)")
        }
    }

    @Test(.enabled(if: ServerPageTests.browserAvailable, "needs Debian's chromium (.ci/run installs it)"))
    func chromiumCannotBeMadeToSignInOrOut() throws {
        let cli = try CLI()
        let victim = try Self.token(cli, "reviewer", "legal-1")
        let attacker = try Self.token(cli, "reviewer", "mallory")
        let server = try LiveServer(cli: cli)
        let result = try Subprocess.run(
            "/usr/bin/env",
            [
                "python3", ServerPageTests.root.appendingPathComponent("scripts/browser-csrf.py").path, server.base,
                victim, attacker,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = answer.compactMapValues { $0 as? String }
        #expect(steps["loginCsrfAnswer"]?.contains("cross-origin request refused") == true, "\(steps)")
        #expect(steps["afterLoginCsrf"]?.hasPrefix("not signed in") == true, "the attacker's session was planted")
        #expect(steps["afterSignIn"] == "signed in as legal-1", "\(steps)")
        #expect(steps["logoutCsrfAnswer"]?.contains("cross-origin request refused") == true, "\(steps)")
        #expect(steps["afterLogoutCsrf"] == "signed in as legal-1", "another port signed the victim out")
        #expect(steps["afterOwnLogout"]?.hasPrefix("not signed in") == true, "the page's own sign-out works")
    }
}
