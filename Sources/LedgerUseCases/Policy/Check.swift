import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// `check REF --to CC`: may these weights go there on that date, and what does each pack say.
public struct Check {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Every selected pack's findings for the artifact going to the destination on the date.
    public func run(_ check: PolicyCheck) throws -> CheckReport {
        let day = context.date(check.date)
        let packs = try library.select(check.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try PolicyEvaluation(packs: packs).report(
                reader: reader, digest: try reader.resolve(check.artifact),
                destination: check.destination, kind: check.kind, date: day, exporter: check.exporter)
        }
    }
}
