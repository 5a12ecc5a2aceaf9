import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// A `FlagEntry` as the findings cache keeps it: every field, as JSON. Decoding checks every value
/// as the ledger's own types do (a digest, a country, a date), so a damaged or edited cache gives
/// an error, never a malformed entry.
struct CachedFlagEntry: Codable {
    struct Deployment: Codable {
        let seq: Int64
        let destination: CountryCode
        let recipient: String?
        let exporter: OrganisationName?
        let date: LedgerDate
        let kind: String
        let license: String?
        let unresolvedFindings: Int
        let worstSeverity: String?
    }

    let digest: ArtifactDigest
    let names: [ArtifactName]
    let kind: TrainingKind
    let trainedIn: CountryCode?
    let deployment: Deployment?
    let code: String
    let severity: Severity
    let requires: Requirement
    let ruleRequires: Requirement
    let pack: String
    let packVersion: String
    let rule: String
    let ruleTitle: String
    let explanation: String
    let citation: String
    let enforced: Bool
    let determined: Bool
    let missingCompute: [ArtifactDigest]
    let destination: CountryCode?
    let date: LedgerDate
    let resolvedBy: String?

    init(_ entry: FlagEntry) {
        let finding = entry.finding.finding
        digest = entry.artifact.digest
        names = entry.artifact.names
        kind = entry.artifact.kind
        trainedIn = entry.artifact.trainedIn
        deployment = entry.deployment.map {
            Deployment(
                seq: $0.seq, destination: $0.destination, recipient: $0.recipient, exporter: $0.exporter,
                date: $0.date, kind: $0.kind, license: $0.license, unresolvedFindings: $0.unresolvedFindings,
                worstSeverity: $0.worstSeverity)
        }
        code = finding.code
        severity = finding.severity
        requires = finding.requires
        ruleRequires = finding.ruleRequires
        pack = finding.pack
        packVersion = finding.packVersion
        rule = finding.rule
        ruleTitle = finding.ruleTitle
        explanation = finding.explanation
        citation = finding.citation
        enforced = finding.enforced
        determined = finding.determined
        missingCompute = finding.missingCompute
        destination = finding.destination
        date = finding.date
        resolvedBy = entry.finding.resolvedBy
    }

    /// The entry again.
    var entry: FlagEntry {
        FlagEntry(
            artifact: PolicyArtifact(digest: digest, names: names, kind: kind, trainedIn: trainedIn),
            deployment: deployment.map {
                DeploymentRecord(
                    seq: $0.seq, digest: digest, destination: $0.destination, recipient: $0.recipient,
                    exporter: $0.exporter, date: $0.date, kind: $0.kind, license: $0.license,
                    unresolvedFindings: $0.unresolvedFindings, worstSeverity: $0.worstSeverity)
            },
            finding: ResolvedFinding(
                finding: Finding(
                    code: code, severity: severity, requires: requires, ruleRequires: ruleRequires, pack: pack,
                    packVersion: packVersion, rule: rule, ruleTitle: ruleTitle, explanation: explanation,
                    citation: citation, enforced: enforced, determined: determined, missingCompute: missingCompute,
                    artifact: digest, destination: destination, date: date),
                resolvedBy: resolvedBy))
    }

    static func encode(_ entry: FlagEntry) throws -> [UInt8] {
        Array(try JSONEncoder().encode(CachedFlagEntry(entry)))
    }

    static func decode(_ bytes: [UInt8]) throws -> FlagEntry {
        try JSONDecoder().decode(CachedFlagEntry.self, from: Data(bytes)).entry
    }
}
