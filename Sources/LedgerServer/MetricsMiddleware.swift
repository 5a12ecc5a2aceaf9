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
        try await ObservedAnswer.run(request, context, next) { status, took in
            metrics.request(
                route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status.code,
                took: took)
        }
    }
}
