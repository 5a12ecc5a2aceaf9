import GRDB

extension SQLiteReader {
    /// Active tokens: name, role and SHA-256 hex of those a `token.created` event made and no
    /// `token.revoked` event revoked (`EventBacking`).
    func activeTokens() throws -> [(name: String, role: String, sha256: String)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT name, role, sha256 FROM tokens t
                    WHERE \(EventBacking.tokenCreated) AND NOT \(EventBacking.tokenRevoked) ORDER BY name
                    """)
        ).map {
            (try $0.value("name"), try $0.value("role"), try $0.value("sha256"))
        }
    }

    /// Whether a token with this name exists (revoked or not).
    func tokenExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?)"), arguments: [name]) ?? false
    }
}
