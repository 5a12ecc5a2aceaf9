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

/// `location remove|move --json`.
public struct LocationChangeView: Encodable, Sendable {
    let digest: String
    /// The location as it was recorded.
    let path: String
    /// The new location of a move; absent for a removal.
    let to: String?
    /// The event that records it.
    let event: Int64

    /// The view of a location change.
    public init(digest: String, path: String, to: String?, event: Int64) {
        self.digest = digest
        self.path = path
        self.to = to
        self.event = event
    }
}
