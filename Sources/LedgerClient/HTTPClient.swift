import Foundation
import LedgerCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal blocking JSON client for the CLI's `--server` commands.
public enum HTTPClient {
    /// Sends a request; returns the body of a 2xx answer, or throws the server's error message.
    public static func send(_ method: String, _ url: URL, token: String, body: Data?) throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: 300)
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
        if let error = box.error { throw InputError("\(url.host ?? "server"): \(error.localizedDescription)") }
        guard let http = box.response as? HTTPURLResponse else {
            throw InputError("\(url.absoluteString): no HTTP answer")
        }
        let data = box.data ?? Data()
        guard (200..<300).contains(http.statusCode) else {
            struct ErrorBody: Decodable {
                struct Inner: Decodable { let message: String }
                let error: Inner
            }
            let message =
                (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error.message
                ?? String(decoding: data.prefix(200), as: UTF8.self)
            throw InputError("server answered \(http.statusCode): \(message)")
        }
        return data
    }
}
