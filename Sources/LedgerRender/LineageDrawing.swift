import Drawing
import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// The lineage graph laid out by Graphviz (`Drawing.GraphLayout`): parents above children, a merge
/// below all its parents, each node filled by its own worst open finding for the destination and
/// date. The pages draw it as SVG, the PDF as vector graphics; both draw the same picture.
public struct LineageDrawing: Sendable {
    /// One drawn member: its full name, what its node says and its worst open finding.
    public struct Member: Sendable {
        /// Its digest.
        public let digest: ArtifactDigest
        /// Its full name (or digest).
        public let name: String
        /// Its worst open finding.
        public let worst: Severity?
        /// Whether it is the artifact the page is about.
        public let isRoot: Bool
    }

    /// The members drawn, in the order given (root first).
    public let members: [Member]
    /// The laid-out picture; nil when Graphviz could not lay it out (`failure` says why).
    public let picture: GraphPicture?
    /// Why there is no picture.
    public let failure: String?
    /// Members not drawn (beyond `cap`, or counted but not walked).
    public let hidden: Int

    /// More nodes than this are not drawn; the caption says how many are hidden.
    public static let cap = 150
    static let height = 64.0, boldWidth = 9.0, plainWidth = 7.6, minWidth = 200.0, maxWidth = 390.0

    /// Fill, outline and legend text for a node's worst unresolved finding.
    public static func style(_ worst: Severity?) -> (fill: String, stroke: String, label: String) {
        switch worst {
        case .block?: return ("#f8d7da", "#a4161a", "blocking finding")
        case .warn?: return ("#fff3cd", "#9a6700", "needs review")
        case .info?, nil: return ("#d1e7dd", "#1e6b3a", "no open finding")
        }
    }

    /// The graph of `nodes` (root first, breadth-first) and the edges between them.
    public static func make(
        nodes: [ArtifactDetails], edges: [LineageWalk.Edge], worst: [ArtifactDigest: Severity],
        root: ArtifactDigest, hidden: Int = 0
    ) -> LineageDrawing {
        let drawn = Array(nodes.prefix(cap))
        let index = Dictionary(drawn.enumerated().map { ($1.record.digest, $0) }) { first, _ in first }
        let members = drawn.map {
            Member(
                digest: $0.record.digest, name: TextRenderer.label($0), worst: worst[$0.record.digest],
                isRoot: $0.record.digest == root)
        }
        let lines = drawn.map(nodeLines)
        let sizes = lines.map { lines -> (width: Double, height: Double) in
            let wanted = lines.enumerated().map { Double($1.count) * ($0 == 0 ? boldWidth : plainWidth) }.max() ?? 0
            return (min(maxWidth, max(minWidth, wanted + 24)), height)
        }
        let pairs = edges.compactMap { edge in
            index[edge.parent].flatMap { from in index[edge.child].map { (from: from, to: $0) } }
        }
        let styles = zip(members, lines).map { member, lines in
            let style = style(member.worst)
            return GraphPicture.NodeStyle(
                lines: lines, fill: RGB(hex: style.fill), stroke: RGB(hex: style.stroke),
                strokeWidth: member.isRoot ? 3 : 1.5)
        }
        do {
            let layout = try GraphLayout.layOut(sizes: sizes, edges: pairs)
            return LineageDrawing(
                members: members, picture: GraphPicture(layout: layout, styles: styles), failure: nil,
                hidden: hidden + nodes.count - drawn.count)
        } catch {
            return LineageDrawing(
                members: members, picture: nil, failure: "\(error)", hidden: hidden + nodes.count - drawn.count)
        }
    }

    /// The name (cut to the widest node, in full in the tooltip and the table), kind and country,
    /// own and cumulative compute.
    static func nodeLines(_ node: ArtifactDetails) -> [String] {
        let training = node.record.training
        let label = TextRenderer.label(node)
        let room = Int((maxWidth - 24) / boldWidth)
        return [
            label.count > room ? String(label.prefix(room - 1)) + "…" : label,
            "\(training.kind.rawValue) · \(training.trainedIn?.code ?? "country ?")",
            "\(Format.operations(training.compute.operations)) own · "
                + "\(Format.operations(node.cumulative.operations)) total",
        ]
    }

    /// What the graph shows and, when members are hidden, how many.
    public var caption: String {
        let shown = "\(members.count) artifact\(members.count == 1 ? "" : "s") drawn"
        return hidden == 0
            ? shown + "." : shown + "; \(hidden) more not drawn (the API's lineage route lists them all)."
    }
}
