import Foundation
import LedgerCore
import LedgerStore

/// `license add`: records a license for named artifacts and destinations; one event.
public struct LicenseAdd {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Whether a license with this `AUTHORITY/NUMBER` is on record.
    public static func existing(context: AppContext, id: String) throws -> Bool {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { try $0.allLicenses().contains { $0.id == id } }
    }

    /// Records the license as one event; refuses one already on record.
    public func run(_ grant: LicenseGrant) throws -> (license: License, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let digests = try grant.artifacts.map(reader.resolve)
            let license = License(
                authority: grant.authority, number: grant.number, artifacts: Array(Set(digests)).sorted(),
                destinations: Array(Set(grant.destinations)).sorted(), validFrom: grant.validFrom,
                validUntil: grant.validUntil)
            if try reader.allLicenses().contains(where: { $0.id == license.id }) {
                throw InputError("license \(license.id) is already on record; licenses are permanent")
            }
            let seq = try writer.append(.licenseAdded(license), actor: context.actor, at: context.timestamp())
            return (license, seq)
        }
    }
}
