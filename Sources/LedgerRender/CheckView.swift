import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// A compute figure as policy saw it: the sum, and whether it is complete.
public struct FigureView: Encodable, Sendable {
    let operations: Nullable<Double>
    let complete: Bool
    let unknownAncestors: [ArtifactDigest]
    let unknownExternalParents: [String]

    /// The JSON view of `ComputeFigure`.
    public init(_ figure: ComputeFigure) {
        operations = Nullable(figure.value)
        complete = figure.complete
        unknownAncestors = figure.missing
        unknownExternalParents = figure.missingExternal
    }
}

/// `check --json`.
public struct CheckView: Encodable, Sendable {
    let artifact: ArtifactDigest
    let names: [ArtifactName]
    let destination: Nullable<CountryCode>
    let destinationName: Nullable<String>
    let date: LedgerDate
    let deploymentKind: Nullable<String>
    /// A rule requires a license (held or not).
    let licenseRequired: Bool
    let licenseRequiredEnforced: Bool
    /// Every license requirement is met by a license on record.
    let licensed: Bool
    /// How many findings still need a person; the exit status is 1 when this is not 0.
    let needsAttention: Int
    let cumulativeCompute: FigureView
    let findings: [FindingView]
    let packs: [PackView]
    /// The organisation that made the artifact's own step, when recorded.
    let developer: Nullable<String>
    /// Who ships it as the rules read it: `--exporter`, else the developer.
    let exporter: Nullable<String>
    /// True when `exporter` is the developer because none was given.
    let exporterIsDeveloper: Bool

    /// The JSON view of `CheckReport`.
    public init(_ report: CheckReport) {
        artifact = report.artifact.digest
        names = report.artifact.names
        destination = Nullable(report.destination)
        destinationName = Nullable(report.destination?.name)
        date = report.date
        deploymentKind = Nullable(report.deploymentKind?.rawValue)
        licenseRequired = report.licenseRequired
        licenseRequiredEnforced = report.licenseRequiredEnforced
        licensed = report.licensed
        needsAttention = report.unresolved.count
        cumulativeCompute = FigureView(report.facts.cumulative)
        findings = report.findings.map { FindingView($0, names: report.artifact.names) }
        packs = report.verdicts.map { PackView($0.loaded, status: $0.status) }
        developer = Nullable(report.parties.developer?.value)
        exporter = Nullable(report.parties.exporter?.value)
        exporterIsDeveloper = report.parties.exporterIsDefault
    }
}

/// `deploy --json`: the recorded deployment and the evaluation stored with it.
public struct DeployView: Encodable, Sendable {
    let status = "recorded"
    let event: Int64
    let license: Nullable<String>
    let check: CheckView

    /// The JSON view of `DeployOutcome`.
    public init(_ outcome: DeployOutcome) {
        event = outcome.seq
        license = Nullable(outcome.license)
        check = CheckView(outcome.report)
    }
}
