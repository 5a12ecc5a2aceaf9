import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// A finding as `check`, `deploy`, `flags` and `review` print it. Keys are a contract.
public struct FindingView: Encodable, Sendable {
    let code: String
    let severity: Severity
    let requires: Requirement
    let ruleRequires: Requirement
    let pack: String
    let packVersion: String
    let rule: String
    let title: String
    let explanation: String
    let citation: String
    let enforced: Bool
    let determined: Bool
    let missingCompute: [ArtifactDigest]
    let resolvedBy: Nullable<String>
    let artifact: ArtifactDigest
    let names: [ArtifactName]
    let destination: Nullable<CountryCode>
    let date: LedgerDate
    /// Event number of the deployment the finding is about (flags), else null.
    let deployment: Nullable<Int64>

    /// The JSON view of `ResolvedFinding`.
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
