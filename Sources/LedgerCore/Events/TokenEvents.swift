/// An API token was made for the server. Only the SHA-256 of the token is recorded.
public struct TokenCreated: Codable, Equatable, Sendable {
    /// The token's name, the actor of what it does.
    public let name: String
    /// registrar, reviewer, auditor or admin.
    public let role: String
    /// Lowercase hex SHA-256 of the token text.
    public let sha256: String

    /// A token record with every field given.
    public init(name: String, role: String, sha256: String) {
        self.name = name
        self.role = role
        self.sha256 = sha256
    }
}

/// A token was revoked: the server refuses it from then on.
public struct TokenRevoked: Codable, Equatable, Sendable {
    /// The revoked token's name.
    public let name: String
    /// The revocation of the token named `name`.
    public init(name: String) { self.name = name }
}
