import LedgerCore
import LedgerStore

/// `location remove|move`: a recorded location stops being checked, or is replaced by where the
/// bytes are now, as one event (the old location stays in the log with the reason).
public struct ChangeLocation {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Records the change in one event. Refuses a location the artifact does not have now, and a
    /// move to a location it already has.
    public func run(_ change: LocationChange) throws -> (digest: ArtifactDigest, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let digest = try writer.reader.resolve(change.artifact)
            guard let record = try writer.reader.record(digest) else { throw StoreError.unknownReference(digest.value) }
            guard record.locations.contains(change.path) else {
                let known = record.locations.isEmpty ? "none" : record.locations.joined(separator: ", ")
                throw InputError(
                    "\(digest.short)… has no location \(change.path) (its locations: \(known))")
            }
            let event: LedgerEvent
            switch change.action {
            case .remove:
                event = .locationRemoved(LocationRemoved(digest: digest, path: change.path, reason: change.reason))
            case .move(let to):
                guard !record.locations.contains(to) else {
                    throw InputError("\(digest.short)… already has the location \(to); remove \(change.path) instead")
                }
                // The new location is hashed as the old one was.
                let hashing = try writer.reader.locationHashing(of: digest, path: change.path)
                event = .locationMoved(
                    LocationMoved(digest: digest, from: change.path, to: to, reason: change.reason, hashing: hashing))
            }
            return (digest, try writer.append(event, actor: context.actor, at: context.timestamp()))
        }
    }
}
