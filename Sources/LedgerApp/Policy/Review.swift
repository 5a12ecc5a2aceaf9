import LedgerCore
import LedgerPolicy
import LedgerStore

/// What legal reads before an overseas deployment: the lineage with its facts, every pack's
/// outcome, deployments and licenses, and the pack digests the outcome rests on.
public struct ReviewReport: Sendable {
    public let lineage: LineageView
    public let check: CheckReport
    public let deployments: [DeploymentRecord]
    public let licenses: [License]
    public let ledgerPath: String
    public let generatedAt: String
}

/// `review REF [--to CC]`.
public struct Review {
    public let context: AppContext
    public let library: PolicyLibrary
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    public func run(reference: String, destination: String?, date: String?, policies: [String] = []) throws -> ReviewReport {
        let parsed = try ArtifactReference(reference)
        let country = try destination.map(CountryCode.init)
        let day = try context.date(date)
        let packs = try library.select(policies)
        let lineage = try Lineage(context: context).run(reference, direction: .ancestors)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let digest = try reader.resolve(parsed)
            let check = try PolicyEvaluation(packs: packs).report(reader: reader, digest: digest, destination: country,
                                                                  kind: country == nil ? nil : .export, date: day)
            return ReviewReport(lineage: lineage, check: check, deployments: try reader.deployments(of: digest),
                                licenses: try reader.licenses(naming: digest), ledgerPath: context.ledgerPath,
                                generatedAt: context.timestamp())
        }
    }
}
