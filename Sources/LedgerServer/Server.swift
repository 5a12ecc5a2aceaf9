import Foundation
import Hummingbird
import HummingbirdCore
import LedgerCore
import LedgerPolicy
import LedgerRender
import LedgerStore
import LedgerUseCases
import Logging
import NIOCore
import TransparencyLog

/// `weightledger serve`: the JSON API under /api/v1 and the review pages, behind tokens with
/// roles. The ledger is opened once (a connection pool; concurrent writes share group commits);
/// handlers are thin: parse, authorize, call one use case off the event loop, encode.
public struct LedgerServer: Sendable {
    /// The ledger, opened once for the server's life (a pool of connections with group commit).
    public let ledger: any LedgerStore
    /// Where it is, for the contexts of use cases.
    public let location: any LedgerLocation
    /// Loaded once at start: packs are parsed and digested once, not per request.
    public let library: PolicyLibrary
    /// Signs `POST /api/v1/log/checkpoints` when set (`serve --sign`).
    public let signingKey: NoteKey?
    /// The checkpoints' origin (default: the key's name).
    public let origin: String?
    /// The operator's settings (`serve` flags).
    public let settings: ServerSettings
    /// Logs method, path and status of each request (never headers or bodies).
    public var logRequests: Bool { settings.logRequests }
    /// Page sessions: the ledger's store when servers share it (PostgreSQL), else this process's memory.
    let sessions: any SessionStore
    /// Failed sign-ins and bad bearer tokens per client address.
    let failures = FailureLimiter()
    let cache = ReadCache()
    /// Requests, latencies and group commits for `/metrics`.
    let metrics: ServerMetrics
    /// The ledger's version as last read: answers from the cache need no read of the ledger.
    let version: LedgerVersion
    /// Largest registration body accepted (`serve --max-body`; 16 MiB holds a manifest of ~100,000 files).
    public var maxRegistrationBody: Int { settings.maxRegistrationBody }
    /// Largest body of every other request (deployments, licenses, tokens…).
    static let maxBody = 64 << 10
    /// Adds `Secure` to the session cookie (`serve --secure-cookies`, behind a TLS proxy).
    public var secureCookies: Bool { settings.secureCookies }

    /// A server over an open ledger (`SQLiteLocation.openShared`) and loaded packs.
    public init(
        location: any LedgerLocation, ledger: any LedgerStore, library: PolicyLibrary, signingKey: NoteKey? = nil,
        origin: String? = nil, settings: ServerSettings = ServerSettings()
    ) {
        self.settings = settings
        self.location = location
        self.ledger = ledger
        self.version = LedgerVersion(ledger: ledger)
        self.metrics = ServerMetrics(ledger: ledger)
        self.sessions = ledger.sessionStore() ?? Sessions()
        self.library = library
        self.signingKey = signingKey
        self.origin = origin
    }

    /// Serves until the process is stopped.
    public func run(host: String, port: Int) async throws {
        var logger = Logger(label: "weightledger")
        logger.logLevel = logRequests ? .info : .warning
        let fileLimit = FileLimit.raiseToHard()
        let connections = FileLimit.connections(settings.maxConnections, fileLimit: fileLimit)
        if connections < settings.maxConnections {
            let reason = "the process may open \(fileLimit) files (raise 'ulimit -n' or LimitNOFILE=)"
            logger.warning("serving at most \(connections) connections, not \(settings.maxConnections): \(reason)")
        }
        let timeouts = settings.timeouts
        let app = Application(
            router: router(),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionDeadlines(timeouts)])),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "weightledger", backlog: 1024,
                availableConnectionsDelegate: MaximumAvailableConnections(connections)),
            logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError {
            throw InputError("\(Self.listenFailure(error, host: host, port: port))")
        } catch is SocketAddressError.UnknownHost {
            throw InputError("cannot listen on \(host):\(port): no such host (--host)")
        }
    }

    /// Why the server could not listen, naming the address (NIO says only "bind(descriptor:…)").
    static func listenFailure(_ error: IOError, host: String, port: Int) -> String {
        let place = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        switch error.errnoCode {
        case EADDRINUSE: return "cannot listen on \(place): another process is listening there (choose another --port)"
        case EACCES: return "cannot listen on \(place): permission denied (ports below 1024 need privileges)"
        case EADDRNOTAVAIL: return "cannot listen on \(place): no interface of this machine has that address (--host)"
        default: return "cannot listen on \(place): \(String(cString: strerror(error.errnoCode)))"
        }
    }

    func router() -> Router<LedgerRequestContext> {
        let router = Router(context: LedgerRequestContext.self)
        router.middlewares.add(MetricsMiddleware(metrics: metrics))
        router.middlewares.add(ClientAddressMiddleware(trustForwardedFor: settings.trustForwardedFor))
        if logRequests { router.middlewares.add(RequestLogMiddleware(format: settings.logFormat)) }
        router.middlewares.add(CrossOriginMiddleware(allowed: Set(settings.allowedOrigins.map { $0.lowercased() })))
        addOperatorRoutes(to: router)
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        addAPIRoutes(to: router.group("api/v1"))
        addPageRoutes(to: router)
        return router
    }

    /// A context whose events name the token as their actor, sharing the open ledger.
    func context(_ caller: Caller) -> AppContext {
        AppContext(location: location, actor: ActorName.client(caller.name), shared: ledger)
    }

    /// Runs ledger work on a thread outside Swift's cooperative pool: reads wait for a pooled
    /// connection and writes for their group's fsync, and neither may stall the event loops.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs a use case off the loop, turning its errors into API errors with the CLI's one-line message.
    func call<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do { return try await blocking(body) } catch { throw APIError(error) }
    }

    /// A read-only JSON answer, from the cache while the ledger is unchanged. `day`: the date the
    /// answer depends on when the request does not name one (today), so it is not served past midnight.
    func cachedJSON<T: Encodable & Sendable>(
        _ request: Request, version: Int64, day: LedgerDate? = nil, _ compute: @escaping @Sendable () throws -> T
    ) async throws -> Response {
        let key = request.uri.description + (day.map { " as of \($0)" } ?? "")
        let bytes: [UInt8]
        if let hit = cache.answer(key, at: version) {
            bytes = hit
        } else {
            bytes = try await call { try CanonicalJSON.bytes(encoding: try compute()) }
            cache.store(key, bytes, at: version)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// JSON bodies are RFC 8785 canonical JSON (sorted keys, shortest numbers), written by the
    /// ledger's own encoder: deterministic, and several times faster than Foundation's.
    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try CanonicalJSON.bytes(encoding: value))))
    }
}
