import Foundation
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerUseCases

/// `--log-requests`: method, path (never the query: tokens pasted into a URL must not reach a log),
/// status and time of each request; never headers or bodies. As text through the server's logger,
/// or (`--log-format json`) one JSON object per line on standard output:
/// `{"time":"…Z","method":"GET","path":"/api/v1/flags","status":200,"ms":1.234}`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let format: RequestLogFormat

    /// One request's line in JSON (canonical: keys sorted, strings escaped, so a hostile path
    /// cannot add a field or a line).
    static func jsonLine(time: String, method: String, path: String, status: Int, milliseconds: Double) -> String {
        struct Line: Encodable {
            let time: String
            let method: String
            let path: String
            let status: Int
            let ms: Double
        }
        let line = Line(
            time: time, method: method, path: path, status: status, ms: (milliseconds * 1000).rounded() / 1000)
        return (try? String(decoding: CanonicalJSON.bytes(encoding: line), as: UTF8.self)) ?? "{}"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let rawPath = String(request.uri.path.prefix(512))
        return try await ObservedAnswer.run(request, context, next) { status, duration in
            let took = duration.components
            let milliseconds = Double(took.seconds) * 1000 + Double(took.attoseconds) / 1e15
            switch format {
            case .text:
                let text =
                    "\(request.method.rawValue) \(SafeText.line(rawPath)) \(status.code) "
                    + "\(String(format: "%.1f", milliseconds)) ms"
                context.logger.info("\(text)")
            case .json:
                let line = Self.jsonLine(
                    time: Self.now(), method: request.method.rawValue, path: rawPath, status: status.code,
                    milliseconds: milliseconds)
                AccessLog.write(line)
            }
        }
    }

    /// RFC 3339 UTC with milliseconds, as events are stamped.
    static func now() -> String { AppContext.rfc3339(Date()) }
}

/// Standard output, one whole line per write (lines from concurrent requests never interleave).
enum AccessLog {
    private static let lock = NSLock()

    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
