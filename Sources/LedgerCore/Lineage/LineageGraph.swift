/// One artifact as lineage sees it: its parents, its own compute, its publication over time and
/// who made it.
public struct LineageNode: Equatable, Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// How it was made.
    public let kind: TrainingKind
    /// What it was made from, in the order given.
    public let parents: [ArtifactDigest]
    /// Own training operations; nil when unknown.
    public let operations: Double?
    /// Every publication and withdrawal of these weights, dated.
    public let publications: PublicationHistory
    /// The organisation that made this step, when recorded.
    public let developer: OrganisationName?
    /// Parents outside the ledger, by name: their compute is unknown.
    public let externalParents: [String]

    /// A node with every field given.
    public init(
        digest: ArtifactDigest, kind: TrainingKind, parents: [ArtifactDigest], operations: Double?,
        publications: PublicationHistory, developer: OrganisationName? = nil, externalParents: [String] = []
    ) {
        self.externalParents = externalParents
        self.digest = digest
        self.kind = kind
        self.parents = parents
        self.operations = operations
        self.publications = publications
        self.developer = developer
    }

    /// A node whose weights were never published.
    public init(
        digest: ArtifactDigest, kind: TrainingKind, parents: [ArtifactDigest], operations: Double?,
        developer: OrganisationName? = nil, externalParents: [String] = []
    ) {
        self.init(
            digest: digest, kind: kind, parents: parents, operations: operations, publications: PublicationHistory(),
            developer: developer, externalParents: externalParents)
    }
}

extension LineageNode {
    /// Whether the weights were published on `date`: weights are closed before their publication
    /// date and after a withdrawal, whatever is known later (POLICY-BRIEF §1). With no date
    /// asked, the latest recorded state.
    public func isPublished(on date: LedgerDate?) -> Bool {
        publications.publication(on: date) != nil
    }
}

/// The sum of own training compute over an artifact's whole ancestry, itself included.
public struct CumulativeCompute: Equatable, Sendable {
    /// Sum of the known figures; nil when no figure in the ancestry is known.
    public let operations: Double?
    /// False when some ancestor's compute is unknown: `operations` is then a lower bound.
    public let complete: Bool
    /// The artifacts (self included) whose own compute is unknown, sorted.
    public let unknownAncestors: [ArtifactDigest]
    /// The parents outside the ledger in the ancestry (their compute is unknown), sorted.
    public let unknownExternal: [String]
    /// How many distinct artifacts were summed over, self included.
    public let artifactCount: Int
}

/// A set of lineage nodes, closed under parents, with the queries the ledger asks of it.
public struct LineageGraph: Sendable {
    /// Every node by digest.
    public let nodes: [ArtifactDigest: LineageNode]

    /// A graph of `nodes` (the last of two with one digest wins).
    public init(nodes: [LineageNode]) {
        var map: [ArtifactDigest: LineageNode] = [:]
        for node in nodes { map[node.digest] = node }
        self.nodes = map
    }

    /// Every distinct artifact in the ancestry of `digest`, itself included, each once
    /// (a diamond's shared ancestor appears once), in breadth-first order from `digest`.
    /// With `throughTeachers` false, the parents of a distillation step (its teachers) and their
    /// ancestry are left out: the student's own training stays.
    public func ancestry(of digest: ArtifactDigest, throughTeachers: Bool = true) -> [ArtifactDigest] {
        var seen: Set<ArtifactDigest> = [digest]
        var order: [ArtifactDigest] = [digest]
        var cursor = 0
        while cursor < order.count {
            let node = nodes[order[cursor]]
            let parents = !throughTeachers && node?.kind == .distill ? [] : node?.parents ?? []
            for parent in parents where seen.insert(parent).inserted {
                order.append(parent)
            }
            cursor += 1
        }
        return order
    }

    /// Cumulative compute of `digest`: each distinct ancestor's own compute counted once,
    /// summed exactly (the result does not depend on the order of the walk).
    /// An ancestor missing from the graph counts as unknown, never as zero. A same-weights copy
    /// (quantize, convert, prune) whose own figure is unknown adds nothing: its weights were
    /// trained by its ancestors, and policy treats it as its parent (POLICY-BRIEF, issue 3).
    public func cumulativeCompute(of digest: ArtifactDigest) -> CumulativeCompute {
        let ancestry = ancestry(of: digest)
        let total = computeSum(over: ancestry)
        return CumulativeCompute(
            operations: total.operations, complete: total.unknown.isEmpty && total.external.isEmpty,
            unknownAncestors: total.unknown, unknownExternal: total.external, artifactCount: ancestry.count)
    }

    /// The exact sum of the members' own compute, the members whose compute is unknown (sorted), and
    /// the members' parents outside the ledger (sorted, each once), whose compute is unknown too.
    /// Nil only when something is unknown and nothing is known; unknown is never zero. The rule
    /// cumulative compute and every policy measure share.
    public func computeSum(
        over members: [ArtifactDigest]
    ) -> (operations: Double?, unknown: [ArtifactDigest], external: [String]) {
        let parts = computeParts(over: members)
        return (parts.operations, parts.unknown, parts.external.sorted())
    }

    /// The same sum as parts that add up with others (`ComputeParts`).
    public func computeParts(over members: [ArtifactDigest]) -> ComputeParts {
        var parts = ComputeParts()
        for member in members { parts.add(member: member, node: nodes[member]) }
        return parts
    }
}
