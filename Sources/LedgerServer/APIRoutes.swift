import Foundation
import Hummingbird
import LedgerApp
import LedgerCore
import LedgerStore

/// The JSON API (docs/openapi.yaml). Reads take any role; writes take the role the issue names.
extension LedgerServer {
    func addAPIRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.get("artifacts") { request, _ in
            let caller = try await self.authorize(request, Self.readers)
            let query = request.uri.queryParameters
            let context = self.context(caller)
            if query.get("q") == nil && query.get("limit") == nil {
                return try self.json(try await self.call { try Show(context: context).all() })
            }
            let limit = try Self.integer(query.get("limit"), field: "limit", default: 100, range: 1...10_000)
            let text = query.get("q") ?? ""
            return try self.json(try await self.call { try Show(context: context).search(text, limit: limit) })
        }
        api.post("artifacts") { request, _ in
            let caller = try await self.authorize(request, [.registrar])
            let body = try await BodyDecoder.decode(RegistrationBody.self, from: request, limit: self.maxRegistrationBody)
            let context = self.context(caller)
            let (submission, registration): (ArtifactSubmission, RegisterRequest)
            do { (submission, registration) = try body.split() } catch { throw APIError(error) }
            let outcome: RegisterOutcome
            do {
                outcome = try await self.ledger.inGroupCommit { try Register(context: context).record(submission, registration) }
            } catch { throw APIError(error) }
            return try self.json(RegisterView(outcome), status: outcome.status == .registered ? .created : .ok)
        }
        api.get("artifacts/:ref") { request, context in
            let (caller, version) = try await self.authorizeVersioned(request, Self.readers)
            let reference = try Self.reference(context)
            let app = self.context(caller)
            return try await self.cachedJSON(request, version: version) { try Show(context: app).artifact(reference) }
        }
        api.get("artifacts/:ref/lineage") { request, context in
            let (caller, version) = try await self.authorizeVersioned(request, Self.readers)
            let reference = try Self.reference(context)
            let direction: LineageDirection
            switch request.uri.queryParameters.get("direction") {
            case nil, "ancestors": direction = .ancestors
            case "descendants": direction = .descendants
            case let other?: throw APIError(.unprocessableContent, "direction: \(other) is not ancestors or descendants", field: "direction")
            }
            let app = self.context(caller)
            return try await self.cachedJSON(request, version: version) { try Lineage(context: app).run(reference, direction: direction) }
        }
        api.get("artifacts/:ref/review") { request, context in
            let caller = try await self.authorize(request, [.reviewer])
            let reference = try Self.reference(context)
            let query = request.uri.queryParameters
            let (app, library) = (self.context(caller), self.library)
            let (to, on) = (query.get("to"), query.get("on"))
            return try self.json(ReviewView(try await self.call { try Review(context: app, library: library).run(reference: reference, destination: to, date: on) }))
        }
        api.get("check") { request, _ in
            let caller = try await self.authorize(request, Self.readers)
            let query = request.uri.queryParameters
            guard let artifact = query.get("artifact") else { throw APIError(.unprocessableContent, "artifact: required", field: "artifact") }
            guard let destination = query.get("to") else { throw APIError(.unprocessableContent, "to: required", field: "to") }
            let (app, library) = (self.context(caller), self.library)
            let (on, kind) = (query.get("on"), query.get("kind"))
            let report = try await self.call {
                try Check(context: app, library: library).run(reference: artifact, destination: destination, date: on, policies: [], kind: kind)
            }
            return try self.json(CheckView(report))
        }
        api.get("flags") { request, _ in
            let caller = try await self.authorize(request, Self.readers)
            let (app, library, on) = (self.context(caller), self.library, request.uri.queryParameters.get("on"))
            let bytes = try await self.call { try FlagsJSON.bytes(try Flags(context: app, library: library).run(date: on)) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        api.post("deployments") { request, _ in
            let caller = try await self.authorize(request, [.reviewer])
            let input = try await BodyDecoder.decode(DeploymentInput.self, from: request, limit: Self.maxBody)
            let deploy = DeployRequest(reference: input.artifact, destination: input.to, recipient: input.recipient, date: input.on, kind: input.kind,
                                       license: input.license, strict: input.strict ?? false)
            let (app, library) = (self.context(caller), self.library)
            do {
                let outcome = try await self.blocking { try Deploy(context: app, library: library).run(deploy) }
                return try self.json(DeployView(outcome), status: .created)
            } catch let refused as DeploymentRefused {
                return try self.json(CheckView(refused.report), status: .conflict)
            } catch {
                throw APIError(error)
            }
        }
        api.post("licenses") { request, _ in
            let caller = try await self.authorize(request, [.reviewer])
            let input = try await BodyDecoder.decode(LicenseInput.self, from: request, limit: Self.maxBody)
            let app = self.context(caller)
            let license = try await self.call {
                try LicenseAdd(context: app).run(LicenseRequest(authority: input.authority, number: input.number, artifacts: input.artifacts,
                                                                destinations: input.destinations, validFrom: input.validFrom, validUntil: input.validUntil))
            }
            return try self.json(LicenseView(license.license), status: .created)
        }
        api.post("audits") { request, _ in
            let caller = try await self.authorize(request, [.auditor])
            let input = try await BodyDecoder.decode(AuditInput.self, from: request, limit: Self.maxBody)
            var audit = AuditRequest(rehash: input.rehash ?? "none", maxBytes: input.maxBytes, date: input.on, wait: true, jobs: 1)
            audit.handlesSignals = false
            let request = audit
            let (app, library) = (self.context(caller), self.library)
            let outcome = try await self.call { try Audit(context: app, library: library).run(request) }
            return try self.json(AuditView(outcome), status: .created)
        }
        api.post("log/checkpoints") { request, _ in
            let caller = try await self.authorize(request, [.auditor])
            let (app, key, origin) = (self.context(caller), self.signingKey, self.origin)
            let outcome = try await self.call { try LogTool(context: app).checkpoint(signingKey: key, origin: origin) }
            return try self.json(CheckpointView(outcome), status: .created)
        }
        api.get("log/proofs/:ref") { request, context in
            let caller = try await self.authorize(request, Self.readers)
            let reference = try Self.reference(context)
            let app = self.context(caller)
            return try self.json(InclusionView(try await self.call { try LogTool(context: app).prove(reference) }))
        }
        api.post("log/consistency") { request, _ in
            let caller = try await self.authorize(request, Self.readers)
            let input = try await BodyDecoder.decode(ConsistencyInput.self, from: request, limit: Self.maxBody)
            let app = self.context(caller)
            do {
                let outcome = try await self.blocking { try LogTool(context: app).consistency(from: input.checkpoint, key: nil) }
                return try self.json(ConsistencyView(outcome))
            } catch let failure as IntegrityFailure {
                throw APIError(.conflict, Failure.message(of: failure))
            } catch {
                throw APIError(error)
            }
        }
        api.post("tokens") { request, _ in
            let caller = try await self.authorize(request, [.admin])
            let input = try await BodyDecoder.decode(TokenInput.self, from: request, limit: Self.maxBody)
            let app = self.context(caller)
            let token = try await self.call { try Tokens(context: app).create(name: input.name, role: input.role) }
            return try self.json(["name": input.name, "role": input.role, "token": token], status: .created)
        }
        api.delete("tokens/:name") { request, context in
            let caller = try await self.authorize(request, [.admin])
            let name = try context.parameters.require("name")
            let app = self.context(caller)
            try await self.call { try Tokens(context: app).revoke(name: name) }
            return Response(status: .noContent)
        }
    }

    static func reference(_ context: BasicRequestContext) throws -> String {
        try context.parameters.require("ref").removingPercentEncoding ?? ""
    }

    static func integer(_ text: String?, field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(.unprocessableContent, "\(field): \(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)", field: field)
        }
        return number
    }

    struct DeploymentInput: Decodable {
        let artifact: String
        let to: String
        let recipient: String?
        let on: String?
        let kind: String?
        let license: String?
        let strict: Bool?
    }

    struct LicenseInput: Decodable {
        let authority: String
        let number: String
        let artifacts: [String]
        let destinations: [String]
        let validFrom: String?
        let validUntil: String?
    }

    struct AuditInput: Decodable {
        let rehash: String?
        let maxBytes: Int64?
        let on: String?
    }

    struct ConsistencyInput: Decodable {
        let checkpoint: String
    }

    struct TokenInput: Decodable {
        let name: String
        let role: String
    }
}
