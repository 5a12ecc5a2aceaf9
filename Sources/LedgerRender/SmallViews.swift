/// `init --json`.
public struct InitView: Encodable, Sendable {
    public let ledger: String
    public let ledgerID: String
    /// False when the ledger already existed.
    public let created: Bool

    public init(ledger: String, ledgerID: String, created: Bool) {
        self.ledger = ledger
        self.ledgerID = ledgerID
        self.created = created
    }
}

/// `name add --json`.
public struct NameAddView: Encodable, Sendable {
    public let digest: String
    public let name: String
    /// False when the name was already bound to these bytes.
    public let added: Bool

    public init(digest: String, name: String, added: Bool) {
        self.digest = digest
        self.name = name
        self.added = added
    }
}
