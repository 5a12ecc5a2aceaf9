import Foundation
import Hashing
import LedgerCore
import LedgerUseCases

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `register --server URL --token-file F`: hashes and inspects locally, then posts the manifest
/// and facts to `POST /api/v1/artifacts`. The server never reads the client's paths.
public struct RemoteRegister {
    /// The server's base URL (http or https).
    public let server: URL
    /// The registrar token, sent as a bearer token and never printed.
    public let token: String
    /// Hashes the bytes (jobs, ignores, progress).
    public let hasher: ArtifactHasher

    /// A client of `server`, with the token read from `tokenFile`.
    public init(server: String, tokenFile: String, hasher: ArtifactHasher = ArtifactHasher()) throws {
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw DomainError.invalid(field: "server", value: server, expected: "an http:// or https:// URL")
        }
        let text: String
        do { text = try String(contentsOfFile: tokenFile, encoding: .utf8) } catch {
            throw InputError("\(field: "tokenFile") \(tokenFile): cannot read it (\(error.localizedDescription))")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            throw InputError("\(field: "tokenFile") \(tokenFile): no token in it")
        }
        self.server = url
        self.token = token
        self.hasher = hasher
    }

    /// Checks the facts, hashes and inspects `path` here, resolves `--params auto` from its
    /// headers, and posts the manifest and facts. Returns the server's JSON answer (`register
    /// --json` shape) after a 200 or 201.
    public func run(path: String, facts: Registration.Draft, plan: HubPlan? = nil) throws -> Data {
        let registration = try Registration(facts)  // bad facts are refused before hashing
        let submission = try ArtifactSubmission.hashing(path: path, hasher: hasher).with(plan, path: path)
        var sent = facts
        if case .countingFromHeaders = registration.compute {
            sent.compute = ComputeDraft(try registration.compute.resolved(model: submission.model, path: path))
        }
        var located = submission
        located.location = submission.location.map { "\(ProcessInfo.processInfo.hostName):\($0)" }
        let body = try JSONEncoder().encode(RegistrationBody(artifact: located, facts: sent))
        return try HTTPClient.send("POST", server.appendingPathComponent("api/v1/artifacts"), token: token, body: body)
    }
}
