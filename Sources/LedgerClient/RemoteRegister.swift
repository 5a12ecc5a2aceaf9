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
    /// Tries again while the server is unavailable (`--retries`).
    public let retries: HTTPClient.Retries

    /// The token as the server knows it (`GET /api/v1/whoami`).
    public struct Identity: Decodable, Sendable {
        /// The token's name (the actor of what it records).
        public let name: String
        /// Its role.
        public let role: String
        /// What the role may do (`Permission` raw values).
        public let permissions: [String]
    }

    /// A client of `server`, with the token read from `tokenFile`.
    public init(
        server: String, tokenFile: String, hasher: ArtifactHasher = ArtifactHasher(),
        retries: HTTPClient.Retries = .none
    ) throws {
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
        self.retries = retries
    }

    /// The same client hashing with `hasher`.
    public func hashing(with hasher: ArtifactHasher) -> RemoteRegister {
        RemoteRegister(server: server, token: token, hasher: hasher, retries: retries)
    }

    private init(server: URL, token: String, hasher: ArtifactHasher, retries: HTTPClient.Retries) {
        self.server = server
        self.token = token
        self.hasher = hasher
        self.retries = retries
    }

    /// The token as the server knows it; nil from a server without `GET /api/v1/whoami` (before
    /// 0.4). Exit 4 when the server cannot be reached, 2 when it refuses the token.
    public func identity() throws -> Identity? {
        let data: Data
        do {
            data = try HTTPClient.send(
                "GET", server.appendingPathComponent("api/v1/whoami"), token: token, body: nil, retries: retries,
                timeout: 60)
        } catch let error as ServerRefusal where error.status == 404 {
            return nil
        }
        guard let identity = try? JSONDecoder().decode(Identity.self, from: data) else {
            throw InputError("\(HTTPClient.place(server)): GET /api/v1/whoami did not answer a token's identity")
        }
        return identity
    }

    /// The server is reachable and the token may register: checked before anything is hashed (a
    /// checkpoint of terabytes takes hours to hash).
    public func checkAccess() throws {
        guard let identity = try identity() else { return }
        guard identity.permissions.contains(Permission.register.rawValue) else {
            let roles = Role.allowed(.register).map(\.rawValue).joined(separator: " or ")
            throw InputError(
                "\(HTTPClient.place(server)): token \(identity.name) has role \(identity.role), which may not register "
                    + "artifacts (needs \(roles))")
        }
    }

    /// Call `checkAccess()` first, before anything of the model is read (the CLI does, before it
    /// reads the model card too): one request, not one per step.
    ///
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
        // Registering known bytes again answers 200 with nothing new: a retry after a lost answer is safe.
        return try HTTPClient.send(
            "POST", server.appendingPathComponent("api/v1/artifacts"), token: token, body: body, retries: retries)
    }
}
