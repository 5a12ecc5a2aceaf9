/// `init --json`.
public struct InitView: Encodable, Sendable {
    let ledger: String
    let ledgerID: String
    /// False when the ledger already existed.
    let created: Bool

    /// The view of `init`'s result.
    public init(ledger: String, ledgerID: String, created: Bool) {
        self.ledger = ledger
        self.ledgerID = ledgerID
        self.created = created
    }
}

/// `name add --json`.
public struct NameAddView: Encodable, Sendable {
    let digest: String
    let name: String
    /// False when the name was already bound to these bytes.
    let added: Bool

    /// The view of `name add`'s result.
    public init(digest: String, name: String, added: Bool) {
        self.digest = digest
        self.name = name
        self.added = added
    }
}
