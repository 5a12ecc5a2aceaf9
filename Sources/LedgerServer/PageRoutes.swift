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
        router.post("logout") { request, _ in try self.logout(request) }
        router.get("artifacts") { request, _ in
            try await self.page(request) { caller in
                let text = request.uri.queryParameters.get("q") ?? ""
                let context = self.context(caller)
                let results = try await self.blocking { try Show(context: context).search(text, limit: 100) }
                return self.html(HTMLPages.search(query: text, results: results, limit: 100, caller: caller.name))
            }
        }
        router.get("flags") { request, _ in try await self.flagsPage(request) }
        router.get("deployments") { request, _ in
            try await self.page(request) { caller in
                _ = try self.permit(caller, .read)
                let query = request.uri.queryParameters
                let (to, before) = (query.get("to").flatMap { $0.isEmpty ? nil : $0 }, query.get("before"))
                let destination = try Self.parsed { try FieldKey.to.parsing { try to.map { try CountryCode($0) } } }
                let start = try Self.parsed {
                    try FieldKey("before").parsing {
                        try before.map { text in
                            guard let seq = Int64(text), seq > 0 else {
                                throw DomainError.invalid(
                                    field: FieldKey("before"), value: text, expected: "an event number")
                            }
                            return seq
                        }
                    }
                }
                let app = self.context(caller)
                let page = try await self.blocking {
                    try Registers(context: app).deployments(before: start, destination: destination)
                }
                return self.html(HTMLPages.deployments(page, destination: destination, caller: caller.name))
            }
        }
        router.get("licenses") { request, _ in
            try await self.page(request) { caller in
                _ = try self.permit(caller, .read)
                let app = self.context(caller)
                let register = try await self.blocking { try Registers(context: app).licenses() }
                return self.html(HTMLPages.licenses(register, caller: caller.name))
            }
        }
        router.get("artifacts/:ref") { request, context in
            try await self.artifactPage(request, reference: try Self.referenceText(context))
        }
        router.get("artifacts/:ref/review") { request, context in
            try await self.reviewPage(request, reference: try Self.referenceText(context))
        }
        router.post("artifacts/:ref/approvals") { request, context in
            try await self.approvalForm(request, reference: try Self.referenceText(context))
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
            if let asked = query.get("export") {
                let format = try ExportFormat(parsing: asked)
                let (bytes, type, digest) = try await self.blocking {
                    try self.export(caller, review.artifact, format: format, withLineage: true, on: review.date)
                }
                let name = "\(digest.value.dropFirst(7).prefix(12)).\(format.rawValue)"
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: type, .cacheControl: "no-store",
                        .contentDisposition: "attachment; filename=\"\(name)\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
            let report = try await self.blocking { try Review(context: app, library: library).run(review) }
            if query.get("format") == "pdf" {
                let pdf = try await self.blocking { try ReviewRenderer.pdf(report) }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/pdf", .cacheControl: "no-store",
                        .contentDisposition: "inline; filename=\"review.pdf\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
            }
            var pdfQuery = ["format=pdf"]
            if let to { pdfQuery.append("to=\(review.destination?.code ?? to)") }
            pdfQuery.append("on=\(report.check.date)")
            return self.html(
                ReviewRenderer.html(
                    report,
                    pdf: "/artifacts/\(report.check.artifact.digest.value)/review?"
                        + pdfQuery.joined(separator: "&"), link: { "/artifacts/\($0.value)" },
                    signOff: caller.role.may(.approve) ? caller.name : nil,
                    exports: ExportLinks.pageLinks(report.check.artifact.digest)))
        }
    }

    /// `GET /flags`: every finding across the ledger, filtered by pack, severity and destination.
    func flagsPage(_ request: Request) async throws -> Response {
        try await self.page(request) { caller in
            _ = try self.permit(caller, .read)
            let query = request.uri.queryParameters
            func text(_ key: String) -> String? { query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
            let (pack, severity, to, on) = (text("pack"), text("severity"), text("to"), text("on"))
            let filter = try Self.parsed {
                HTMLPages.FlagFilter(
                    pack: pack,
                    severity: try FieldKey("severity").parsing {
                        try severity.map { text in
                            guard let value = Severity(rawValue: text) else {
                                throw DomainError.invalid(
                                    field: FieldKey("severity"), value: text, expected: "block, warn or info")
                            }
                            return value
                        }
                    },
                    destination: try FieldKey.to.parsing { try to.map { try CountryCode($0) } }, all: text("all") == "1"
                )
            }
            let date = try Self.parsed { try FieldKey.on.parsing { try on.map { try LedgerDate($0) } } }
            let (app, library) = (self.context(caller), self.library)
            let report = try await self.blocking {
                try Flags(context: app, library: library).run(date: date, policies: pack.map { [$0] } ?? [])
            }
            return self.html(HTMLPages.flags(report, filter: filter, caller: caller.name))
        }
    }

    /// The review page's sign-off form (reviewer role): records the approval bound to the digest of
    /// the report shown, then returns to the review; a changed report or bad input is shown as a page.
    func approvalForm(_ request: Request, reference: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 10)
        return try await self.page(request) { caller in
            _ = try self.permit(caller, .approve)
            let form =
                (try? URLEncodedFormDecoder().decode(ApprovalForm.self, from: String(buffer: body))) ?? ApprovalForm()
            let approval = try Self.parsed {
                try ApprovalRequest(
                    artifact: reference, to: form.to, on: form.on, by: form.by,
                    note: form.note.flatMap { $0.isEmpty ? nil : $0 }, reportDigest: form.reportDigest)
            }
            let (app, library) = (self.context(caller), self.library)
            let outcome = try await self.blocking { try Approve(context: app, library: library).run(approval) }
            let back =
                "/artifacts/\(outcome.approval.digest.value)/review?to=\(outcome.approval.destination.code)"
                + "&on=\(outcome.approval.date)&approved=\(outcome.seq)"
            return Response(status: .seeOther, headers: [.location: back])
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

/// The review page's sign-off form (`application/x-www-form-urlencoded`).
struct ApprovalForm: Decodable {
    var to: String?
    var on: String?
    var by: String?
    var note: String?
    var reportDigest: String?
}
