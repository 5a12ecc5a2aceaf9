import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// What `deploy` was asked to record.
public struct DeployRequest: Sendable {
    public var reference: String
    public var destination: String
    public var recipient: String?
    public var date: String?
    public var kind: String?
    public var license: String?
    public var strict: Bool
    public var policies: [String]

    public init(reference: String, destination: String, recipient: String? = nil, date: String? = nil, kind: String? = nil,
                license: String? = nil, strict: Bool = false, policies: [String] = []) {
        self.reference = reference
        self.destination = destination
        self.recipient = recipient
        self.date = date
        self.kind = kind
        self.license = license
        self.strict = strict
        self.policies = policies
    }
}

/// A deployment `--strict` refused: what blocks it. Nothing was written.
public struct DeploymentRefused: Error, CustomStringConvertible, Sendable {
    public let report: CheckReport
    public var description: String {
        let blocking = report.blocking.map { "\($0.finding.pack) \($0.finding.code)" }.joined(separator: ", ")
        return "refused (--strict): \(report.artifact.names.first?.description ?? report.artifact.digest.short + "…") to \(report.destination?.code ?? "?") "
            + "needs a license the ledger does not hold (\(blocking)); nothing was recorded"
    }
}

/// The recorded deployment and the evaluation stored with it.
public struct DeployOutcome: Sendable {
    public let seq: Int64
    public let license: String?
    public let report: CheckReport
}

/// `deploy`: records that weights go to a destination, with the packs' evaluation in the same event.
public struct Deploy {
    public let context: AppContext
    public let library: PolicyLibrary
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    public func run(_ request: DeployRequest) throws -> DeployOutcome {
        let parsed = try ArtifactReference(request.reference)
        let country = try CountryCode(request.destination)
        let day = try context.date(request.date)
        let kind = try request.kind.map(DeploymentKind.init(parsing:)) ?? .export
        let recipient = request.recipient.map { $0.trimmingCharacters(in: .whitespaces) }
        if let recipient, recipient.isEmpty { throw InputError("--recipient is empty") }
        let packs = try library.select(request.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let reader = writer.reader
            let digest = try reader.resolve(parsed)
            var only: [License]? = nil
            if let reference = request.license {
                guard let license = try reader.license(reference) else {
                    throw InputError("no license '\(reference)' on record (add it with 'weightledger license add')")
                }
                guard license.covers(digest, to: country, on: day) else {
                    throw InputError("license \(license.id) does not cover \(digest.short)… to \(country.code) on \(day) "
                                     + "(it names \(license.artifacts.count) artifact(s), destinations \(license.destinations.map(\.code).joined(separator: ",")), "
                                     + "valid \(license.validFrom?.description ?? "…") to \(license.validUntil?.description ?? "…"))")
                }
                only = [license]
            }
            let report = try PolicyEvaluation(packs: packs).report(reader: reader, digest: digest, destination: country, kind: kind,
                                                                   date: day, licenses: only)
            if request.strict && !report.blocking.isEmpty { throw DeploymentRefused(report: report) }
            let usedLicense = request.license.flatMap { _ in only?.first?.id } ?? report.findings.compactMap(\.resolvedBy).first
            let event = DeploymentRecorded(digest: digest, destination: country, recipient: recipient, date: day, kind: kind.rawValue,
                                           license: usedLicense, evaluation: PolicyRun.record(report.verdicts))
            let seq = try writer.append(.deploymentRecorded(event), actor: context.actor, at: context.timestamp())
            return DeployOutcome(seq: seq, license: usedLicense, report: report)
        }
    }
}
