import HTTPTypes
import Hummingbird

/// What the request log and the metrics observe of a request: the status the client gets and how
/// long the answer took.
enum ObservedAnswer {
    /// Runs the rest of the chain and tells `answered` the status the client gets (a thrown
    /// error's own, else 500) and how long it took.
    static func run<Context: RequestContext>(
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
