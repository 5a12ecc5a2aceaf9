import Foundation
import Hummingbird
import LedgerApp
import LedgerCore
import LedgerStore

/// `weightledger serve`: the JSON API under /api/v1 for the use cases the CLI has (first slice:
/// read, check, flags, deploy), behind bearer tokens with roles. Handlers are thin: parse,
/// authorize, call one use case, encode.
public struct LedgerServer: Sendable {
    public let ledgerPath: String
    /// Loaded once at start: packs are parsed and digested once, not per request.
    public let library: PolicyLibrary
    /// Largest request body accepted.
    static let maxBody = 1 << 20

    public init(ledgerPath: String, library: PolicyLibrary) {
        self.ledgerPath = ledgerPath
        self.library = library
    }

    /// Serves until the process is stopped.
    public func run(host: String, port: Int) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "weightledger"))
        try await app.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("healthz") { _, _ in "ok" }
        let api = router.group("api/v1")
        api.get("artifacts") { request, _ in
            let caller = try self.authorize(request, [.registrar, .reviewer, .auditor, .admin])
            return try self.json(try Show(context: self.context(caller)).all())
        }
        api.get("artifacts/:ref") { request, context in
            let caller = try self.authorize(request, [.registrar, .reviewer, .auditor, .admin])
            let reference = try context.parameters.require("ref").removingPercentEncoding ?? ""
            return try self.json(try self.call { try Show(context: self.context(caller)).artifact(reference) })
        }
        api.get("artifacts/:ref/lineage") { request, context in
            let caller = try self.authorize(request, [.registrar, .reviewer, .auditor, .admin])
            let reference = try context.parameters.require("ref").removingPercentEncoding ?? ""
            let direction: LineageDirection = request.uri.queryParameters.get("direction") == "descendants" ? .descendants : .ancestors
            return try self.json(try self.call { try Lineage(context: self.context(caller)).run(reference, direction: direction) })
        }
        api.get("check") { request, _ in
            let caller = try self.authorize(request, [.registrar, .reviewer, .auditor, .admin])
            let query = request.uri.queryParameters
            guard let artifact = query.get("artifact"), let destination = query.get("to") else {
                throw HTTPError(.badRequest, message: "artifact and to are required query parameters")
            }
            let report = try self.call {
                try Check(context: self.context(caller), library: self.library).run(reference: artifact, destination: destination,
                                                                                       date: query.get("on"), policies: [])
            }
            return try self.json(CheckView(report))
        }
        api.get("flags") { request, _ in
            let caller = try self.authorize(request, [.registrar, .reviewer, .auditor, .admin])
            let report = try self.call { try Flags(context: self.context(caller), library: self.library).run(date: request.uri.queryParameters.get("on")) }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: try FlagsJSON.bytes(report))))
        }
        api.post("deployments") { request, context in
            let caller = try self.authorize(request, [.reviewer])
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBody)
            let input: DeploymentInput
            do { input = try JSONDecoder().decode(DeploymentInput.self, from: Data(buffer: body)) } catch {
                throw HTTPError(.unprocessableContent, message: "body: \(error)")
            }
            let deploy = DeployRequest(reference: input.artifact, destination: input.to, recipient: input.recipient, date: input.on, kind: input.kind,
                                       license: input.license, strict: input.strict ?? false)
            do {
                let outcome = try Deploy(context: self.context(caller), library: self.library).run(deploy)
                return try self.json(DeployView(outcome), status: .created)
            } catch let refused as DeploymentRefused {
                return try self.json(CheckView(refused.report), status: .conflict)
            } catch {
                throw self.httpError(error)
            }
        }
        return router
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

    func context(_ caller: Caller) -> AppContext { AppContext(ledgerPath: ledgerPath, actor: "token:\(caller.name)") }

    /// The caller of a request: 401 without a valid bearer token, 403 when its role may not do this.
    func authorize(_ request: Request, _ roles: Set<Role>) throws -> Caller {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(.unauthorized, message: "a bearer token is required")
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let active = try call {
            let ledger = try Ledger.open(path: ledgerPath, mode: .existing)
            defer { try? ledger.close() }
            return try ledger.read { try $0.activeTokens() }
        }
        guard let caller = Tokens.authenticate(token, among: active) else { throw HTTPError(.unauthorized, message: "unknown or revoked token") }
        guard roles.contains(caller.role) else { throw HTTPError(.forbidden, message: "role \(caller.role.rawValue) may not do this") }
        return caller
    }

    /// Runs a use case, turning its errors into HTTP errors with the same one-line message the CLI prints.
    func call<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw httpError(error) }
    }

    func httpError(_ error: Error) -> HTTPError {
        if let error = error as? HTTPError { return error }
        let message = Failure.message(of: error)
        switch error {
        case StoreError.unknownReference: return HTTPError(.notFound, message: message)
        case StoreError.busy: return HTTPError(.serviceUnavailable, message: message)
        case is IntegrityFailure: return HTTPError(.internalServerError, message: message)
        default: return HTTPError(.unprocessableContent, message: message)
        }
    }

    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: Array(try encoder.encode(value)))))
    }
}
