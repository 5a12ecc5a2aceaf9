import LedgerCore
import LedgerStore

/// `publish`: records that weights already in the ledger were published openly, as a dated event.
public struct Publish {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Records the publication in one event; refuses an artifact already published (a wrong
    /// publication is a correction, not a second publication).
    public func run(_ request: PublishRequest) throws -> (digest: ArtifactDigest, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(request.artifact)
            guard let record = try writer.reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            if let existing = record.training.published {
                let since = existing.date.map { " from \($0)" } ?? ""
                throw InputError(
                    "\(digest.short)… is already published at \(existing.url)\(since); a publication is recorded once")
            }
            let event = ArtifactPublished(digest: digest, publication: request.publication)
            return (digest, try writer.append(.artifactPublished(event), actor: context.actor, at: context.timestamp()))
        }
    }
}
