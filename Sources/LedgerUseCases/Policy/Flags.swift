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
    /// What the report counts, without its findings.
    public var summary: FlagsSummary {
        FlagsSummary(
            date: date, artifactCount: artifactCount, deploymentCount: deploymentCount, packs: packs,
            unresolvedCount: unresolved.count, next: nil)
    }
}

/// What a walk of `flags` evaluated, once its findings were handed over one by one.
public struct FlagsSummary: Sendable {
    /// The date artifacts were evaluated as of.
    public let date: LedgerDate
    /// Artifacts evaluated.
    public let artifactCount: Int
    /// Deployments evaluated.
    public let deploymentCount: Int
    /// The packs evaluated and their standing on the date.
    public let packs: [(loaded: LoadedPack, status: PackStatus)]
    /// Findings that still need a person.
    public let unresolvedCount: Int
    /// With a limit: the cursor to continue from (the last artifact's registration event) when
    /// artifacts remain; nil when the walk reached the end.
    public let next: Int64?
    /// 1 when something needs a person, else 0.
    public var exitStatus: ExitStatus { unresolvedCount == 0 ? .ok : .findings }
}

/// `flags`: evaluates every artifact (as of the date, without a destination) and every recorded
/// deployment (as of its own date, with the licenses now on record), in one read transaction.
///
/// It walks the ledger a page of artifacts at a time in registration order, with a bounded
/// window of their ancestors (`AncestryWindow`): time grows with the ledger, memory does not.
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

    /// Artifacts evaluated per page.
    static let pageSize = 2_000

    /// Every finding as of `date` (default today); `policies` selects packs (default all), most
    /// severe first: the whole report in memory (the server, audits, tests; `stream` for a walk).
    public func run(date: LedgerDate? = nil, policies: [String] = []) throws -> FlagsReport {
        var buckets: [[FlagEntry]] = [[], [], []]
        let summary = try stream(date: date, policies: policies) { entry in
            buckets[entry.finding.finding.severity.rank].append(entry)
        }
        return FlagsReport(
            date: summary.date, artifactCount: summary.artifactCount, deploymentCount: summary.deploymentCount,
            packs: summary.packs, entries: buckets.flatMap { $0 })
    }

    /// Hands every finding to `body` in registration order of the artifacts (each artifact's own
    /// findings, then its deployments'), at most `limit` artifacts (nil: all) registered after
    /// event `after` (nil: from the first).
    @discardableResult
    public func stream(
        date: LedgerDate? = nil, policies: [String] = [], after: Int64? = nil, limit: Int? = nil,
        _ body: (FlagEntry) throws -> Void
    ) throws -> FlagsSummary {
        try PageBounds.check(after: after, limit: limit)
        let day = context.date(date)
        let packs = try library.select(policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let inputs = FlagsInputs(organisations: try reader.organisations(), packs: packs, day: day)
            let window = AncestryWindow(reader: reader)
            var (cursor, remaining) = (after ?? 0, limit ?? .max)
            var (artifactCount, deploymentCount, unresolved) = (0, 0, 0)
            var next: Int64?
            while remaining > 0 {
                let page = try reader.policyFacts(after: cursor, limit: min(Self.pageSize, remaining))
                guard let last = page.last else { break }
                let evaluated = try Self.evaluate(page: page, window: window, reader: reader, inputs: inputs)
                for entry in evaluated.findings.joined() {
                    if entry.finding.unresolved { unresolved += 1 }
                    try body(entry)
                }
                artifactCount += page.count
                deploymentCount += evaluated.deployments
                cursor = last.seq
                remaining -= page.count
                if page.count < Self.pageSize && remaining > 0 { break }
                if remaining == 0, !(try reader.policyFacts(after: cursor, limit: 1).isEmpty) { next = cursor }
            }
            return FlagsSummary(
                date: day, artifactCount: artifactCount, deploymentCount: deploymentCount,
                packs: packs.map { ($0, $0.pack.status(on: day)) }, unresolvedCount: unresolved, next: next)
        }
    }

    /// The findings of a page of artifacts (in the page's order, one list per artifact: its own
    /// findings, then its deployments'), how many deployments they have, and the days around
    /// `inputs.day` on which their lineages' publications read the same. `window` must have
    /// seen the pages before (it keeps their facts); an artifact out of order is read from the ledger.
    static func evaluate(
        page: [PolicyFacts], window: AncestryWindow, reader: any LedgerReading, inputs: FlagsInputs
    ) throws -> (findings: [[FlagEntry]], deployments: Int, span: DateSpan) {
        window.add(page.map(\.node))
        let digests = page.map(\.artifact.digest)
        let deployments = Dictionary(grouping: try reader.deployments(ofAny: digests), by: \.digest)
        var licensesOf: [ArtifactDigest: [License]] = [:]
        for license in try reader.licenses(namingAny: digests) {
            for digest in license.artifacts { licensesOf[digest, default: []].append(license) }
        }
        let licenses = licensesOf
        let day = inputs.day
        // Facts made in order (each from its parent's where it can), then evaluated on every core.
        let prepared = try page.map { facts in
            let digest = facts.artifact.digest
            let today = try window.facts(of: digest, on: day)
            var then: [LedgerDate: LineageFacts] = [:]
            for deployment in deployments[digest] ?? [] where !today.holds(on: deployment.date) {
                then[deployment.date] = try LineageFacts(of: digest, in: window.graph(of: digest), on: deployment.date)
            }
            return Prepared(
                artifact: facts.artifact, facts: today, factsOn: then, parents: try window.parentsGraph(of: digest))
        }
        let findings = Self.evaluate(prepared) { one in
            Flags.evaluate(
                one, organisations: inputs.organisations, packs: inputs.packs, day: day,
                deployments: deployments[one.artifact.digest] ?? [], licenses: licenses[one.artifact.digest] ?? [])
        }
        // The days on which the page's lineages read the same publications.
        let span = prepared.reduce(DateSpan.always) { span, one in
            span.intersection(DateSpan(around: day, boundaries: one.facts.publicationDates))
        }
        return (findings, deployments.values.reduce(0) { $0 + $1.count }, span)
    }

    /// One artifact ready to evaluate: its facts today and on the dates of deployments when they
    /// differ, and the graph of it and its parents (who made them).
    struct Prepared: Sendable {
        let artifact: PolicyArtifact
        let facts: LineageFacts
        let factsOn: [LedgerDate: LineageFacts]
        let parents: LineageGraph
    }

    /// A page's artifacts evaluated on every core, their findings joined in the page's order.
    private static func evaluate(
        _ artifacts: [Prepared], _ one: @escaping @Sendable (Prepared) -> [FlagEntry]
    ) -> [[FlagEntry]] {
        let chunkCount = artifacts.count < 200 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        let chunkSize = (artifacts.count + chunkCount - 1) / max(chunkCount, 1)
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = min(chunk * chunkSize, artifacts.count)..<min((chunk + 1) * chunkSize, artifacts.count)
            results.store(chunk, range.map { one(artifacts[$0]) })
        }
        return results.joined()
    }

    /// One artifact's findings: about itself as of `day`, and about each of its deployments as of theirs.
    private static func evaluate(
        _ prepared: Prepared, organisations: OrganisationDirectory, packs: [LoadedPack], day: LedgerDate,
        deployments: [DeploymentRecord], licenses: [License]
    ) -> [FlagEntry] {
        let artifact = prepared.artifact
        // The facts as they stood on each date: a publication between two dates changes them.
        func subject(
            _ destination: CountryCode?, _ kind: DeploymentKind?, _ on: LedgerDate, exporter: OrganisationName? = nil
        ) -> EvaluationSubject {
            EvaluationSubject(
                digest: artifact.digest, names: artifact.names, kind: artifact.kind, trainedIn: artifact.trainedIn,
                facts: prepared.factsOn[on] ?? prepared.facts, destination: destination, deploymentKind: kind, date: on,
                parties: Parties(
                    of: artifact.digest, in: prepared.parents, exporter: exporter, directory: organisations))
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

/// What every page of one `flags` run is evaluated with.
struct FlagsInputs {
    /// The ledger's organisations.
    let organisations: OrganisationDirectory
    /// The packs.
    let packs: [LoadedPack]
    /// The date artifacts are evaluated as of.
    let day: LedgerDate
}

/// Per-chunk results of a parallel evaluation; each chunk writes only its own slot.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [[[FlagEntry]]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ chunk: Int, _ entries: [[FlagEntry]]) {
        lock.lock()
        slots[chunk] = entries
        lock.unlock()
    }

    func joined() -> [[FlagEntry]] { slots.flatMap { $0 } }
}
