import LedgerCore
import LedgerStore

/// Which way a lineage walk goes from its root.
public enum LineageDirection: String, Encodable, CaseIterable, Sendable {
    /// What the root was made from, recursively.
    case ancestors
    /// What was made from the root, recursively.
    case descendants
}

/// A root artifact and everything related to it in one direction, for `lineage`.
public struct LineageWalk: Sendable {
    /// Where the walk starts.
    public let root: ArtifactDigest
    /// Which way it goes.
    public let direction: LineageDirection
    /// Every member, root first, then breadth-first.
    public let nodes: [ArtifactDetails]
    /// Every parent → child edge between members.
    public let edges: [Edge]

    /// One derivation step.
    public struct Edge: Encodable, Sendable, Equatable {
        /// The step from `parent` to `child`.
        public init(parent: ArtifactDigest, child: ArtifactDigest) {
            self.parent = parent
            self.child = child
        }

        /// What it was made from.
        public let parent: ArtifactDigest
        /// What was made.
        public let child: ArtifactDigest
    }

    /// The member with this digest.
    public func node(_ digest: ArtifactDigest) -> ArtifactDetails? { nodes.first { $0.record.digest == digest } }
}

/// Walks lineage from an artifact.
public struct Lineage {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Every member in `direction` from the artifact.
    public func run(_ reference: ArtifactReference, direction: LineageDirection) throws -> LineageWalk {
        try run(reference, direction: direction, limit: .max).view
    }

    /// The first `limit` members (root first, breadth-first) and how many there are in all; only
    /// the members kept are loaded.
    public func run(
        _ reference: ArtifactReference, direction: LineageDirection, limit: Int
    ) throws -> (view: LineageWalk, total: Int) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { reader in
            try Self.walk(reader, from: try reader.resolve(reference), direction: direction, limit: limit)
        }
    }

    /// The walk from `root` in one read snapshot (a report reads its lineage and its evidence in one).
    static func walk(
        _ reader: any LedgerReading, from root: ArtifactDigest, direction: LineageDirection, limit: Int
    ) throws -> (view: LineageWalk, total: Int) {
        let graph =
            direction == .ancestors ? try reader.ancestryGraph(of: root) : try reader.descendantGraph(of: root)
        let order =
            direction == .ancestors
            ? graph.ancestry(of: root) : LineageWalk.breadthFirstDescendants(of: root, in: graph)
        var nodes: [ArtifactDetails] = []
        for digest in order.prefix(limit) {
            guard let record = try reader.record(digest) else { continue }
            // An ancestors graph already holds every member's own ancestry; a descendant's
            // ancestry can reach outside the walk, so it is loaded on its own.
            let ancestry = direction == .ancestors ? graph : try reader.ancestryGraph(of: digest)
            let cumulative = ancestry.cumulativeCompute(of: digest)
            nodes.append(
                ArtifactDetails(record: record, cumulative: cumulative, children: try reader.children(of: digest)))
        }
        let members = Set(nodes.map(\.record.digest))
        let edges = nodes.flatMap { node in
            node.record.training.parents.filter(members.contains).map {
                LineageWalk.Edge(parent: $0, child: node.record.digest)
            }
        }
        return (LineageWalk(root: root, direction: direction, nodes: nodes, edges: edges), order.count)
    }
}

extension LineageWalk {
    static func breadthFirstDescendants(of root: ArtifactDigest, in graph: LineageGraph) -> [ArtifactDigest] {
        var children: [ArtifactDigest: [ArtifactDigest]] = [:]
        for node in graph.nodes.values {
            for parent in node.parents { children[parent, default: []].append(node.digest) }
        }
        var seen: Set<ArtifactDigest> = [root]
        var order = [root]
        var cursor = 0
        while cursor < order.count {
            for child in (children[order[cursor]] ?? []).sorted() where seen.insert(child).inserted {
                order.append(child)
            }
            cursor += 1
        }
        return order
    }
}
