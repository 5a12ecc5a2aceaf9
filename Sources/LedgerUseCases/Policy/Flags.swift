import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// One finding of `flags`: for an artifact, or for a recorded deployment of it.
public struct FlagEntry: Sendable {
    /// The artifact the finding is about.
    public let artifact: PolicyArtifact
    /// The deployment the finding is about; nil for a finding about the artifact itself.
    public let deployment: DeploymentRecord?
    /// The finding and the license resolving it, if any.
    public let finding: ResolvedFinding
}

/// Every current finding across the ledger.
public struct FlagsReport: Sendable {
    /// The date artifacts were evaluated as of.
    public let date: LedgerDate
    /// Artifacts evaluated.
    public let artifactCount: Int
    /// Deployments evaluated.
    public let deploymentCount: Int
    /// The packs evaluated and their standing on the date.
    public let packs: [(loaded: LoadedPack, status: PackStatus)]
    /// Every finding, most severe first (block, warn, info), in registration order within each
    /// (`Flags.run` orders them as it joins the chunks it evaluated).
    public let entries: [FlagEntry]
    /// The entries that still need a person.
    public let unresolved: [FlagEntry]

    init(
        date: LedgerDate, artifactCount: Int, deploymentCount: Int, packs: [(loaded: LoadedPack, status: PackStatus)],
        entries: [FlagEntry]
    ) {
        self.date = date
        self.artifactCount = artifactCount
        self.deploymentCount = deploymentCount
        self.packs = packs
        self.entries = entries
        unresolved = entries.filter(\.finding.unresolved)
    }
    /// 1 when something needs a person, else 0.
    public var exitStatus: ExitStatus { unresolved.isEmpty ? .ok : .findings }
}

/// `flags`: evaluates every artifact (as of the date, without a destination) and every recorded
/// deployment (as of its own date, with the licenses now on record), in one read transaction.
public struct Flags {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// Every finding as of `date` (default today); `policies` selects packs (default all).
    public func run(date: LedgerDate? = nil, policies: [String] = []) throws -> FlagsReport {
        let day = context.date(date)
        let packs = try library.select(policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let (graph, artifacts) = try reader.allPolicyFacts()
            let organisations = try reader.organisations()
            let licenses = try reader.allLicenses()
            var deploymentsByArtifact: [ArtifactDigest: [DeploymentRecord]] = [:]
            let deployments = try reader.allDeployments()
            for deployment in deployments { deploymentsByArtifact[deployment.digest, default: []].append(deployment) }
            var licensesByArtifact: [ArtifactDigest: [License]] = [:]
            for license in licenses {
                for digest in license.artifacts { licensesByArtifact[digest, default: []].append(license) }
            }
            // Artifacts are independent: evaluate them in chunks on every core, in registration order.
            let chunkCount = artifacts.count < 2_000 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4
            let chunkSize = (artifacts.count + chunkCount - 1) / max(chunkCount, 1)
            let results = ChunkResults(count: chunkCount)
            let deploymentsOf = deploymentsByArtifact
            let licensesOf = licensesByArtifact
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let range = min(chunk * chunkSize, artifacts.count)..<min((chunk + 1) * chunkSize, artifacts.count)
                results.store(
                    chunk,
                    range.flatMap { index in
                        Flags.evaluate(
                            artifacts[index], graph: graph, organisations: organisations, packs: packs, day: day,
                            deployments: deploymentsOf[artifacts[index].digest] ?? [],
                            licenses: licensesOf[artifacts[index].digest] ?? [])
                    })
            }
            let entries = results.joined()
            return FlagsReport(
                date: day, artifactCount: artifacts.count, deploymentCount: deployments.count,
                packs: packs.map { ($0, $0.pack.status(on: day)) }, entries: entries)
        }
    }

    /// One artifact's findings: about itself as of `day`, and about each of its deployments as of theirs.
    private static func evaluate(
        _ artifact: PolicyArtifact, graph: LineageGraph, organisations: OrganisationDirectory, packs: [LoadedPack],
        day: LedgerDate, deployments: [DeploymentRecord], licenses: [License]
    ) -> [FlagEntry] {
        // The facts as they stood on each date: a publication between two dates changes them.
        let facts = LineageFacts(of: artifact.digest, in: graph, on: day)
        func subject(
            _ destination: CountryCode?, _ kind: DeploymentKind?, _ on: LedgerDate, exporter: OrganisationName? = nil
        ) -> EvaluationSubject {
            let then = facts.holds(on: on) ? facts : LineageFacts(of: artifact.digest, in: graph, on: on)
            return EvaluationSubject(
                digest: artifact.digest, names: artifact.names, kind: artifact.kind, trainedIn: artifact.trainedIn,
                facts: then, destination: destination, deploymentKind: kind, date: on,
                parties: Parties(of: artifact.digest, in: graph, exporter: exporter, directory: organisations))
        }
        var entries: [FlagEntry] = []
        for verdict in PolicyRun.evaluate(packs, subject: subject(nil, nil, day), licenses: []) {
            entries += verdict.findings.map { FlagEntry(artifact: artifact, deployment: nil, finding: $0) }
        }
        for deployment in deployments {
            let kind = DeploymentKind(rawValue: deployment.kind) ?? .export
            // The artifact's own findings are listed once above; a deployment adds those about its destination.
            let verdicts = PolicyRun.evaluate(
                packs, subject: subject(deployment.destination, kind, deployment.date, exporter: deployment.exporter),
                licenses: licenses,
                destinationRulesOnly: true)
            for verdict in verdicts {
                entries += verdict.findings.map { FlagEntry(artifact: artifact, deployment: deployment, finding: $0) }
            }
        }
        return entries
    }
}

/// Per-chunk results of a parallel evaluation; each chunk writes only its own slot, its findings
/// already split by severity, so joining them orders the whole list most severe first
/// (`Severity.ordered`'s order) in the one copy the join makes anyway.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [[[FlagEntry]]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ chunk: Int, _ entries: [FlagEntry]) {
        let buckets = Severity.buckets(entries) { $0.finding.finding.severity }
        lock.lock()
        slots[chunk] = buckets
        lock.unlock()
    }

    func joined() -> [FlagEntry] {
        var all: [FlagEntry] = []
        all.reserveCapacity(slots.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } })
        for severity in 0..<3 {
            for slot in slots where slot.count == 3 { all += slot[severity] }
        }
        return all
    }
}
