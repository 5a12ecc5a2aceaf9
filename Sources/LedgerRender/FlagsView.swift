import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// `flags --json`.
public struct FlagsView: Encodable, Sendable {
    let date: LedgerDate
    let artifacts: Int
    let deployments: Int
    let needsAttention: Int
    let findings: [FindingView]
    let packs: [PackView]

    /// The JSON view of `FlagsReport`.
    public init(_ report: FlagsReport) {
        date = report.date
        artifacts = report.artifactCount
        deployments = report.deploymentCount
        needsAttention = report.unresolved.count
        findings = report.entries.map {
            FindingView($0.finding, names: $0.artifact.names, deployment: $0.deployment?.seq)
        }
        packs = report.packs.map { PackView($0.loaded, status: $0.status) }
    }
}
