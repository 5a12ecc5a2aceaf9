import Foundation
import Hashing
import LedgerStore
import PostgresNIO

/// Page sessions in the database, so every server of the ledger knows every sign-in. Bounded as
/// the in-memory ones are: a session ends after its lifetime, a token keeps at most `perToken`
/// sessions and the ledger at most `capacity` (the oldest end first). Only SHA-256s are stored:
/// reading the table signs no one in.
final class PostgresSessions: SessionStore, @unchecked Sendable {
    let pool: PostgresPool
    let capacity: Int
    let perToken: Int

    init(pool: PostgresPool, capacity: Int = 10_000, perToken: Int = 32) {
        self.pool = pool
        self.capacity = capacity
        self.perToken = perToken
    }

    func create(tokenSHA256: String, lifetime: TimeInterval, now: Date) throws -> String {
        let id = Self.newID()
        let key = try SHA256.hash(Array(id.utf8)).hex
        let expires = now.addingTimeInterval(lifetime)
        try pool.with { session in
            try session.run("BEGIN")
            try session.run("DELETE FROM sessions WHERE expires_at <= \(now)")
            try session.run(
                """
                DELETE FROM sessions WHERE id_sha256 IN (SELECT id_sha256 FROM sessions
                    WHERE token_sha256 = \(tokenSHA256) ORDER BY created_at DESC OFFSET \(perToken - 1))
                """)
            try session.run(
                """
                DELETE FROM sessions WHERE id_sha256 IN (SELECT id_sha256 FROM sessions ORDER BY created_at DESC
                    OFFSET \(capacity - 1))
                """)
            try session.run(
                """
                INSERT INTO sessions (id_sha256, token_sha256, created_at, expires_at)
                VALUES (\(key), \(tokenSHA256), \(now), \(expires))
                """)
            try session.run("COMMIT")
        }
        return id
    }

    func tokenSHA256(of id: String, now: Date) throws -> String? {
        let key = try SHA256.hash(Array(id.utf8)).hex
        return try pool.with { session in
            try session.value(
                "SELECT token_sha256 FROM sessions WHERE id_sha256 = \(key) AND expires_at > \(now)", as: String.self)
        }
    }

    func end(_ id: String) throws {
        let key = try SHA256.hash(Array(id.utf8)).hex
        try pool.with { session in try session.run("DELETE FROM sessions WHERE id_sha256 = \(key)") }
    }
}
