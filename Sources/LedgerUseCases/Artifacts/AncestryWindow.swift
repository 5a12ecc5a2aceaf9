import LedgerCore
import LedgerStore

/// The lineage nodes a walk over the ledger in registration order needs, kept in a bounded
/// window: each page's nodes are added as it is read, and an ancestor not in the window (an old
/// base model) is read from the ledger with its whole ancestry. Parents are registered before
/// their children, so a chain's ancestors are usually the nodes just read; memory holds at most
/// `capacity` nodes (the window starts afresh when it is full), never the whole ledger.
final class AncestryWindow {
    private let reader: any LedgerReading
    private let capacity: Int
    private var nodes: [ArtifactDigest: LineageNode] = [:]

    init(reader: any LedgerReading, capacity: Int = 200_000) {
        self.reader = reader
        self.capacity = max(1, capacity)
    }

    /// Adds the nodes of the page about to be walked.
    func add(_ page: [LineageNode]) {
        if nodes.count + page.count > capacity { nodes.removeAll(keepingCapacity: true) }
        for node in page { nodes[node.digest] = node }
    }

    /// The graph of `digest`'s ancestry, itself included: what `LedgerReading.ancestryGraph`
    /// gives, from the window where it can.
    func graph(of digest: ArtifactDigest) throws -> LineageGraph {
        var members: [LineageNode] = []
        var seen: Set<ArtifactDigest> = [digest]
        var queue = [digest]
        while let next = queue.popLast() {
            var node = nodes[next]
            if node == nil {
                let read = try reader.ancestryGraph(of: next)
                if nodes.count + read.nodes.count > capacity { nodes.removeAll(keepingCapacity: true) }
                for (key, value) in read.nodes { nodes[key] = value }
                node = read.nodes[next]
            }
            guard let node else { continue }
            members.append(node)
            for parent in node.parents where seen.insert(parent).inserted { queue.append(parent) }
        }
        return LineageGraph(nodes: members)
    }
}
