import LedgerCore
import LedgerUseCases

/// `lineage --json` and `GET /api/v1/artifacts/{ref}/lineage`: `root`, `direction`, `nodes`
/// (each as `show --json` prints it, root first) and `edges` (`{parent, child}`).
public struct LineageView: Encodable, Sendable {
    let root: ArtifactDigest
    let direction: LineageDirection
    let nodes: [ArtifactView]
    let edges: [LineageWalk.Edge]

    /// The view of a walk.
    public init(_ walk: LineageWalk) {
        root = walk.root
        direction = walk.direction
        nodes = walk.nodes.map(ArtifactView.init)
        edges = walk.edges
    }
}
