import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// A pack as evaluated: identity, digest and standing on the date.
public struct PackView: Encodable, Sendable {
    let id: String
    let version: String
    let title: String
    let digest: String
    let status: String
    let enforced: Bool
    let source: String
    let overridesBuiltin: Bool

    /// The JSON view of `LoadedPack`.
    public init(_ loaded: LoadedPack, status: PackStatus) {
        id = loaded.pack.id
        version = loaded.pack.version
        title = loaded.pack.title
        digest = loaded.digest
        self.status = status.standing.rawValue
        enforced = status.enforced
        source = loaded.source
        overridesBuiltin = loaded.overrides
    }
}

/// `policy show --json`: identity, digest and standing, and the pack document itself.
public struct PackDocumentView: Encodable, Sendable {
    let id: String
    let version: String
    let source: String
    let digest: String
    let status: String
    let date: LedgerDate
    let document: JSONValue

    /// The JSON view of `LoadedPack`.
    public init(_ loaded: LoadedPack, on date: LedgerDate) {
        id = loaded.pack.id
        version = loaded.pack.version
        source = loaded.source
        digest = loaded.digest
        status = loaded.pack.status(on: date).standing.rawValue
        self.date = date
        document = loaded.document
    }
}
