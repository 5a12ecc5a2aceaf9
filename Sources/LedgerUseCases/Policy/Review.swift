import LedgerCore
import LedgerPolicy
import LedgerStore

/// What legal reads before an overseas deployment: the lineage with its facts, every pack's
/// outcome, deployments and licenses, and the pack digests the outcome rests on.
public struct ReviewReport: Sendable {
    /// The ancestry with each member's facts.
    public let lineage: LineageWalk
    /// Every pack's outcome.
    public let check: CheckReport
    /// Deployments of the artifact, in the order recorded.
    public let deployments: [DeploymentRecord]
    /// Licenses naming it.
    public let licenses: [License]
    /// The ledger, as its location names it.
    public let ledger: String
    /// When the report was made (RFC 3339, UTC).
    public let generatedAt: String
    /// Every change to the facts of each artifact in the lineage after its registration
    /// (publications, withdrawals, corrections), in lineage order; artifacts without any are left out.
    public let history: [(digest: ArtifactDigest, label: String, entries: [FactHistoryEntry])]
    /// The log the report was built from and the proofs of every event it rests on.
    public let evidence: LogEvidence
    /// The digest of what the report decides (`ReportDigest`): what an approval is bound to.
    public let reportDigest: String
    /// Every approval of the artifact, oldest first, with whether it holds for this report.
    public let approvals: [ApprovalStanding]
    /// Each lineage member's own worst open finding for the destination and date (the colour of its
    /// node); absent when nothing needs a person.
    public let worst: [ArtifactDigest: Severity]
}

/// `review REF [--to CC]`.
public struct Review {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// The report for the artifact (and destination) as of the date.
    public func run(_ request: ReviewRequest) throws -> ReviewReport {
        let packs = try library.select(request.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try Self.report(reader, request, packs: packs, day: context.date(request.date), context: context)
        }
    }

    /// The report in one read snapshot (`approve` and `deploy --require-approval` build the same
    /// report inside their write transaction, so the digest they compare is the one `review` prints).
    static func report(
        _ reader: any LedgerReading, _ request: ReviewRequest, packs: [LoadedPack], day: LedgerDate,
        context: AppContext
    ) throws -> ReviewReport {
        let country = request.destination
        let digest = try reader.resolve(request.artifact)
        let lineage = try Lineage.walk(reader, from: digest, direction: .ancestors, limit: .max).view
        let check = try PolicyEvaluation(packs: packs).report(
            reader: reader, digest: digest, destination: country,
            kind: country == nil ? nil : .export, date: day, exporter: request.exporter)
        let deployments = try reader.deployments(of: digest)
        let licenses = try reader.licenses(naming: digest)
        // The report is built only from tables its events back, each event proven in the tree.
        var evidence = ReportEvidence(reader: reader)
        try evidence.check(records: lineage.nodes.map(\.record))
        try evidence.check(deployments: deployments)
        try evidence.check(licenses: licenses, naming: digest)
        try evidence.check(organisations: try reader.organisations())
        let approvals = try evidence.approvals(of: digest)
        let history = try lineage.nodes.compactMap { node in
            let later = try FactHistoryEntry.entries(evidence.factEvents[node.record.digest] ?? []).filter {
                $0.type != "artifact.registered"
            }
            let label = node.record.names.first?.description ?? node.record.digest.short + "…"
            return later.isEmpty ? nil : (node.record.digest, label, later)
        }
        let reportDigest = try ReportDigest.of(
            check: check, lineage: lineage, licenses: licenses, exporter: request.exporter)
        let used = ReportDigest.packs(check)
        var worst: [ArtifactDigest: Severity] = [:]
        let evaluation = PolicyEvaluation(packs: packs)
        for node in lineage.nodes {
            let own =
                node.record.digest == digest
                ? check
                : try evaluation.report(
                    reader: reader, digest: node.record.digest, destination: country,
                    kind: country == nil ? nil : .export, date: day, exporter: request.exporter)
            worst[node.record.digest] = own.unresolved.map(\.finding.severity).max()
        }
        return ReviewReport(
            lineage: lineage, check: check, deployments: deployments,
            licenses: licenses, ledger: context.location.description,
            generatedAt: context.timestamp(), history: history, evidence: try evidence.finish(),
            reportDigest: reportDigest,
            approvals: approvals.map {
                ApprovalStanding.of(
                    $0.approval, seq: $0.event.seq, recordedAt: $0.event.recordedAt, actor: $0.event.actor,
                    reportDigest: reportDigest, destination: country, packs: used)
            }, worst: worst)
    }
}
