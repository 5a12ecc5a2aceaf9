import LedgerCore
import LedgerPolicy
import LedgerStore

/// One pack's verdict for one subject: its standing that day and its findings,
/// each with the license that covers it, if any.
public struct PackVerdict: Sendable {
    /// The pack.
    public let loaded: LoadedPack
    /// Its standing on the date.
    public let status: PackStatus
    /// Its findings, licenses applied.
    public let findings: [ResolvedFinding]
}

/// A finding and the license on record that meets what it requires, if any.
public struct ResolvedFinding: Sendable {
    /// What the rule found.
    public let finding: Finding
    /// `AUTHORITY/NUMBER` of a valid license covering this artifact and destination on the date.
    public let resolvedBy: String?

    /// Still needs a person: severity warn or block, and no license meets it.
    public var unresolved: Bool { Severity.isOpen(severity: finding.severity, resolvedBy: resolvedBy) }
}

/// Evaluates packs for subjects and matches license findings with licenses. Pure given its inputs.
public enum PolicyRun {
    /// Every pack's verdict for `subject`, licenses applied.
    public static func evaluate(
        _ packs: [LoadedPack], subject: EvaluationSubject, licenses: [License],
        destinationRulesOnly: Bool = false
    ) -> [PackVerdict] {
        packs.map { loaded in
            let (status, findings) = PolicyEvaluator.evaluate(
                loaded.pack, for: subject, destinationRulesOnly: destinationRulesOnly)
            return PackVerdict(
                loaded: loaded, status: status,
                findings: findings.map { finding in
                    ResolvedFinding(
                        finding: finding, resolvedBy: license(for: finding, subject: subject, licenses: licenses))
                })
        }
    }

    /// A license resolves a determined finding that requires a license, when it names the artifact
    /// and the destination and is valid on the date.
    static func license(for finding: Finding, subject: EvaluationSubject, licenses: [License]) -> String? {
        guard finding.requires == .license, finding.determined, let destination = subject.destination else {
            return nil
        }
        return licenses.first { $0.covers(subject.digest, to: destination, on: subject.date) }?.id
    }

    /// The subject for one artifact, from a graph holding its ancestry.
    public static func subject(
        _ artifact: PolicyArtifact, graph: LineageGraph, destination: CountryCode?,
        deploymentKind: DeploymentKind?, date: LedgerDate, exporter: OrganisationName? = nil,
        organisations: OrganisationDirectory = OrganisationDirectory()
    ) -> EvaluationSubject {
        EvaluationSubject(
            digest: artifact.digest, names: artifact.names, kind: artifact.kind, trainedIn: artifact.trainedIn,
            facts: LineageFacts(of: artifact.digest, in: graph, on: date), destination: destination,
            deploymentKind: deploymentKind, date: date,
            parties: Parties(of: artifact.digest, in: graph, exporter: exporter, directory: organisations))
    }

    /// What an event stores: the packs (id, version, digest, standing) and every finding.
    public static func record(_ verdicts: [PackVerdict]) -> RecordedEvaluation {
        RecordedEvaluation(
            packs: verdicts.map {
                .init(
                    id: $0.loaded.pack.id, version: $0.loaded.pack.version, digest: $0.loaded.digest,
                    status: $0.status.standing.rawValue)
            },
            findings: verdicts.flatMap(\.findings).map { resolved in
                let finding = resolved.finding
                return .init(
                    pack: finding.pack, rule: finding.rule, code: finding.code, severity: finding.severity.rawValue,
                    requires: finding.requires.rawValue, enforced: finding.enforced, determined: finding.determined,
                    resolvedBy: resolved.resolvedBy)
            })
    }
}
