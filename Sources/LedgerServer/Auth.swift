import Foundation
import Hashing
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerStore
import LedgerUseCases

extension LedgerServer {
    /// The caller of an API request: 401 without a valid bearer token, 403 when its role may not do this.
    func authorize(_ request: Request, _ permission: Permission) async throws -> Caller {
        try await authorizeVersioned(request, permission).caller
    }

    /// The caller and the ledger's version (last event number) seen while checking the token.
    func authorizeVersioned(
        _ request: Request, _ permission: Permission
    ) async throws -> (caller: Caller, version: Int64) {
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "a bearer token is required (Authorization: Bearer wlt_…)")
        }
        let address = RequestClient.address
        try refuseIfFailingTooOften(address)
        guard let token = Self.bearerToken(header) else {
            failures.failed(address)
            throw APIError(.unauthorized, "a bearer token is required (Authorization: Bearer wlt_…)")
        }
        let (active, version) = try await activeTokens()
        guard let caller = Tokens.authenticate(token, among: active) else {
            failures.failed(address)
            throw APIError(.unauthorized, "unknown or revoked token")
        }
        return (try permit(caller, permission), version)
    }

    /// 429 while `address` has failed too often (`FailureLimiter`), before any credential is checked.
    func refuseIfFailingTooOften(_ address: String) throws {
        if let wait = failures.wait(for: address) {
            throw APIError(
                .tooManyRequests, "too many failed sign-ins from this address; try again in \(wait) s",
                retryAfter: wait)
        }
    }

    /// The credentials of an `Authorization: Bearer …` header. The scheme is case-insensitive
    /// (RFC 9110 §11.1): `bearer` and `BEARER` are the same scheme.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Active tokens, re-read only when an event has been appended since they were last read.
    /// The version check is a read of the ledger, so it runs off the event loop like every other.
    func activeTokens() async throws -> ([ReadCache.Token], Int64) {
        if let version = version.current, let tokens = cache.tokens(at: version) { return (tokens, version) }
        let (version, cache) = (self.version, self.cache)
        return try await call {
            try version.read { reader, version in
                (try cache.tokens(at: version) { try reader.activeTokens() }, version)
            }
        }
    }

    /// The caller, when its role may do `permission` (the one table: `Role.may`); 403 otherwise.
    func permit(_ caller: Caller, _ permission: Permission) throws -> Caller {
        guard caller.role.may(permission) else {
            let roles = Role.allowed(permission).map(\.rawValue).sorted().joined(separator: " or ")
            throw APIError(.forbidden, "role \(caller.role.rawValue) may not do this (needs \(roles))")
        }
        return caller
    }

    /// The caller of a page: its session cookie (or a bearer header); nil means "sign in first".
    func pageCaller(_ request: Request) async throws -> Caller? {
        if request.headers[.authorization] != nil { return try? await authorize(request, .read) }
        guard let id = request.cookies[Sessions.cookie]?.value, let sha = try sessions.tokenSHA256(of: id, now: Date())
        else {
            return nil
        }
        let (active, _) = try await activeTokens()
        guard let token = active.first(where: { $0.sha256 == sha }), let role = Role(rawValue: token.role) else {
            return nil
        }
        return Caller(name: token.name, role: role)
    }

    /// `POST /login` (form: token, next): a session cookie and a redirect, or the form again with 401.
    func login(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 10)
        let form = (try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body))) ?? LoginForm()
        let next = LoginForm.safeNext(form.next)
        let token = (form.token ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let address = RequestClient.address
        if let wait = failures.wait(for: address) {
            var refused = html(
                HTMLPages.login(next: next, error: "Too many failed sign-ins; try again in \(wait) seconds."),
                status: .tooManyRequests)
            refused.headers[.retryAfter] = String(wait)
            return refused
        }
        let (active, _) = try await activeTokens()
        guard !token.isEmpty, Tokens.authenticate(token, among: active) != nil else {
            failures.failed(address)
            return html(HTMLPages.login(next: next, error: "Unknown or revoked token."), status: .unauthorized)
        }
        let id = try sessions.create(
            tokenSHA256: try SHA256.hash(Array(token.utf8)).hex, lifetime: Sessions.lifetime, now: Date())
        var response = Response(status: .seeOther, headers: [.location: next])
        response.setCookie(
            Cookie(
                name: Sessions.cookie, value: id, maxAge: Int(Sessions.lifetime), path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request) throws -> Response {
        if let id = request.cookies[Sessions.cookie]?.value { try sessions.end(id) }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(
            Cookie(
                name: Sessions.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
                sameSite: .strict))
        return response
    }
}

/// The login form's fields (`application/x-www-form-urlencoded`, decoded by Hummingbird).
struct LoginForm: Decodable {
    var token: String?
    var next: String?

    /// Only local paths: a login link cannot send the reader to another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return "/artifacts" }
        return next
    }
}
