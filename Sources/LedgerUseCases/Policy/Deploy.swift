import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// A deployment `--strict` refused: what blocks it. Nothing was written.
public struct DeploymentRefused: Error, CustomStringConvertible, Sendable {
    /// The evaluation that refused it.
    public let report: CheckReport
    public var description: String {
        let blocking = report.blocking.map { "\($0.finding.pack) \($0.finding.code)" }.joined(separator: ", ")
        return
            "refused (--strict): \(report.artifact.names.first?.description ?? report.artifact.digest.short + "…") "
            + "to \(report.destination?.code ?? "?") "
            + "needs a license the ledger does not hold (\(blocking)); nothing was recorded"
    }
}

/// A deployment `--require-approval` refused: no recorded approval holds for the report as it
/// stands. Nothing was written.
public struct DeploymentNotApproved: Error, CustomStringConvertible, Sendable {
    /// The artifact, as named.
    public let artifact: String
    /// The destination.
    public let destination: CountryCode
    /// The report's digest now (what an approval must name).
    public let reportDigest: String
    /// Approvals of the artifact that no longer hold, with why.
    public let stale: [String]
    public var description: String {
        "refused (--require-approval): no approval holds for \(artifact) to \(destination.code) with the report as "
            + "it stands (\(reportDigest))"
            + (stale.isEmpty ? "" : "; " + stale.joined(separator: "; "))
            + "; run 'weightledger review' and 'weightledger approve'; nothing was recorded"
    }
}

/// The recorded deployment and the evaluation stored with it.
public struct DeployOutcome: Sendable {
    /// The `deployment.recorded` event.
    public let seq: Int64
    /// The license relied on, if any.
    public let license: String?
    /// The evaluation stored with it.
    public let report: CheckReport
}

/// `deploy`: records that weights go to a destination, with the packs' evaluation in the same event.
public struct Deploy {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Evaluates and records the deployment in one transaction; `strict` refuses instead of
    /// recording one that needs a license the ledger does not hold.
    public func run(_ request: Deployment) throws -> DeployOutcome {
        let country = request.destination
        let day = context.date(request.date)
        let kind = request.kind
        let packs = try library.select(request.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let digest = try reader.resolve(request.artifact)
            var only: [License]? = nil
            if let reference = request.license {
                guard let license = try reader.license(reference) else {
                    throw InputError("no license '\(reference)' on record (add it with 'weightledger license add')")
                }
                guard license.covers(digest, to: country, on: day) else {
                    throw InputError(
                        "license \(license.id) does not cover \(digest.short)… to \(country.code) on \(day) "
                            + "(it names \(license.artifacts.count) artifact(s), destinations "
                            + "\(license.destinations.map(\.code).joined(separator: ",")), "
                            + "valid \(license.validFrom?.description ?? "…") to "
                            + "\(license.validUntil?.description ?? "…"))"
                    )
                }
                only = [license]
            }
            let report = try PolicyEvaluation(packs: packs).report(
                reader: reader, digest: digest, destination: country, kind: kind,
                date: day, exporter: request.exporter, licenses: only)
            if request.strict && !report.blocking(enforcedOnly: request.enforcedOnly).isEmpty {
                throw DeploymentRefused(report: report)
            }
            if request.requireApproval {
                // The report legal reviews (every licence, not only --license's), built as review builds it.
                let review = try ReviewRequest(
                    artifact: digest.value, to: country.code, on: day.description, policies: request.policies,
                    exporter: request.exporter?.value)
                let reviewed = try Review.report(reader, review, packs: packs, day: day, context: context)
                if !reviewed.approvals.contains(where: \.holds) {
                    throw DeploymentNotApproved(
                        artifact: report.artifact.names.first?.description ?? digest.value, destination: country,
                        reportDigest: reviewed.reportDigest,
                        stale: reviewed.approvals.filter { $0.approval.destination == country }.map {
                            "approval \($0.seq) by \($0.approval.by): \($0.explanation)"
                        })
                }
            }
            let usedLicense =
                request.license.flatMap { _ in only?.first?.id } ?? report.findings.compactMap(\.resolvedBy).first
            let event = DeploymentRecorded(
                digest: digest, destination: country, recipient: request.recipient, date: day, kind: kind.rawValue,
                license: usedLicense, evaluation: PolicyRun.record(report.verdicts), exporter: request.exporter)
            let seq = try writer.append(.deploymentRecorded(event), actor: context.actor, at: context.timestamp())
            return DeployOutcome(seq: seq, license: usedLicense, report: report)
        }
    }
}
