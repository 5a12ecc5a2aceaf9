import Foundation
import HTTPTypes
import Hummingbird
import LedgerRender

/// Refuses state-changing requests that a browser sent from another origin (login CSRF, forced
/// logout from another port of the same site, which SameSite cookies do not stop). The check of
/// Go's `http.CrossOriginProtection`: `Sec-Fetch-Site` when the browser sends it, else `Origin`
/// against `Host`; a request with neither (curl, scripts, the Python client) is not a browser's.
struct CrossOriginMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    /// Origins allowed besides the server's own (`--allowed-origin https://ledger.example`).
    let allowed: Set<String>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let refusal = Self.refusal(request.method, request.headers, host: request.head.authority, allowed: allowed) {
            throw APIError(.forbidden, refusal)
        }
        return try await next(request, context)
    }

    /// Why the request is refused, or nil when it may go on.
    static func refusal(
        _ method: HTTPRequest.Method, _ headers: HTTPFields, host: String?, allowed: Set<String>
    ) -> String? {
        guard ![.get, .head, .options].contains(method) else { return nil }
        let origin = headers[.origin]
        let trusted = origin.map { allowed.contains($0.lowercased()) } ?? false
        let refused = "cross-origin request refused: sign in and submit forms from the server's own pages"
        if let site = headers[.secFetchSite]?.lowercased() {
            if site == "same-origin" || site == "none" || trusted { return nil }
            return refused + " (Sec-Fetch-Site: \(SafeText.line(String(site.prefix(40)))))"
        }
        guard let origin else { return nil }
        if trusted { return nil }
        if let host, let authority = Self.authority(ofOrigin: origin), authority == host.lowercased() { return nil }
        return refused + " (Origin: \(SafeText.line(String(origin.prefix(200)))))"
    }

    /// `host[:port]` of an origin such as `https://ledger.example:8443`; nil for `null` or junk.
    static func authority(ofOrigin origin: String) -> String? {
        let lowered = origin.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let rest = lowered.dropFirst(scheme.count)
            return rest.isEmpty || rest.contains("/") ? nil : String(rest)
        }
        return nil
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
