import LedgerCore
import LedgerStore

/// Creates an empty ledger (`init`); an existing ledger is left as it is.
public struct InitLedger {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Returns the ledger's id and whether this call created it.
    public func run() throws -> (ledgerID: String, created: Bool) {
        let ledger = try context.openLedger(.createIfMissing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let created = try writer.createIfNeeded(
                actor: context.actor, at: context.timestamp(), id: context.newLedgerID())
            return (try writer.reader.ledgerID() ?? "", created)
        }
    }
}
