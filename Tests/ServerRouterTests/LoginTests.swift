import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerSQLite
import LedgerUseCases
import Testing

@testable import LedgerServer

/// The login form and its session cookie, in process: Hummingbird's form decoding and cookies.
@Suite struct LoginTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return .text(
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
                separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func signInBrowseSignOut() async throws {
        let fixture = try ServerFixture()
        let token = fixture.tokens[.reviewer]!
        try await fixture.test { client in
            // A wrong token: the form again, 401, no cookie.
            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("token", "wlt_nope"), ("next", "/artifacts")]))
            #expect(wrong.status == .unauthorized && wrong.headers[.setCookie] == nil)
            // The right one: a session cookie and a redirect to the local page asked for.
            let signed = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("token", token), ("next", "/artifacts/acme%2Fa%3Av1")]))
            #expect(signed.status == .seeOther && signed.headers[.location] == "/artifacts/acme%2Fa%3Av1")
            let cookie = signed.headers[.setCookie] ?? ""
            for attribute in ["wl_session=", "HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            #expect(!cookie.contains(token) && !cookie.contains("Secure"))
            let session = String(cookie.prefix { $0 != ";" })
            let page = try await client.execute(uri: "/artifacts?q=acme", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok && page.text.contains("acme/a:v1"))
            // Another site is never where a login sends the reader.
            let evil = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("token", token), ("next", "https://evil.example/")]))
            #expect(evil.headers[.location] == "/artifacts")
            // Signing out ends the session.
            let out = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: session])
            #expect(out.status == .seeOther && (out.headers[.setCookie] ?? "").contains("Max-Age=0"))
            let after = try await client.execute(uri: "/artifacts", method: .get, headers: [.cookie: session])
            #expect(after.status == .seeOther && after.headers[.location]?.hasPrefix("/login?next=") == true)
        }
    }

    @Test func revokingTheTokenEndsItsSessions() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let signed = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("token", fixture.tokens[.auditor]!)]))
            let session = String((signed.headers[.setCookie] ?? "").prefix { $0 != ";" })
            #expect(
                try await client.execute(uri: "/artifacts", method: .get, headers: [.cookie: session]).status == .ok)
            let revoked = try await client.execute(
                uri: "/api/v1/tokens/t-auditor", method: .delete, headers: fixture.headers(.admin))
            #expect(revoked.status == .noContent)
            #expect(
                try await client.execute(uri: "/artifacts", method: .get, headers: [.cookie: session]).status
                    == .seeOther)
        }
    }
}

/// Cached answers and tokens hold only while nobody commits: a change by another process is seen
/// by the very next request.
@Suite struct CacheFreshnessTests {
    @Test func aTokenRevokedByAnotherProcessIsRefusedAtOnce() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let uri = "/api/v1/artifacts/acme%2Fa%3Av1"
            #expect(
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.registrar)).status == .ok)
            #expect(
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.registrar)).status == .ok)
            // `weightledger token revoke` from the CLI: its own connection to the ledger.
            let cli = AppContext(location: fixture.location, actor: "cli")
            try Tokens(context: cli).revoke(name: "t-registrar")
            #expect(
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.registrar)).status
                    == .unauthorized)
            // And a name bound by another process shows in the next answer, not a cached one.
            _ = try NameAdd(context: cli).run(
                reference: .digest(fixture.digest), name: try ArtifactName("acme/a:stable"))
            let shown = try await client.execute(uri: uri, method: .get, headers: fixture.headers(.auditor))
            #expect(shown.text.contains("acme/a:stable"))
        }
    }
}
