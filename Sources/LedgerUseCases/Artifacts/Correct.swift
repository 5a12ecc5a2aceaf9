import LedgerCore
import LedgerStore

/// `correct`: records that facts of an artifact were recorded wrong, as one event holding the old
/// values, the new ones, who and why. The registration is never edited; evaluations read the
/// corrected facts from then on.
public struct Correct {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Applies the correction in one transaction; refuses one that changes nothing, a parent that
    /// would make a cycle, and a developer the ledger does not know.
    public func run(_ correction: Correction) throws -> (event: ArtifactCorrected, seq: Int64) {
        let compute =
            try correction.compute.isGiven ? correction.compute.resolved(model: nil, path: "the artifact") : nil
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let digest = try reader.resolve(correction.artifact)
            guard let record = try reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            var parents =
                try correction.parents.map { try $0.map { try reader.resolve($0) } } ?? record.training.parents
            for added in try correction.addParents.map({ try reader.resolve($0) }) {
                guard !parents.contains(added) else {
                    throw InputError("\(added.short)… is already a parent of \(digest.short)…")
                }
                parents.append(added)
            }
            for removed in try correction.removeParents.map({ try reader.resolve($0) }) {
                guard let index = parents.firstIndex(of: removed) else {
                    throw InputError("\(removed.short)… is not a parent of \(digest.short)…")
                }
                parents.remove(at: index)
            }
            let descendants = try reader.descendantGraph(of: digest).nodes.keys
            if let loop = parents.first(where: { descendants.contains($0) }) {
                throw DomainError.inconsistent(
                    loop == digest
                        ? "an artifact cannot be its own \(field: .parents)"
                        : "\(field: .parents) \(loop.short)… was made from \(digest.short)… (directly or not): lineage "
                            + "cannot loop")
            }
            if let developer = correction.developer, try reader.organisations()[developer] == nil {
                throw InputError(
                    "no organisation '\(developer)' in the ledger: add it first with `weightledger org add`")
            }
            let (corrected, changes) = try correction.applied(to: record.training, parents: parents, compute: compute)
            guard !changes.isEmpty else {
                throw InputError("nothing to correct: the record of \(digest.short)… already says so")
            }
            let event = ArtifactCorrected(
                digest: digest, reason: correction.reason, changes: changes, training: corrected)
            return (event, try writer.append(.artifactCorrected(event), actor: context.actor, at: context.timestamp()))
        }
    }
}
