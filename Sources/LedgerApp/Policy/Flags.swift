import LedgerCore
import LedgerPolicy
import LedgerStore

/// One finding of `flags`: for an artifact, or for a recorded deployment of it.
public struct FlagEntry: Sendable {
    public let artifact: PolicyArtifact
    /// The deployment the finding is about; nil for a finding about the artifact itself.
    public let deployment: DeploymentRecord?
    public let finding: ResolvedFinding
}

/// Every current finding across the ledger.
public struct FlagsReport: Sendable {
    public let date: LedgerDate
    public let artifactCount: Int
    public let deploymentCount: Int
    public let packs: [(loaded: LoadedPack, status: PackStatus)]
    public let entries: [FlagEntry]

    public var unresolved: [FlagEntry] { entries.filter(\.finding.unresolved) }
    public var exitStatus: ExitStatus { unresolved.isEmpty ? .ok : .findings }
}

/// `flags`: evaluates every artifact (as of the date, without a destination) and every recorded
/// deployment (as of its own date, with the licenses now on record), in one read transaction.
public struct Flags {
    public let context: AppContext
    public let library: PolicyLibrary
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    public func run(date: String?, policies: [String] = []) throws -> FlagsReport {
        let day = try context.date(date)
        let packs = try library.select(policies)
        let ledger = try Ledger.open(path: context.ledgerPath, mode: .existing)
        defer { try? ledger.close() }
        return try ledger.read { reader in
            let (graph, artifacts) = try reader.allPolicyFacts()
            let licenses = try reader.allLicenses()
            var deploymentsByArtifact: [ArtifactDigest: [DeploymentRecord]] = [:]
            let deployments = try reader.allDeployments()
            for deployment in deployments { deploymentsByArtifact[deployment.digest, default: []].append(deployment) }
            var licensesByArtifact: [ArtifactDigest: [License]] = [:]
            for license in licenses {
                for digest in license.artifacts { licensesByArtifact[digest, default: []].append(license) }
            }
            var entries: [FlagEntry] = []
            for artifact in artifacts {
                let facts = LineageFacts(of: artifact.digest, in: graph)
                func subject(_ destination: CountryCode?, _ kind: DeploymentKind?, _ on: LedgerDate) -> EvaluationSubject {
                    EvaluationSubject(digest: artifact.digest, names: artifact.names, kind: artifact.kind, trainedIn: artifact.trainedIn,
                                      facts: facts, destination: destination, deploymentKind: kind, date: on)
                }
                for verdict in PolicyRun.evaluate(packs, subject: subject(nil, nil, day), licenses: []) {
                    entries += verdict.findings.map { FlagEntry(artifact: artifact, deployment: nil, finding: $0) }
                }
                for deployment in deploymentsByArtifact[artifact.digest] ?? [] {
                    let kind = DeploymentKind(rawValue: deployment.kind) ?? .export
                    let verdicts = PolicyRun.evaluate(packs, subject: subject(deployment.destination, kind, deployment.date),
                                                      licenses: licensesByArtifact[artifact.digest] ?? [])
                    for verdict in verdicts {
                        // A deployment repeats the artifact's own findings; only those about the destination are its own.
                        let own = verdict.findings.filter { $0.finding.destination != nil && isAboutDestination($0.finding, in: verdict.loaded.pack) }
                        entries += own.map { FlagEntry(artifact: artifact, deployment: deployment, finding: $0) }
                    }
                }
            }
            return FlagsReport(date: day, artifactCount: artifacts.count, deploymentCount: deployments.count,
                               packs: packs.map { ($0, $0.pack.status(on: day)) }, entries: entries)
        }
    }

    private func isAboutDestination(_ finding: Finding, in pack: PolicyPack) -> Bool {
        pack.rules.first { $0.id == finding.rule }?.when.needsDestination(pack.definitions) ?? true
    }
}
