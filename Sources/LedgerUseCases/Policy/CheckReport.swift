import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// The outcome of evaluating every selected pack for one artifact and (optionally) one destination.
public struct CheckReport: Sendable {
    public let artifact: PolicyArtifact
    public let destination: CountryCode?
    public let deploymentKind: DeploymentKind?
    public let date: LedgerDate
    public let facts: LineageFacts
    public let verdicts: [PackVerdict]

    public var findings: [ResolvedFinding] { verdicts.flatMap(\.findings) }

    /// A rule requires a license for this artifact and destination (whether or not one is held).
    public var licenseRequired: Bool { findings.contains { $0.finding.requires == .license && $0.finding.determined } }

    /// Every license requirement is met by a license on record.
    public var licensed: Bool { licenseRequired && !findings.contains { $0.finding.requires == .license && $0.resolvedBy == nil } }

    /// Findings that still need a person (a license, a notification, a report, a look at unknown facts).
    public var unresolved: [ResolvedFinding] { findings.filter(\.unresolved) }

    /// Exit status: 1 when something needs a license, notification or a look, else 0.
    public var exitStatus: ExitStatus { unresolved.isEmpty ? .ok : .findings }

    /// Findings that would stop a `--strict` deployment: a license rule applies, or may apply
    /// depending on unknown facts, and no license on record meets it.
    public var blocking: [ResolvedFinding] {
        findings.filter { $0.finding.ruleRequires == .license && $0.resolvedBy == nil }
    }
}

extension AppContext {
    /// Today in UTC, the default evaluation date.
    public func today() -> LedgerDate { Self.day(of: now()) }

    /// The UTC calendar day of `date`.
    public static func day(of date: Date) -> LedgerDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return try! LedgerDate(text)
    }

    /// The date asked for, else today.
    public func date(_ asked: LedgerDate?) -> LedgerDate {
        asked ?? today()
    }
}

/// Evaluates packs for one artifact in a read or write transaction (check, deploy, review).
struct PolicyEvaluation {
    let packs: [LoadedPack]

    func report(reader: any LedgerReading, digest: ArtifactDigest, destination: CountryCode?, kind: DeploymentKind?,
                date: LedgerDate, licenses only: [License]? = nil) throws -> CheckReport {
        guard let artifact = try reader.policyArtifact(digest) else { throw StoreError.unknownReference(digest.value) }
        let graph = try reader.ancestryGraph(of: digest)
        let subject = PolicyRun.subject(artifact, graph: graph, destination: destination, deploymentKind: kind, date: date)
        let licenses = try only ?? reader.licenses(naming: digest)
        return CheckReport(artifact: artifact, destination: destination, deploymentKind: kind, date: date, facts: subject.facts,
                           verdicts: PolicyRun.evaluate(packs, subject: subject, licenses: licenses))
    }
}

/// `check REF --to CC`: may these weights go there on that date, and what does each pack say.
public struct Check {
    public let context: AppContext
    public let library: PolicyLibrary
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Every selected pack's findings for the artifact going to the destination on the date.
    public func run(_ check: PolicyCheck) throws -> CheckReport {
        let day = context.date(check.date)
        let packs = try library.select(check.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try PolicyEvaluation(packs: packs).report(reader: reader, digest: try reader.resolve(check.artifact),
                                                      destination: check.destination, kind: check.kind, date: day)
        }
    }
}
