import HTTPTypes
import Hummingbird

/// Counts every request for `/metrics` by the route it matched (the pattern, or `unmatched`),
/// its method and status, with its latency.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await Self.observing(request, context, next) { status, took in
            metrics.request(
                route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status.code,
                took: took)
        }
    }

    /// Runs the rest of the chain and tells `answered` the status the client gets (a thrown
    /// error's own, else 500) and how long it took: what the request log and the metrics observe.
    static func observing(
        _ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response,
        answered: (HTTPResponse.Status, Duration) -> Void
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            answered(response.status, ContinuousClock.now - start)
            return response
        } catch {
            answered((error as? any HTTPResponseError)?.status ?? .internalServerError, ContinuousClock.now - start)
            throw error
        }
    }
}
