import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hashing
import LedgerCore

/// `register --server URL --token-file F`: hashes and inspects locally, then posts the manifest
/// and facts to `POST /api/v1/artifacts`. The server never reads the client's paths.
public struct RemoteRegister {
    public let server: URL
    public let token: String
    public let hasher: ArtifactHasher

    public init(server: String, tokenFile: String, hasher: ArtifactHasher = ArtifactHasher()) throws {
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw DomainError.invalid(field: "--server", value: server, expected: "an http:// or https:// URL")
        }
        let text: String
        do { text = try String(contentsOfFile: tokenFile, encoding: .utf8) } catch {
            throw InputError("--token-file \(tokenFile): cannot read it (\(error.localizedDescription))")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else { throw InputError("--token-file \(tokenFile): no token in it") }
        self.server = url
        self.token = token
        self.hasher = hasher
    }

    /// The server's JSON answer (`register --json` shape) after a 200 or 201.
    public func run(_ request: RegisterRequest) throws -> Data {
        _ = try request.validated()
        let submission = try ArtifactSubmission.hashing(path: request.path, hasher: hasher)
        var request = request
        if case .countingFromHeaders(let tokens) = request.compute {
            guard let model = submission.model, model.parameters > 0 else {
                throw InputError("--params auto: \(request.path) has no safetensors or GGUF header to count parameters from; give --params N")
            }
            request.compute = .counting(parameters: Double(model.parameters), tokens: tokens)
        }
        var located = submission
        located.location = submission.location.map { "\(ProcessInfo.processInfo.hostName):\($0)" }
        let body = try JSONEncoder().encode(RegistrationBody(located, request))
        return try HTTPClient.send("POST", server.appendingPathComponent("api/v1/artifacts"), token: token, body: body)
    }
}

/// A minimal blocking JSON client for the CLI's `--server` commands.
enum HTTPClient {
    /// Sends a request; returns the body of a 2xx answer, or throws the server's error message.
    static func send(_ method: String, _ url: URL, token: String, body: Data?) throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: 300)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        final class Box: @unchecked Sendable { var data: Data?; var response: URLResponse?; var error: Error? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            (box.data, box.response, box.error) = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw InputError("\(url.host ?? "server"): \(error.localizedDescription)") }
        guard let http = box.response as? HTTPURLResponse else { throw InputError("\(url.absoluteString): no HTTP answer") }
        let data = box.data ?? Data()
        guard (200..<300).contains(http.statusCode) else {
            struct ErrorBody: Decodable { struct Inner: Decodable { let message: String }; let error: Inner }
            let message = (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error.message ?? String(decoding: data.prefix(200), as: UTF8.self)
            throw InputError("server answered \(http.statusCode): \(message)")
        }
        return data
    }
}

/// `register --server` as text, from the server's `register --json`-shaped answer.
public enum RemoteRegisterText {
    public static func render(_ answer: Data, server: String) throws -> String {
        struct Answer: Decodable {
            struct Artifact: Decodable { let digest: String; let names: [String] }
            let status: String
            let artifact: Artifact
        }
        guard let decoded = try? JSONDecoder().decode(Answer.self, from: answer) else {
            throw InputError("\(server) answered with JSON this client does not understand")
        }
        let label = decoded.artifact.names.first.map { " \($0)" } ?? ""
        return "\(decoded.status) \(decoded.artifact.digest)\(label) on \(server)"
    }
}
