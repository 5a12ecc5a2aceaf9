import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// `review --format json`.
public struct ReviewView: Encodable, Sendable {
    let artifact: ArtifactDigest
    let generatedAt: String
    let ledger: String
    let lineage: [ArtifactView]
    let edges: [LineageWalk.Edge]
    let check: CheckView
    let deployments: [DeploymentView]
    let licenses: [LicenseView]
    /// `[{artifact, entries: [history entry]}]`: changes after registration, lineage order.
    let history: [HistoryView]
    /// The log the report was built from, with the inclusion proof of every event it rests on.
    let log: EvidenceView
    /// What an approval is bound to (`approve --report-digest`).
    let reportDigest: String
    /// Every approval of the artifact, with whether it holds for this report.
    let approvals: [ApprovalView]

    struct HistoryView: Encodable {
        let artifact: ArtifactDigest
        let entries: [HistoryEntryView]
    }

    /// The JSON view of `ReviewReport`.
    public init(_ report: ReviewReport) {
        artifact = report.check.artifact.digest
        generatedAt = report.generatedAt
        ledger = report.ledger
        lineage = report.lineage.nodes.map(ArtifactView.init)
        edges = report.lineage.edges
        check = CheckView(report.check)
        deployments = report.deployments.map(DeploymentView.init)
        licenses = report.licenses.map(LicenseView.init)
        log = EvidenceView(report.evidence)
        reportDigest = report.reportDigest
        approvals = report.approvals.map(ApprovalView.init)
        history = report.history.map {
            HistoryView(artifact: $0.digest, entries: $0.entries.map(HistoryEntryView.init))
        }
    }
}
