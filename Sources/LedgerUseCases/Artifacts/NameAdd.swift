import LedgerCore
import LedgerStore

/// Binds a name to an artifact (`name add`).
public struct NameAdd {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Returns the artifact's digest and whether a new binding was written
    /// (false when the name was already bound to these very bytes).
    /// A name that looks like an existing one needs `allowSimilar` (`NameRules`).
    public func run(
        reference: ArtifactReference, name: ArtifactName, allowSimilar: Bool = false
    ) throws -> (digest: ArtifactDigest, added: Bool) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(reference)
            if let bound = try writer.reader.binding(of: name) {
                guard bound == digest else {
                    throw InputError(
                        "name \(name) is already bound to other bytes (\(bound.short)…); names are permanent, "
                            + "choose another tag"
                    )
                }
                return (digest, false)
            }
            try NameRules.check(name, reader: writer.reader, allowSimilar: allowSimilar)
            try writer.append(
                .nameAdded(NameAdded(digest: digest, name: name)), actor: context.actor, at: context.timestamp())
            return (digest, true)
        }
    }
}
