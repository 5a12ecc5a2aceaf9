import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

/// The lineage nodes a walk over the ledger in registration order needs, kept in a bounded
/// window: each page's nodes are added as it is read, and an ancestor not in the window (an old
/// base model) is read from the ledger with its whole ancestry. Parents are registered before
/// their children, so a chain's ancestors are usually the nodes just read. The window has two
/// generations: when the newer one holds `capacity` nodes it becomes the older one and the
/// oldest is dropped, so the nodes (and facts) just read always stay, and memory holds at most
/// twice `capacity` nodes and their facts, never the whole ledger.
final class AncestryWindow {
    private let reader: any LedgerReading
    private let capacity: Int
    private var nodes = Generations<LineageNode>()
    /// Facts on `factsDate` of artifacts in the window, each made once.
    private var facts = Generations<ChainedFacts>()
    private var factsDate: LedgerDate?

    /// A window of `capacity` nodes a generation (tests make it tiny with `WEIGHTLEDGER_WINDOW=N`,
    /// so that every walk also takes the paths of a window that lost an ancestor).
    init(reader: any LedgerReading, capacity: Int? = nil) {
        self.reader = reader
        let configured = ProcessInfo.processInfo.environment["WEIGHTLEDGER_WINDOW"].flatMap(Int.init)
        self.capacity = max(1, capacity ?? configured ?? 20_000)
    }

    /// Adds the nodes of the page about to be walked.
    func add(_ page: [LineageNode]) {
        for node in page { insert(node) }
    }

    private func insert(_ node: LineageNode) {
        if nodes.newer.count >= capacity {
            nodes.age()
            facts.age()
        }
        nodes.newer[node.digest] = node
    }

    /// The node of `digest`, read from the ledger (with its ancestry) when not in the window.
    func node(_ digest: ArtifactDigest) throws -> LineageNode? {
        if let node = nodes[digest] { return node }
        let read = try reader.ancestryGraph(of: digest)
        for node in read.nodes.values { insert(node) }
        return read.nodes[digest]
    }

    /// The lineage facts of `digest` on `date`: extended from its parent's when it has one parent
    /// whose facts were made on that date (a chain costs one step per artifact, however deep),
    /// else from its ancestry's graph. Kept for the artifacts after it, on one date at a time.
    func facts(of digest: ArtifactDigest, on date: LedgerDate) throws -> LineageFacts {
        if factsDate != date {
            facts = Generations()
            factsDate = date
        }
        if let known = facts[digest] { return known.facts }
        let node = try node(digest)
        let made =
            try node.flatMap { node in
                guard node.parents.count == 1 else { return nil }
                return facts[node.parents[0]]?.extended(by: node)
            } ?? ChainedFacts(of: digest, in: try graph(of: digest), on: date)
        facts.newer[digest] = made
        return made.facts
    }

    /// The graph of `digest` and its parents: what `Parties` reads.
    func parentsGraph(of digest: ArtifactDigest) throws -> LineageGraph {
        guard let node = try node(digest) else { return LineageGraph(nodes: []) }
        return LineageGraph(nodes: [node] + (try node.parents.compactMap { try self.node($0) }))
    }

    /// The graph of `digest`'s ancestry, itself included: what `LedgerReading.ancestryGraph`
    /// gives, from the window where it can.
    func graph(of digest: ArtifactDigest) throws -> LineageGraph {
        var members: [LineageNode] = []
        var seen: Set<ArtifactDigest> = [digest]
        var queue = [digest]
        while let next = queue.popLast() {
            guard let node = try node(next) else { continue }
            members.append(node)
            for parent in node.parents where seen.insert(parent).inserted { queue.append(parent) }
        }
        return LineageGraph(nodes: members)
    }
}

/// Two generations of a cache: lookups see both, inserts go to the newer, `age()` drops the older.
struct Generations<Value> {
    var newer: [ArtifactDigest: Value] = [:]
    private var older: [ArtifactDigest: Value] = [:]

    subscript(digest: ArtifactDigest) -> Value? { newer[digest] ?? older[digest] }

    /// The newer generation becomes the older one; the older one is dropped.
    mutating func age() {
        older = newer
        newer = [:]
        newer.reserveCapacity(older.count)
    }
}
