import Foundation
import LedgerCore
import LedgerStore

/// What `license add` was asked to record.
public struct LicenseRequest: Sendable {
    public var authority: String
    public var number: String
    public var artifacts: [String]
    public var destinations: [String]
    public var validFrom: String?
    public var validUntil: String?

    public init(authority: String, number: String, artifacts: [String], destinations: [String], validFrom: String? = nil, validUntil: String? = nil) {
        self.authority = authority
        self.number = number
        self.artifacts = artifacts
        self.destinations = destinations
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}

/// `license add`: records a license for named artifacts and destinations; one event.
public struct LicenseAdd {
    public let context: AppContext
    public init(context: AppContext) { self.context = context }

    /// Whether a license with this `AUTHORITY/NUMBER` is on record.
    public static func existing(context: AppContext, id: String) throws -> Bool {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { try $0.allLicenses().contains { $0.id == id } }
    }

    public func run(_ request: LicenseRequest) throws -> (license: License, seq: Int64) {
        let authority = request.authority.trimmingCharacters(in: .whitespaces)
        let number = request.number.trimmingCharacters(in: .whitespaces)
        guard !authority.isEmpty, !authority.contains("/") else { throw InputError("--authority must be a non-empty name without '/'") }
        guard !number.isEmpty else { throw InputError("--number is empty") }
        guard !request.artifacts.isEmpty else { throw InputError("a license needs at least one --artifact REF") }
        guard !request.destinations.isEmpty else { throw InputError("a license needs at least one --to COUNTRY") }
        let references = try request.artifacts.map(ArtifactReference.init)
        let countries = try request.destinations.map(CountryCode.init)
        let from = try request.validFrom.map(LedgerDate.init), until = try request.validUntil.map(LedgerDate.init)
        if let from, let until, until < from { throw InputError("--valid-until \(until) is before --valid-from \(from)") }
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let digests = try references.map(reader.resolve)
            let license = License(authority: authority, number: number, artifacts: Array(Set(digests)).sorted(),
                                     destinations: Array(Set(countries)).sorted(), validFrom: from, validUntil: until)
            if try reader.allLicenses().contains(where: { $0.id == license.id }) { throw InputError("license \(license.id) is already on record; licenses are permanent") }
            let seq = try writer.append(.licenseAdded(license), actor: context.actor, at: context.timestamp())
            return (license, seq)
        }
    }
}
