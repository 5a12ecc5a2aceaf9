import Foundation
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerStore
import LedgerUseCases

/// The review pages: HTML from the server, no scripts. Without a session they redirect to /login.
extension LedgerServer {
    func addPageRoutes(to router: Router<LedgerRequestContext>) {
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/artifacts"]) }
        router.get("login") { request, _ in
            self.html(HTMLPages.login(next: LoginForm.safeNext(request.uri.queryParameters.get("next")), error: nil))
        }
        router.post("login") { request, _ in try await self.login(request) }
        router.post("logout") { request, _ in self.logout(request) }
        router.get("artifacts") { request, _ in
            try await self.page(request) { caller in
                let text = request.uri.queryParameters.get("q") ?? ""
                let context = self.context(caller)
                let results = try await self.blocking { try Show(context: context).search(text, limit: 100) }
                return self.html(HTMLPages.search(query: text, results: results, limit: 100, caller: caller.name))
            }
        }
        router.get("artifacts/:ref") { request, context in
            try await self.artifactPage(request, reference: try Self.referenceText(context))
        }
        router.get("artifacts/:ref/review") { request, context in
            try await self.reviewPage(request, reference: try Self.referenceText(context))
        }
        // A name typed as a path, `/artifacts/acme/frontier-1:base[/review]`: the pages of its `%2F` form.
        router.get("artifacts/:ref/:model") { request, context in
            let (org, model) = try Self.nameParts(context)
            // `/artifacts/REF/review` where the router chose this route: the review of REF.
            if model == "review" { return try await self.reviewPage(request, reference: org) }
            return try await self.artifactPage(request, reference: org + "/" + model)
        }
        router.get("artifacts/:ref/:model/review") { request, context in
            let (org, model) = try Self.nameParts(context)
            return try await self.reviewPage(request, reference: org + "/" + model)
        }
    }

    /// The artifact page, with the verdict and findings for a destination when one is chosen.
    func artifactPage(_ request: Request, reference: String) async throws -> Response {
        try await self.page(request) { caller in
            let query = request.uri.queryParameters
            let to = query.get("to").flatMap { $0.isEmpty ? nil : $0 }
            let on = query.get("on").flatMap { $0.isEmpty ? nil : $0 }
            let page = try ReviewRequest(artifact: reference, to: to, on: on)
            let (app, library) = (self.context(caller), self.library)
            let report = try await self.blocking { try ArtifactPage(context: app, library: library).run(page) }
            return self.html(HTMLPages.artifact(report, destination: to, date: on, caller: caller.name))
        }
    }

    /// The print-friendly review (reviewer role).
    func reviewPage(_ request: Request, reference: String) async throws -> Response {
        try await self.page(request) { caller in
            _ = try self.permit(caller, .review)
            let query = request.uri.queryParameters
            let to = query.get("to").flatMap { $0.isEmpty ? nil : $0 }
            let on = query.get("on").flatMap { $0.isEmpty ? nil : $0 }
            let review = try ReviewRequest(artifact: reference, to: to, on: on)
            let (app, library) = (self.context(caller), self.library)
            let report = try await self.blocking { try Review(context: app, library: library).run(review) }
            return self.html(ReviewRenderer.html(report))
        }
    }

    /// The two path segments of a name typed as a path, percent-decoded.
    static func nameParts(_ context: LedgerRequestContext) throws -> (org: String, model: String) {
        let org = try context.parameters.require("ref")
        let model = try context.parameters.require("model")
        return (org.removingPercentEncoding ?? org, model.removingPercentEncoding ?? model)
    }

    /// A page for a signed-in caller; a redirect to the login form otherwise; errors as pages.
    func page(_ request: Request, _ body: (Caller) async throws -> Response) async throws -> Response {
        guard let caller = try await pageCaller(request) else {
            var next = request.uri.path
            if let query = request.uri.query { next += "?" + query }
            let encoded =
                next.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-._~"))) ?? "/artifacts"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(encoded)"])
        }
        do { return try await body(caller) } catch {
            let failure = APIError(error)
            let title =
                failure.status == .notFound
                ? "Not found" : failure.status == .forbidden ? "Not allowed" : "Cannot show this"
            return html(HTMLPages.problem(title, message: failure.message, caller: caller.name), status: failure.status)
        }
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .init("Content-Security-Policy")!:
                    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
