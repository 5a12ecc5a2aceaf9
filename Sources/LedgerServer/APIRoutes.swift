import Foundation
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerStore
import LedgerUseCases

/// The JSON API (docs/openapi.yaml). Every route names the permission it needs (`Role.may`).
extension LedgerServer {
    func addAPIRoutes(to api: RouterGroup<LedgerRequestContext>) {
        api.get("artifacts") { request, _ in
            let caller = try await self.authorize(request, .read)
            let query = request.uri.queryParameters
            let context = self.context(caller)
            guard let text = query.get("q") else {
                // A page in registration order; the next page's cursor is in a header.
                let limit = try Self.integer(query.get("limit"), field: "limit", default: 1_000, range: 1...10_000)
                let after = try Self.cursor(query.get("cursor"))
                let (views, next) = try await self.call {
                    var views: [ArtifactView] = []
                    let next = try Show(context: context).page(after: after, limit: limit) {
                        views.append(ArtifactView($0))
                    }
                    return (views, next)
                }
                var response = try self.json(views)
                if let next { response.headers[Self.nextCursor] = String(next) }
                return response
            }
            let limit = try Self.integer(query.get("limit"), field: "limit", default: 100, range: 1...10_000)
            return try self.json(
                try await self.call { try Show(context: context).search(text, limit: limit).map(ArtifactView.init) })
        }
        api.post("artifacts") { request, _ in
            let caller = try await self.authorize(request, .register)
            let data = try await BodyDecoder.collect(request, limit: self.maxRegistrationBody)
            let context = self.context(caller)
            // Decoding and checking the digest (hashing the manifest) of up to --max-body, off the event loop.
            let (submission, registration) = try await self.call {
                try BodyDecoder.decode(RegistrationBody.self, from: data).checked()
            }
            let outcome: RegisterOutcome
            do {
                outcome = try await self.ledger.writeInBatch { writer in
                    try Register(context: context).record(submission, registration, in: writer)
                }
            } catch { throw APIError(error) }
            return try self.json(RegisterView(outcome), status: outcome.status == .registered ? .created : .ok)
        }
        api.get("artifacts/:ref") { request, context in
            let (caller, version) = try await self.authorizeVersioned(request, .read)
            let reference = try Self.reference(context)
            let query = request.uri.queryParameters
            let day = try Self.parsed { try FieldKey.on.parsing { try query.get("on").map { try LedgerDate($0) } } }
            let history = query.get("history") == "true"
            let app = self.context(caller)
            let asOf = app.date(day)
            return try await self.cachedJSON(request, version: version, day: asOf) {
                ArtifactView(try Show(context: app).artifact(reference, on: asOf, history: history))
            }
        }
        self.addFactRoutes(to: api)
        api.get("artifacts/:ref/lineage") { request, context in
            let (caller, version) = try await self.authorizeVersioned(request, .read)
            let reference = try Self.reference(context)
            let asked = request.uri.queryParameters.get("direction")
            guard let direction = asked.map(LineageDirection.init(rawValue:)) ?? .ancestors else {
                throw APIError(
                    .unprocessableContent, "direction: \(asked ?? "") is not ancestors or descendants",
                    field: "direction")
            }
            let app = self.context(caller)
            return try await self.cachedJSON(request, version: version) {
                LineageView(try Lineage(context: app).run(reference, direction: direction))
            }
        }
        api.get("artifacts/:ref/export") { request, context in
            let caller = try await self.authorize(request, .read)
            let query = request.uri.queryParameters
            let reference = try Self.reference(context)
            let format = try Self.parsed {
                try FieldKey("format").parsing { try ExportFormat(parsing: query.get("format") ?? "") }
            }
            let day = try Self.parsed { try FieldKey.on.parsing { try query.get("on").map { try LedgerDate($0) } } }
            let lineage = query.get("lineage") == "true"
            let exported = try await self.call {
                try self.export(caller, reference, format: format, withLineage: lineage, on: day)
            }
            return Response(
                status: .ok, headers: [.contentType: exported.type],
                body: .init(byteBuffer: ByteBuffer(bytes: exported.bytes)))
        }
        api.get("artifacts/:ref/review") { request, context in
            let caller = try await self.authorize(request, .review)
            let query = request.uri.queryParameters
            let review = try Self.parsed {
                try ReviewRequest(
                    artifact: try Self.referenceText(context), to: query.get("to"), on: query.get("on"),
                    exporter: query.get("exporter"))
            }
            let (app, library) = (self.context(caller), self.library)
            return try self.json(
                ReviewView(try await self.call { try Review(context: app, library: library).run(review) }))
        }
        api.get("check") { request, _ in
            let caller = try await self.authorize(request, .read)
            let query = request.uri.queryParameters
            guard let artifact = query.get("artifact") else {
                throw APIError(.unprocessableContent, "artifact: required", field: "artifact")
            }
            guard let destination = query.get("to") else {
                throw APIError(.unprocessableContent, "to: required", field: "to")
            }
            let check = try Self.parsed {
                try PolicyCheck(
                    artifact: artifact, to: destination, on: query.get("on"), kind: query.get("kind"),
                    exporter: query.get("exporter"))
            }
            let (app, library) = (self.context(caller), self.library)
            return try self.json(
                CheckView(try await self.call { try Check(context: app, library: library).run(check) }))
        }
        api.get("flags") { request, _ in
            let caller = try await self.authorize(request, .read)
            let on = request.uri.queryParameters.get("on")
            let date = try Self.parsed { try FieldKey.on.parsing { try on.map { try LedgerDate($0) } } }
            let (app, library) = (self.context(caller), self.library)
            // A page of artifacts in registration order; the next page's cursor is in a header.
            let query = request.uri.queryParameters
            let limit = try Self.integer(query.get("limit"), field: "limit", default: 10_000, range: 1...10_000)
            let after = try Self.cursor(query.get("cursor"))
            let (bytes, next) = try await self.call {
                let writer = FlagsWriter(.json)
                let summary = try Flags(context: app, library: library).stream(
                    date: date, after: after, limit: limit, writer.add)
                var bytes: [UInt8] = []
                try writer.finish(summary) { bytes += $0 }
                return (bytes, summary.next)
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            if let next { headers[Self.nextCursor] = String(next) }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        api.post("deployments") { request, _ in
            let caller = try await self.authorize(request, .deploy)
            let draft = try await self.decode(Deployment.Draft.self, from: request, limit: Self.maxBody)
            let deployment = try Self.parsed { try Deployment(draft) }
            let (app, library) = (self.context(caller), self.library)
            do {
                let outcome = try await self.blocking { try Deploy(context: app, library: library).run(deployment) }
                return try self.json(DeployView(outcome), status: .created)
            } catch let refused as DeploymentRefused {
                return try self.json(CheckView(refused.report), status: .conflict)
            } catch {
                throw APIError(error)
            }
        }
        api.post("approvals") { request, _ in
            let caller = try await self.authorize(request, .approve)
            let draft = try await self.decode(ApprovalRequest.Draft.self, from: request, limit: Self.maxBody)
            let approval = try Self.parsed { try ApprovalRequest(draft) }
            let (app, library) = (self.context(caller), self.library)
            let outcome = try await self.call { try Approve(context: app, library: library).run(approval) }
            return try self.json(ApprovalView(outcome), status: .created)
        }
        api.post("licenses") { request, _ in
            let caller = try await self.authorize(request, .recordLicense)
            let draft = try await self.decode(LicenseGrant.Draft.self, from: request, limit: Self.maxBody)
            let grant = try Self.parsed { try LicenseGrant(draft) }
            let app = self.context(caller)
            let license = try await self.call { try LicenseAdd(context: app).run(grant) }
            return try self.json(LicenseView(license.license), status: .created)
        }
        api.post("audits") { request, _ in
            let caller = try await self.authorize(request, .audit)
            let draft = try await self.decode(AuditRequest.Draft.self, from: request, limit: Self.maxBody)
            let audit = try Self.parsed { try AuditRequest(draft, roots: self.settings.auditRoots) }
            let (app, library) = (self.context(caller), self.library)
            let outcome = try await self.call { try Audit(context: app, library: library).run(audit) }
            // The first audit of a large ledger finds every open finding new: the answer is
            // spooled (a few MiB in memory, the rest on disk) and sent a chunk at a time.
            let document = try await self.call { try AuditView.canonicalDocument(outcome) }
            return Response(
                status: .created, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: document.count) { writer in
                    var offset = 0
                    while case let chunk = try document.chunk(from: offset), !chunk.isEmpty {
                        offset += chunk.count
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                })
        }
        api.post("log/checkpoints") { request, _ in
            let caller = try await self.authorize(request, .checkpoint)
            let (app, key, origin) = (self.context(caller), self.signingKey, self.origin)
            let outcome = try await self.call { try LogTool(context: app).checkpoint(signingKey: key, origin: origin) }
            return try self.json(CheckpointView(outcome), status: .created)
        }
        api.get("log/proofs/:ref") { request, context in
            let caller = try await self.authorize(request, .read)
            let reference = try Self.referenceText(context)
            let app = self.context(caller)
            return try self.json(InclusionView(try await self.call { try LogTool(context: app).prove(reference) }))
        }
        api.post("log/consistency") { request, _ in
            let caller = try await self.authorize(request, .read)
            let input = try await self.decode(ConsistencyInput.self, from: request, limit: Self.maxBody)
            let app = self.context(caller)
            do {
                let outcome = try await self.blocking {
                    try LogTool(context: app).consistency(from: input.checkpoint, key: nil)
                }
                return try self.json(ConsistencyView(outcome))
            } catch let failure as IntegrityFailure {
                throw APIError(.conflict, failure.description)
            } catch {
                throw APIError(error)
            }
        }
        api.get("whoami") { request, _ in
            // Any valid token: clients check the server and their token before hours of work.
            let caller = try await self.authorize(request, .read)
            let permissions = Permission.allCases.filter { caller.role.may($0) }.map(\.rawValue)
            return try self.json(WhoAmI(name: caller.name, role: caller.role.rawValue, permissions: permissions))
        }
        api.post("tokens") { request, _ in
            let caller = try await self.authorize(request, .manageTokens)
            let draft = try await self.decode(TokenGrant.Draft.self, from: request, limit: Self.maxBody)
            let grant = try Self.parsed { try TokenGrant(draft) }
            let app = self.context(caller)
            let token = try await self.call { try Tokens(context: app).create(grant) }
            return try self.json(["name": grant.name, "role": grant.role.rawValue, "token": token], status: .created)
        }
        api.delete("tokens/:name") { request, context in
            let caller = try await self.authorize(request, .manageTokens)
            let name = try context.parameters.require("name")
            let app = self.context(caller)
            try await self.call { try Tokens(context: app).revoke(name: name) }
            return Response(status: .noContent)
        }
    }

    /// Runs the parsing of a typed command from a request, answering its errors as 422s naming the field.
    /// One artifact's export (unsigned), with its media type and the artifact's digest: the API's
    /// `/export` and the review page's downloads.
    func export(
        _ caller: Caller, _ reference: ArtifactReference, format: ExportFormat, withLineage: Bool, on day: LedgerDate?
    ) throws -> (bytes: [UInt8], type: String, digest: ArtifactDigest) {
        let source = try Export(context: context(caller), library: library).run(
            reference, withLineage: withLineage, on: day)
        return (
            try ExportDocument.bytes(source, format: format), ExportDocument.contentType(format, of: source),
            source.members[0].record.digest
        )
    }

    static func parsed<T>(_ parse: () throws -> T) throws -> T {
        do { return try parse() } catch { throw APIError(error) }
    }

    /// The `{ref}` path parameter, percent-decoded.
    static func referenceText(_ context: LedgerRequestContext) throws -> String {
        try context.parameters.require("ref").removingPercentEncoding ?? ""
    }

    /// The `{ref}` path parameter as an artifact reference.
    static func reference(_ context: LedgerRequestContext) throws -> ArtifactReference {
        let text = try referenceText(context)
        return try parsed { try FieldKey("ref").parsing { try ArtifactReference(text) } }
    }

    /// The header that carries the cursor of the next page, when there is one.
    static let nextCursor = HTTPField.Name("WeightLedger-Next-Cursor")!

    /// A page cursor from `cursor` (what `WeightLedger-Next-Cursor` gave); nil: the first page.
    static func cursor(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let seq = Int64(text), seq >= 0, text.allSatisfy(\.isASCII) else {
            throw APIError(
                .unprocessableContent, "cursor: \(text.prefix(40)) is not a cursor this server gave", field: "cursor")
        }
        return seq
    }

    static func integer(_ text: String?, field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .unprocessableContent,
                "\(field): \(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)", field: field)
        }
        return number
    }

    struct ConsistencyInput: Decodable {
        let checkpoint: String
    }

    /// A JSON body decoded off the event loop, its errors naming the field.
    func decode<T: Decodable & Sendable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        try await BodyDecoder.decode(type, from: request, limit: limit) { try await self.blocking($0) }
    }
}

/// `GET /api/v1/whoami`: the token's name, role and what the role may do.
struct WhoAmI: Encodable {
    let name: String
    let role: String
    let permissions: [String]
}
