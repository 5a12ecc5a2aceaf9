import LedgerCore
import LedgerPolicy
import LedgerStore

/// What `approve` recorded.
public struct ApproveOutcome: Sendable {
    /// The `approval.recorded` event.
    public let seq: Int64
    /// The approval as recorded.
    public let approval: ApprovalRecorded
    /// The report approved (built in the same transaction).
    public let report: ReviewReport
}

/// The report a person approved has changed since they saw it: nothing was recorded.
public struct ReportChanged: Error, CustomStringConvertible, Sendable {
    /// The digest they gave.
    public let seen: String
    /// The report's digest now.
    public let now: String
    public var description: String {
        "the report changed since it was reviewed (reviewed \(seen), now \(now)): review it again; nothing was recorded"
    }
}

/// `approve`: records a person's sign-off on a deployment, bound to the digest of the report,
/// built in the same transaction as `review` builds it.
public struct Approve {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs the report is evaluated with.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Builds the report, checks it is the one the approver saw (when they give its digest), and
    /// appends the approval; one transaction, one event.
    public func run(_ request: ApprovalRequest) throws -> ApproveOutcome {
        let packs = try library.select(request.review.policies)
        let day = context.date(request.review.date)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let report = try Review.report(writer.reader, request.review, packs: packs, day: day, context: context)
            if let seen = request.reportDigest, seen != report.reportDigest {
                throw ReportChanged(seen: seen, now: report.reportDigest)
            }
            guard let destination = request.review.destination else {
                throw InputError("\(field: .to) is required: an approval is for one destination")
            }
            let approval = ApprovalRecorded(
                digest: report.check.artifact.digest, destination: destination, by: request.by, note: request.note,
                reportDigest: report.reportDigest, date: day, exporter: request.review.exporter,
                packs: ReportDigest.packs(report.check))
            let seq = try writer.append(.approvalRecorded(approval), actor: context.actor, at: context.timestamp())
            return ApproveOutcome(seq: seq, approval: approval, report: report)
        }
    }
}
