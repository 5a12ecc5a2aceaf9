import Foundation
import HTTPTypes
import Hummingbird
import LedgerRender

/// `--log-requests`: method, path (never the query: tokens pasted into a URL must not reach a log),
/// status and time of each request; never headers or bodies.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let path = SafeText.line(String(request.uri.path.prefix(512)))
        func log(_ status: HTTPResponse.Status) {
            let took = (ContinuousClock.now - start).components
            let milliseconds = Double(took.seconds) * 1000 + Double(took.attoseconds) / 1e15
            context.logger.info(
                "\(request.method.rawValue) \(path) \(status.code) \(String(format: "%.1f", milliseconds)) ms")
        }
        do {
            let response = try await next(request, context)
            log(response.status)
            return response
        } catch {
            log((error as? any HTTPResponseError)?.status ?? .internalServerError)
            throw error
        }
    }
}
