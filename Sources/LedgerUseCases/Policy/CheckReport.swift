import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// The outcome of evaluating every selected pack for one artifact and (optionally) one destination.
public struct CheckReport: Sendable {
    /// The artifact evaluated.
    public let artifact: PolicyArtifact
    /// Where it goes; nil for artifact-level rules only.
    public let destination: CountryCode?
    /// How it goes, with a destination.
    public let deploymentKind: DeploymentKind?
    /// The evaluation date.
    public let date: LedgerDate
    /// The lineage facts the rules read (cumulative compute, publication, …).
    public let facts: LineageFacts
    /// Every selected pack's verdict.
    public let verdicts: [PackVerdict]
    /// Who made it and who ships it, as the rules read them.
    public let parties: Parties

    /// A report with every field given.
    public init(
        artifact: PolicyArtifact, destination: CountryCode?, deploymentKind: DeploymentKind?, date: LedgerDate,
        facts: LineageFacts, verdicts: [PackVerdict], parties: Parties = Parties()
    ) {
        self.artifact = artifact
        self.destination = destination
        self.deploymentKind = deploymentKind
        self.date = date
        self.facts = facts
        self.verdicts = verdicts
        self.parties = parties
    }

    /// Every pack's findings, most severe first (block, warn, info), in pack and rule order within each.
    public var findings: [ResolvedFinding] { Severity.ordered(verdicts.flatMap(\.findings)) { $0.finding.severity } }

    /// A rule requires a license for this artifact and destination (whether or not one is held).
    public var licenseRequired: Bool { findings.contains { $0.finding.requires == .license && $0.finding.determined } }

    /// A rule enforced on the date requires a license (`licenseRequired` says what the rules' text
    /// requires, whether or not it is enforced).
    public var licenseRequiredEnforced: Bool {
        findings.contains { $0.finding.requires == .license && $0.finding.determined && $0.finding.enforced }
    }

    /// Findings that still need a person; with `enforcedOnly`, only those of rules enforced on the date.
    public func unresolved(enforcedOnly: Bool) -> [ResolvedFinding] {
        enforcedOnly ? unresolved.filter(\.finding.enforced) : unresolved
    }

    /// The exit status, counting only enforced rules when `enforcedOnly` (`check --enforced-only`).
    public func exitStatus(enforcedOnly: Bool) -> ExitStatus {
        unresolved(enforcedOnly: enforcedOnly).isEmpty ? .ok : .findings
    }

    /// Every license requirement is met by a license on record.
    public var licensed: Bool {
        licenseRequired && !findings.contains { $0.finding.requires == .license && $0.resolvedBy == nil }
    }

    /// Findings that still need a person (a license, a notification, a report, a look at unknown facts).
    public var unresolved: [ResolvedFinding] { findings.filter(\.unresolved) }

    /// Exit status: 1 when something needs a license, notification or a look, else 0.
    public var exitStatus: ExitStatus { unresolved.isEmpty ? .ok : .findings }

    /// `blocking`, with `enforcedOnly` only those of rules enforced on the date (`deploy --strict --enforced-only`).
    public func blocking(enforcedOnly: Bool) -> [ResolvedFinding] {
        enforcedOnly ? blocking.filter(\.finding.enforced) : blocking
    }

    /// Findings that would stop a `--strict` deployment: a license rule applies, or may apply
    /// depending on unknown facts, and no license on record meets it (enforced or not).
    public var blocking: [ResolvedFinding] {
        findings.filter { $0.finding.ruleRequires == .license && $0.resolvedBy == nil }
    }
}
