import LedgerCore
import LedgerPolicy
import LedgerStore

/// What the artifact page shows: the artifact, its ancestors and descendants, each member's worst
/// open finding (for the colour of its node), and, when a destination is given, the check.
public struct ArtifactPageReport: Sendable {
    /// The artifact the page is about.
    public let artifact: ArtifactDetails
    /// What it was made from.
    public let ancestors: LineageWalk
    /// What was made from it, the nearest `maxDescendants`.
    public let descendants: LineageWalk
    /// Worst unresolved severity per member for the destination (if any) and date; absent when
    /// nothing needs a person.
    public let worst: [ArtifactDigest: Severity]
    /// The check for the destination asked, if any.
    public let check: CheckReport?
    /// The evaluation date.
    public let date: LedgerDate
    /// Descendants beyond `ArtifactPage.maxDescendants`, counted but not drawn.
    public let hiddenDescendants: Int

    /// Every member once (root, ancestors, descendants) and every edge once.
    public var nodes: [ArtifactDetails] {
        var seen = Set<ArtifactDigest>()
        return (ancestors.nodes + descendants.nodes).filter { seen.insert($0.record.digest).inserted }
    }

    /// Every edge once, ancestors' and descendants'.
    public var edges: [LineageWalk.Edge] {
        var seen: [LineageWalk.Edge] = []
        for edge in ancestors.edges + descendants.edges where !seen.contains(edge) { seen.append(edge) }
        return seen
    }
}

/// `GET /artifacts/{digest}`: the lineage both ways, coloured by findings, and an optional check.
public struct ArtifactPage {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The policy packs it evaluates.
    public let library: PolicyLibrary
    /// The use case in `context`, evaluating `library`'s packs.
    public init(context: AppContext, library: PolicyLibrary) {
        self.context = context
        self.library = library
    }

    /// A base model can have thousands of descendants; the page draws the nearest ones.
    public static let maxDescendants = 150

    /// The page's data for the artifact (and destination) as of the date.
    public func run(_ request: ReviewRequest) throws -> ArtifactPageReport {
        let country = request.destination
        let day = context.date(request.date)
        let ancestors = try Lineage(context: context).run(request.artifact, direction: .ancestors)
        // The root and the nearest descendants, breadth-first; the rest are only counted.
        let (descendants, descendantCount) = try Lineage(context: context).run(
            .digest(ancestors.root), direction: .descendants,
            limit: Self.maxDescendants + 1)
        let packs = try library.select(request.policies)
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            let evaluation = PolicyEvaluation(packs: packs)
            // Each member by its own findings for the destination (an export there) and date.
            var worst: [ArtifactDigest: Severity] = [:]
            var check: CheckReport?
            var seen = Set<ArtifactDigest>()
            for node in ancestors.nodes + descendants.nodes where seen.insert(node.record.digest).inserted {
                let digest = node.record.digest
                let report = try evaluation.report(
                    reader: reader, digest: digest, destination: country, kind: country == nil ? nil : .export,
                    date: day)
                worst[digest] = report.unresolved.map(\.finding.severity).max()
                if digest == ancestors.root, country != nil { check = report }
            }
            return ArtifactPageReport(
                artifact: ancestors.nodes[0], ancestors: ancestors, descendants: descendants, worst: worst,
                check: check, date: day, hiddenDescendants: descendantCount - descendants.nodes.count)
        }
    }
}
