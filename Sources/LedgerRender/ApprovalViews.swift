import LedgerCore
import LedgerUseCases

/// `approve --json`, and each approval in `review --format json`.
public struct ApprovalView: Encodable, Sendable {
    let seq: Int64
    let artifact: ArtifactDigest
    let destination: String
    let by: String
    let note: Nullable<String>
    let reportDigest: String
    let date: String
    let exporter: Nullable<String>
    let packs: [ApprovalRecorded.PackUsed]
    /// In a review: whether it holds for the report, and why not.
    let holds: Nullable<Bool>
    let explanation: Nullable<String>

    init(_ approval: ApprovalRecorded, seq: Int64, holds: Bool?, explanation: String?) {
        self.seq = seq
        artifact = approval.digest
        destination = approval.destination.code
        by = approval.by
        note = Nullable(approval.note)
        reportDigest = approval.reportDigest
        date = approval.date.description
        exporter = Nullable(approval.exporter?.value)
        packs = approval.packs
        self.holds = Nullable(holds)
        self.explanation = Nullable(explanation)
    }

    /// The JSON view of a recorded approval.
    public init(_ outcome: ApproveOutcome) {
        self.init(outcome.approval, seq: outcome.seq, holds: nil, explanation: nil)
    }

    /// The JSON view of an approval as a review weighs it.
    public init(_ standing: ApprovalStanding) {
        self.init(standing.approval, seq: standing.seq, holds: standing.holds, explanation: standing.explanation)
    }
}

extension ReviewRenderer {
    /// What `approve` prints.
    public static func approvalLine(_ outcome: ApproveOutcome) -> String {
        let approval = outcome.approval
        let label = outcome.report.check.artifact.names.first?.description ?? approval.digest.value
        return "approved: \(SafeText.line(label)) to \(approval.destination.code) by \(SafeText.line(approval.by)) "
            + "(event \(outcome.seq)); report \(approval.reportDigest) of \(approval.date)"
    }

    /// One line per approval of the artifact in a review, with whether it holds and why not.
    static func approvalLines(_ report: ReviewReport) -> [String] {
        report.approvals.map {
            "event \($0.seq), \(SafeText.line($0.recordedAt)), \($0.approval.destination.code), approved by "
                + "\(SafeText.line($0.approval.by)) (recorded by \(SafeText.line($0.actor)))"
                + ($0.approval.note.map { ", note: \(SafeText.line($0))" } ?? "") + ": \($0.explanation)"
        }
    }
}
