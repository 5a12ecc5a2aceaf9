import LedgerCore
import LedgerStore

/// `publish`: records that weights already in the ledger were published openly, as a dated event.
public struct Publish {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Records the publication in one event; refuses weights already published (and not since
    /// withdrawn): a publication is recorded once.
    public func run(_ request: PublishRequest) throws -> (digest: ArtifactDigest, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(request.artifact)
            guard let record = try writer.reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            if let existing = record.publications.publication(on: nil) {
                let since = existing.date.map { " from \($0)" } ?? ""
                throw InputError(
                    "\(digest.short)… is already published at \(existing.url)\(since); a publication is recorded once")
            }
            let event = ArtifactPublished(digest: digest, publication: request.publication)
            return (digest, try writer.append(.artifactPublished(event), actor: context.actor, at: context.timestamp()))
        }
    }
}

/// `unpublish`: records that published weights were withdrawn from a day on, as a dated event.
public struct Unpublish {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Records the withdrawal in one event; refuses weights not published on that day.
    public func run(_ request: UnpublishRequest) throws -> (digest: ArtifactDigest, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(request.artifact)
            guard let record = try writer.reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            guard record.publications.publication(on: request.date) != nil else {
                throw InputError(
                    "\(digest.short)… is not published on \(request.date): there is no publication to withdraw")
            }
            let event = ArtifactUnpublished(digest: digest, on: request.date, reason: request.reason)
            return (
                digest, try writer.append(.artifactUnpublished(event), actor: context.actor, at: context.timestamp())
            )
        }
    }
}
