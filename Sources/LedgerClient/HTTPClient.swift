import Foundation
import LedgerCore
import LedgerUseCases

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A server's answer outside 2xx that is not "unavailable": the request itself was refused (exit 2).
public struct ServerRefusal: Error, CustomStringConvertible, Sendable {
    /// The HTTP status.
    public let status: Int
    /// The server, the status and its message.
    public let description: String
}

/// A minimal blocking JSON client for the CLI's `--server` commands.
///
/// What went wrong decides the exit status: a server that cannot be reached, or that answers 502,
/// 503, 504 or 507, is `ServerUnavailable` (exit 4: the same request may succeed later, and
/// `Retries` tries it again); any other answer outside 2xx is `ServerRefusal` (exit 2), a refused
/// token (401, 403) saying so.
public enum HTTPClient {
    /// How often to try a request again while the server is unavailable, and how long to wait:
    /// 1 s, 2 s, 4 s, … at most 30 s, or what the server's `Retry-After` asks (at most 300 s).
    public struct Retries: Sendable {
        /// Tries after the first.
        public let count: Int
        /// Told before each wait: the attempt that failed (from 1), the seconds to wait, and why.
        public let waiting: @Sendable (_ attempt: Int, _ seconds: Int, _ reason: ServerUnavailable) -> Void

        /// `count` more tries (0: none), reporting each wait to `waiting`.
        public init(
            _ count: Int, waiting: @escaping @Sendable (Int, Int, ServerUnavailable) -> Void = { _, _, _ in }
        ) {
            self.count = max(0, count)
            self.waiting = waiting
        }

        /// No second try.
        public static let none = Retries(0)

        /// The wait after failed attempt `attempt` (from 1).
        func delay(after attempt: Int, _ failure: ServerUnavailable) -> Int {
            if let asked = failure.retryAfter { return min(max(asked, 0), 300) }
            return min(1 << min(attempt - 1, 5), 30)
        }
    }

    /// Statuses that say "not now" rather than "not this".
    static let unavailableStatuses: Set<Int> = [502, 503, 504, 507]

    /// Sends a request, again while the server is unavailable (`retries`); returns the body of a
    /// 2xx answer, or throws.
    public static func send(
        _ method: String, _ url: URL, token: String, body: Data?, retries: Retries = .none,
        timeout: TimeInterval = 300
    ) throws -> Data {
        var attempt = 1
        while true {
            do {
                return try sendOnce(method, url, token: token, body: body, timeout: timeout)
            } catch let failure as ServerUnavailable where attempt <= retries.count {
                let seconds = retries.delay(after: attempt, failure)
                retries.waiting(attempt, seconds, failure)
                Thread.sleep(forTimeInterval: TimeInterval(seconds))
                attempt += 1
            }
        }
    }

    private static func sendOnce(
        _ method: String, _ url: URL, token: String, body: Data?, timeout: TimeInterval
    ) throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        final class Box: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            (box.data, box.response, box.error) = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        let server = place(url)
        if let error = box.error { throw failure(error, server: server) }
        guard let http = box.response as? HTTPURLResponse else {
            throw ServerUnavailable("\(server): no HTTP answer")
        }
        let data = box.data ?? Data()
        guard (200..<300).contains(http.statusCode) else {
            let message = "\(server) answered \(http.statusCode): \(errorMessage(data))"
            if unavailableStatuses.contains(http.statusCode) {
                let wait = (http.value(forHTTPHeaderField: "Retry-After")).flatMap { Int($0) }
                throw ServerUnavailable(message, retryAfter: wait)
            }
            let refused = http.statusCode == 401 || http.statusCode == 403
            throw ServerRefusal(
                status: http.statusCode, description: message + (refused ? " (the token was refused)" : ""))
        }
        return data
    }

    /// `host:port` as a message names the server.
    static func place(_ url: URL) -> String {
        let host = url.host ?? "server"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    /// A transport error: the server could not be reached (exit 4), or the request could not be
    /// made as asked (a bad URL, a certificate not trusted: exit 2).
    static func failure(_ error: Error, server: String) -> Error {
        let reason = error.localizedDescription
        guard let code = (error as? URLError)?.code else {
            return ServerUnavailable("cannot reach \(server): \(reason)")
        }
        switch code {
        case .badURL, .unsupportedURL, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired, .userAuthenticationRequired:
            return InputError("\(server): \(reason)")
        default:
            return ServerUnavailable("cannot reach \(server): \(reason)")
        }
    }

    /// The server's `{"error": {"message": …}}`, or the start of its body.
    static func errorMessage(_ data: Data) -> String {
        struct ErrorBody: Decodable {
            struct Inner: Decodable { let message: String }
            let error: Inner
        }
        // The CLI prints it on one line with nothing hidden in it (`SafeText`).
        return (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error.message
            ?? String(decoding: data.prefix(200), as: UTF8.self)
    }
}
