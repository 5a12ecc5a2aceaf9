import LedgerCore
import LedgerStore

/// A page of the deployment register: newest first, each with its artifact's name.
public struct DeploymentPage: Sendable {
    /// The deployments on this page, newest first, with the artifact's first name (if any).
    public let entries: [(deployment: DeploymentRecord, name: String?)]
    /// Where the next page starts (`before`), when there are more.
    public let next: Int64?
}

/// The licence register: every licence with the names of the artifacts it covers.
public struct LicenseRegister: Sendable {
    /// Every licence, oldest first, with the first name of each artifact it covers (nil: unnamed).
    public let entries: [(license: License, names: [ArtifactDigest: String])]
    /// The date the standing (valid or not) is read as of.
    public let date: LedgerDate
}

/// The pages legal prints: deployments (paged) and licences.
public struct Registers {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// The most deployments a page holds.
    public static let maxPage = 500

    /// At most `limit` deployments recorded before event `before` (to `destination`, if given).
    public func deployments(before: Int64?, destination: CountryCode?, limit: Int = 100) throws -> DeploymentPage {
        let size = max(1, min(limit, Self.maxPage))
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let rows = try reader.deployments(before: before, destination: destination, limit: size + 1)
            var names: [ArtifactDigest: String?] = [:]
            let entries = try rows.prefix(size).map { deployment in
                if names[deployment.digest] == nil {
                    names[deployment.digest] = try reader.record(deployment.digest)?.names.first?.description
                }
                return (deployment, names[deployment.digest] ?? nil)
            }
            return DeploymentPage(entries: entries, next: rows.count > size ? entries.last?.0.seq : nil)
        }
    }

    /// Every licence with its artifacts' names, read as of `date` (default today).
    public func licenses(on date: LedgerDate? = nil) throws -> LicenseRegister {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let entries = try reader.allLicenses().map { license in
                var names: [ArtifactDigest: String] = [:]
                for digest in license.artifacts {
                    names[digest] = try reader.record(digest)?.names.first?.description
                }
                return (license, names)
            }
            return LicenseRegister(entries: entries, date: context.date(date))
        }
    }
}
