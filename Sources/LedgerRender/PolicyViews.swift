import LedgerUseCases
import LedgerCore
import LedgerPolicy
import LedgerStore

/// An optional that encodes as JSON `null` instead of being left out: scripts rely on every key.
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public let value: Value?
    public init(_ value: Value?) { self.value = value }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// A finding as `check`, `deploy`, `flags` and `review` print it. Keys are a contract.
public struct FindingView: Encodable, Sendable {
    public let code: String
    public let severity: Severity
    public let requires: Requirement
    public let ruleRequires: Requirement
    public let pack: String
    public let packVersion: String
    public let rule: String
    public let title: String
    public let explanation: String
    public let citation: String
    public let enforced: Bool
    public let determined: Bool
    public let missingCompute: [ArtifactDigest]
    public let resolvedBy: Nullable<String>
    public let artifact: ArtifactDigest
    public let names: [ArtifactName]
    public let destination: Nullable<CountryCode>
    public let date: LedgerDate
    /// Event number of the deployment the finding is about (flags), else null.
    public let deployment: Nullable<Int64>

    public init(_ resolved: ResolvedFinding, names: [ArtifactName], deployment: Int64? = nil) {
        let finding = resolved.finding
        code = finding.code
        severity = finding.severity
        requires = finding.requires
        ruleRequires = finding.ruleRequires
        pack = finding.pack
        packVersion = finding.packVersion
        rule = finding.rule
        title = finding.ruleTitle
        explanation = finding.explanation
        citation = finding.citation
        enforced = finding.enforced
        determined = finding.determined
        missingCompute = finding.missingCompute
        resolvedBy = Nullable(resolved.resolvedBy)
        artifact = finding.artifact
        self.names = names
        destination = Nullable(finding.destination)
        date = finding.date
        self.deployment = Nullable(deployment)
    }
}

/// A pack as evaluated: identity, digest and standing on the date.
public struct PackView: Encodable, Sendable {
    public let id: String
    public let version: String
    public let title: String
    public let digest: String
    public let status: String
    public let enforced: Bool
    public let source: String
    public let overridesBuiltin: Bool

    public init(_ loaded: LoadedPack, status: PackStatus) {
        id = loaded.pack.id
        version = loaded.pack.version
        title = loaded.pack.title
        digest = loaded.digest
        self.status = status.standing.rawValue
        enforced = status.enforced
        source = loaded.source
        overridesBuiltin = loaded.overrides
    }
}

/// A compute figure as policy saw it: the sum, and whether it is complete.
public struct FigureView: Encodable, Sendable {
    public let operations: Nullable<Double>
    public let complete: Bool
    public let unknownAncestors: [ArtifactDigest]

    public init(_ figure: ComputeFigure) {
        operations = Nullable(figure.value)
        complete = figure.complete
        unknownAncestors = figure.missing
    }
}

/// `check --json`.
public struct CheckView: Encodable, Sendable {
    public let artifact: ArtifactDigest
    public let names: [ArtifactName]
    public let destination: Nullable<CountryCode>
    public let destinationName: Nullable<String>
    public let date: LedgerDate
    public let deploymentKind: Nullable<String>
    /// A rule requires a license (held or not).
    public let licenseRequired: Bool
    /// Every license requirement is met by a license on record.
    public let licensed: Bool
    /// How many findings still need a person; the exit status is 1 when this is not 0.
    public let needsAttention: Int
    public let cumulativeCompute: FigureView
    public let findings: [FindingView]
    public let packs: [PackView]

    public init(_ report: CheckReport) {
        artifact = report.artifact.digest
        names = report.artifact.names
        destination = Nullable(report.destination)
        destinationName = Nullable(report.destination?.name)
        date = report.date
        deploymentKind = Nullable(report.deploymentKind?.rawValue)
        licenseRequired = report.licenseRequired
        licensed = report.licensed
        needsAttention = report.unresolved.count
        cumulativeCompute = FigureView(report.facts.cumulative)
        findings = report.findings.map { FindingView($0, names: report.artifact.names) }
        packs = report.verdicts.map { PackView($0.loaded, status: $0.status) }
    }
}

/// `deploy --json`: the recorded deployment and the evaluation stored with it.
public struct DeployView: Encodable, Sendable {
    public let status = "recorded"
    public let event: Int64
    public let license: Nullable<String>
    public let check: CheckView

    public init(_ outcome: DeployOutcome) {
        event = outcome.seq
        license = Nullable(outcome.license)
        check = CheckView(outcome.report)
    }
}

/// `license add --json`.
public struct LicenseView: Encodable, Sendable {
    public let id: String
    public let authority: String
    public let number: String
    public let artifacts: [ArtifactDigest]
    public let destinations: [CountryCode]
    public let validFrom: Nullable<LedgerDate>
    public let validUntil: Nullable<LedgerDate>

    public init(_ license: License) {
        id = license.id
        authority = license.authority
        number = license.number
        artifacts = license.artifacts
        destinations = license.destinations
        validFrom = Nullable(license.validFrom)
        validUntil = Nullable(license.validUntil)
    }
}

/// A recorded deployment.
public struct DeploymentView: Encodable, Sendable {
    public let event: Int64
    public let artifact: ArtifactDigest
    public let destination: CountryCode
    public let recipient: Nullable<String>
    public let date: LedgerDate
    public let kind: String
    public let license: Nullable<String>
    public let unresolvedFindings: Int
    public let worstSeverity: Nullable<String>

    public init(_ record: DeploymentRecord) {
        event = record.seq
        artifact = record.digest
        destination = record.destination
        recipient = Nullable(record.recipient)
        date = record.date
        kind = record.kind
        license = Nullable(record.license)
        unresolvedFindings = record.unresolvedFindings
        worstSeverity = Nullable(record.worstSeverity)
    }
}

/// `flags --json`.
public struct FlagsView: Encodable, Sendable {
    public let date: LedgerDate
    public let artifacts: Int
    public let deployments: Int
    public let needsAttention: Int
    public let findings: [FindingView]
    public let packs: [PackView]

    public init(_ report: FlagsReport) {
        date = report.date
        artifacts = report.artifactCount
        deployments = report.deploymentCount
        needsAttention = report.unresolved.count
        findings = report.entries.map { FindingView($0.finding, names: $0.artifact.names, deployment: $0.deployment?.seq) }
        packs = report.packs.map { PackView($0.loaded, status: $0.status) }
    }
}

/// `review --format json`.
public struct ReviewView: Encodable, Sendable {
    public let artifact: ArtifactDigest
    public let generatedAt: String
    public let ledger: String
    public let lineage: [ArtifactView]
    public let edges: [LineageWalk.Edge]
    public let check: CheckView
    public let deployments: [DeploymentView]
    public let licenses: [LicenseView]

    public init(_ report: ReviewReport) {
        artifact = report.check.artifact.digest
        generatedAt = report.generatedAt
        ledger = report.ledger
        lineage = report.lineage.nodes.map(ArtifactView.init)
        edges = report.lineage.edges
        check = CheckView(report.check)
        deployments = report.deployments.map(DeploymentView.init)
        licenses = report.licenses.map(LicenseView.init)
    }
}

/// `policy show --json`: identity, digest and standing, and the pack document itself.
public struct PackDocumentView: Encodable, Sendable {
    public let id: String
    public let version: String
    public let source: String
    public let digest: String
    public let status: String
    public let date: LedgerDate
    public let document: JSONValue

    public init(_ loaded: LoadedPack, on date: LedgerDate) {
        id = loaded.pack.id
        version = loaded.pack.version
        source = loaded.source
        digest = loaded.digest
        status = loaded.pack.status(on: date).standing.rawValue
        self.date = date
        document = loaded.document
    }
}
