import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Each request's context: Hummingbird's, plus the address of the client that sent it.
public struct LedgerRequestContext: RequestContext {
    /// Hummingbird's own part: logger, route parameters, body limits.
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address (nil in in-process tests, which have no socket).
    public let peerAddress: String?

    /// A context for a request that arrived on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// The client of the request being handled, for the failure limiter: set once per request by
/// `ClientAddressMiddleware`, read where credentials are checked.
enum RequestClient {
    @TaskLocal static var address = "unknown"
}

/// Sets `RequestClient.address`: the peer, or with `--trust-forwarded-for` the last address of
/// `X-Forwarded-For` (the one the operator's own proxy appended; earlier ones are the client's word).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let trustForwardedFor: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await RequestClient.$address.withValue(address(request, context)) { try await next(request, context) }
    }

    func address(_ request: Request, _ context: Context) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
            last.count <= 64, last.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 })
        {
            return last
        }
        return context.peerAddress ?? "unknown"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
