import LedgerCore

/// An artifact's `LineageFacts` with the sums they were made of, so that a child with this one
/// parent gets its facts from them in constant time (`extended(by:)`) instead of walking its whole
/// ancestry again: `flags` evaluates each lineage once, however deep its chains of checkpoints.
/// Built from a graph (`init(of:in:on:)`, the definition) or extended from a parent's; both give
/// the same facts, bit for bit (ChainedFactsTests compares them on random lineages).
public struct ChainedFacts: Sendable {
    /// The facts.
    public let facts: LineageFacts
    /// Own compute summed over the whole ancestry.
    let cumulative: ComputeParts
    /// Over the ancestry that no published ancestor covers (empty when it is published itself).
    let sincePublished: ComputeParts
    /// Over the ancestry without the lineage of distillation teachers.
    let withoutTeachers: ComputeParts

    /// The facts of `digest` on `date` from a graph holding its whole ancestry: weights count as
    /// published only from their publication date. Without a date, every publication counts.
    public init(of digest: ArtifactDigest, in graph: LineageGraph, on date: LedgerDate? = nil) {
        var publishedMemo: [ArtifactDigest: Bool] = [:]
        func effectivelyPublished(_ node: ArtifactDigest) -> Bool {
            if let known = publishedMemo[node] { return known }
            guard let entry = graph.nodes[node] else { return false }
            let result =
                entry.isPublished(on: date)
                || (entry.kind.isSameWeights && !entry.parents.isEmpty && entry.externalParents.isEmpty
                    && entry.parents.allSatisfy(effectivelyPublished))
            publishedMemo[node] = result
            return result
        }
        let ancestry = graph.ancestry(of: digest)
        let strictAncestors = Array(ancestry.dropFirst())
        let lineageKinds = Set(ancestry.compactMap { graph.nodes[$0]?.kind })
        cumulative = graph.computeParts(over: ancestry)
        withoutTeachers =
            lineageKinds.contains(.distill)
            ? graph.computeParts(over: graph.ancestry(of: digest, throughTeachers: false))
            : cumulative
        let published = effectivelyPublished(digest)

        let publishedSet = Set(strictAncestors.filter(effectivelyPublished))
        var covered: Set<ArtifactDigest> = published ? Set(ancestry) : []
        var nearest: [ArtifactDigest] = []
        for candidate in publishedSet {
            let above = Set(graph.ancestry(of: candidate))
            covered.formUnion(above)
            // Nearest: no other published ancestor was made from this one.
            let isNearest = !publishedSet.contains { other in
                other != candidate && graph.ancestry(of: other).contains(candidate)
            }
            if isNearest { nearest.append(candidate) }
        }
        sincePublished = graph.computeParts(over: ancestry.filter { !covered.contains($0) })
        facts = LineageFacts(
            digest: digest, own: ComputeFigure(graph.computeParts(over: [digest])),
            cumulative: ComputeFigure(cumulative),
            sincePublished: ComputeFigure(sincePublished),
            publishedBase: Self.base(nearest.map { ComputeFigure(graph.computeParts(over: graph.ancestry(of: $0))) }),
            parents: ComputeFigure(graph.computeParts(over: strictAncestors)),
            cumulativeWithoutTeachers: ComputeFigure(withoutTeachers), lineageKinds: lineageKinds,
            published: published, publishedAncestors: nearest.sorted(), date: date,
            publicationDates: Array(Set(ancestry.flatMap { graph.nodes[$0]?.publications.dates ?? [] })).sorted())
    }

    private init(
        facts: LineageFacts, cumulative: ComputeParts, sincePublished: ComputeParts, withoutTeachers: ComputeParts
    ) {
        self.facts = facts
        self.cumulative = cumulative
        self.sincePublished = sincePublished
        self.withoutTeachers = withoutTeachers
    }

    /// The published base: the smallest cumulative compute of the nearest published ancestors, a
    /// lower bound when any of theirs is.
    static func base(_ bases: [ComputeFigure]) -> ComputeFigure {
        guard let smallest = bases.min(by: { ($0.value ?? 0) < ($1.value ?? 0) }) else { return .notApplicable }
        let allComplete = bases.allSatisfy(\.complete)
        return ComputeFigure(
            value: smallest.value, complete: allComplete,
            missing: allComplete ? [] : Array(Set(bases.flatMap(\.missing))).sorted(),
            missingExternal: allComplete ? [] : Array(Set(bases.flatMap(\.missingExternal))).sorted())
    }

    /// The facts of `node`, made from this artifact alone, on the same date: nil unless this
    /// artifact is its only parent (a merge or a distillation from several teachers is built from
    /// its graph instead).
    public func extended(by node: LineageNode) -> ChainedFacts? {
        guard node.parents == [facts.digest], node.digest != facts.digest else { return nil }
        let parent = facts
        var own = ComputeParts()
        own.add(member: node.digest, node: node)
        var cumulative = own
        cumulative.add(self.cumulative)
        var withoutTeachers = own
        if node.kind != .distill { withoutTeachers.add(self.withoutTeachers) }
        let published =
            node.isPublished(on: parent.date)
            || (node.kind.isSameWeights && node.externalParents.isEmpty && parent.published)
        var sincePublished = ComputeParts()
        if !published {
            sincePublished = own
            if !parent.published { sincePublished.add(self.sincePublished) }
        }
        let kinds = parent.lineageKinds.union([node.kind])
        let dates = node.publications.dates.filter { !parent.publicationDates.contains($0) }
        return ChainedFacts(
            facts: LineageFacts(
                digest: node.digest, own: ComputeFigure(own), cumulative: ComputeFigure(cumulative),
                sincePublished: ComputeFigure(sincePublished),
                publishedBase: parent.published ? Self.base([parent.cumulative]) : parent.publishedBase,
                parents: parent.cumulative,
                cumulativeWithoutTeachers: kinds.contains(.distill)
                    ? ComputeFigure(withoutTeachers) : ComputeFigure(cumulative),
                lineageKinds: kinds, published: published,
                publishedAncestors: parent.published ? [parent.digest] : parent.publishedAncestors, date: parent.date,
                publicationDates: dates.isEmpty
                    ? parent.publicationDates : Array(Set(parent.publicationDates + dates)).sorted()),
            cumulative: cumulative, sincePublished: sincePublished, withoutTeachers: withoutTeachers)
    }
}
