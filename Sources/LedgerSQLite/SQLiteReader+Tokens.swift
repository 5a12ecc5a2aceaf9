import GRDB

extension SQLiteReader {
    /// Active (not revoked) tokens: name, role and SHA-256 hex.
    func activeTokens() throws -> [(name: String, role: String, sha256: String)] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, role, sha256 FROM tokens WHERE revoked_seq IS NULL ORDER BY name")
        ).map {
            ($0["name"], $0["role"], $0["sha256"])
        }
    }

    /// Whether a token with this name exists (revoked or not).
    func tokenExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?)"), arguments: [name]) ?? false
    }
}
