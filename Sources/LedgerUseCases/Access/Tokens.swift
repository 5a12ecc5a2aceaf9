import Foundation
import Hashing
import LedgerCore
import LedgerStore

/// An authenticated caller: the token's name (recorded as the actor of its events) and role.
public struct Caller: Sendable, Equatable {
    /// The token's name, the actor of its events.
    public let name: String
    /// What it may do.
    public let role: Role
    /// A caller with both fields.
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// API tokens: made once and shown once, stored only as their SHA-256; compared in constant time.
public struct Tokens {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// `token create`: a new random token for `name` with `role`; the text is returned once.
    public func create(_ grant: TokenGrant) throws -> String {
        let (name, role) = (grant.name, grant.role)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token =
            "wlt_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let ledger = try context.openLedger(.createIfMissing)
        defer { context.release(ledger) }
        try ledger.write { writer in
            try writer.createIfNeeded(actor: context.actor, at: context.timestamp(), id: context.newLedgerID())
            guard try !writer.reader.tokenExists(name) else {
                throw InputError("a token named \(name) exists already; names are never reused")
            }
            try writer.append(
                .tokenCreated(
                    TokenCreated(name: name, role: role.rawValue, sha256: try SHA256.hash(Array(token.utf8)).hex)),
                actor: context.actor, at: context.timestamp())
        }
        return token
    }

    /// `token list`: the tokens not revoked, by name (their hashes stay in the ledger).
    public func list() throws -> [Caller] {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try reader.activeTokens().compactMap { token in
                Role(rawValue: token.role).map { Caller(name: token.name, role: $0) }
            }
        }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// `token revoke`.
    public func revoke(name: String) throws {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        try ledger.write { writer in
            guard try writer.reader.activeTokens().contains(where: { $0.name == name }) else {
                throw InputError("no active token named \(name)")
            }
            try writer.append(.tokenRevoked(TokenRevoked(name: name)), actor: context.actor, at: context.timestamp())
        }
    }

    /// The caller a bearer token belongs to, or nil. Every active token's hash is compared in
    /// full, in constant time, so timing says nothing about which bytes matched.
    public static func authenticate(
        _ token: String, among active: [(name: String, role: String, sha256: String)]
    ) -> Caller? {
        guard let presented = try? SHA256.hash(Array(token.utf8)).hex else { return nil }
        var found: Caller?
        for candidate in active {
            let a = Array(presented.utf8)
            let b = Array(candidate.sha256.utf8)
            var difference: UInt8 = a.count == b.count ? 0 : 1
            for index in 0..<min(a.count, b.count) { difference |= a[index] ^ b[index] }
            if difference == 0, let role = Role(rawValue: candidate.role) {
                found = Caller(name: candidate.name, role: role)
            }
        }
        return found
    }
}
