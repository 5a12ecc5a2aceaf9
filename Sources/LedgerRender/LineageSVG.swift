import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// The lineage graph as inline SVG: ancestors above the artifact, descendants below, one row per
/// generation; each node shows kind, country and own compute, filled by its worst open finding.
public enum LineageSVG {
    static let width = 220, height = 64, gapX = 24, gapY = 48

    /// Fill and legend text for a node's worst unresolved finding.
    public static func style(_ worst: Severity?) -> (fill: String, stroke: String, label: String) {
        switch worst {
        case .block?: return ("#f8d7da", "#a4161a", "blocking finding")
        case .warn?: return ("#fff3cd", "#9a6700", "needs review")
        case .info?, nil: return ("#d1e7dd", "#1e6b3a", "no open finding")
        }
    }

    /// Generation of each member relative to the root (negative: ancestors), by shortest path.
    static func levels(_ report: ArtifactPageReport) -> [ArtifactDigest: Int] {
        let root = report.artifact.record.digest
        var level: [ArtifactDigest: Int] = [root: 0]
        var frontier = [root]
        while !frontier.isEmpty {  // upwards through ancestors
            var next: [ArtifactDigest] = []
            for child in frontier {
                for edge in report.ancestors.edges where edge.child == child && level[edge.parent] == nil {
                    level[edge.parent] = level[child]! - 1
                    next.append(edge.parent)
                }
            }
            frontier = next
        }
        frontier = [root]
        while !frontier.isEmpty {  // downwards through descendants
            var next: [ArtifactDigest] = []
            for parent in frontier {
                for edge in report.descendants.edges where edge.parent == parent && level[edge.child] == nil {
                    level[edge.child] = level[parent]! + 1
                    next.append(edge.child)
                }
            }
            frontier = next
        }
        return level
    }

    /// The page's SVG: one node per member in rows by generation, edges parent to child, `link`
    /// naming each node's page.
    public static func render(_ report: ArtifactPageReport, link: (ArtifactDigest) -> String) -> String {
        let level = levels(report)
        let nodes = report.nodes.filter { level[$0.record.digest] != nil }
        let rows = Dictionary(grouping: nodes) { level[$0.record.digest]! }
        let top = rows.keys.min() ?? 0
        let columns = rows.values.map(\.count).max() ?? 1
        let totalWidth = columns * (width + gapX) + gapX
        let totalHeight = rows.count * (height + gapY) + gapY
        var position: [ArtifactDigest: (x: Int, y: Int)] = [:]
        for (generation, members) in rows {
            let sorted = members.sorted { TextRenderer.label($0) < TextRenderer.label($1) }
            let offset = (totalWidth - sorted.count * (width + gapX) + gapX) / 2
            for (index, member) in sorted.enumerated() {
                position[member.record.digest] = (
                    offset + index * (width + gapX), gapY / 2 + (generation - top) * (height + gapY)
                )
            }
        }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"lineage graph\" class=\"lineage\" "
            + "width=\"\(totalWidth)\" height=\"\(totalHeight)\" viewBox=\"0 0 \(totalWidth) \(totalHeight)\">\n"
        out +=
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n"
        for edge in report.edges {
            guard let from = position[edge.parent], let to = position[edge.child] else { continue }
            out +=
                "<line x1=\"\(from.x + width / 2)\" y1=\"\(from.y + height)\" x2=\"\(to.x + width / 2)\" "
                    + "y2=\"\(to.y)\" "
                + "stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
        }
        for node in nodes {
            let digest = node.record.digest
            guard let at = position[digest] else { continue }
            let style = style(report.worst[digest])
            let training = node.record.training
            let isRoot = digest == report.artifact.record.digest
            out +=
                "<a href=\"\(HTML.escape(link(digest)))\"><g class=\"node\" data-digest=\"\(digest.value)\" "
                    + "data-finding=\"\(HTML.escape(style.label))\">"
            out += "<title>\(HTML.escape(digest.value)): \(HTML.escape(style.label))</title>"
            out +=
                "<rect x=\"\(at.x)\" y=\"\(at.y)\" width=\"\(width)\" height=\"\(height)\" rx=\"6\" "
                    + "fill=\"\(style.fill)\" "
                + "stroke=\"\(style.stroke)\" stroke-width=\"\(isRoot ? 3 : 1.5)\"/>"
            let lines = [
                String(TextRenderer.label(node).prefix(30)),
                "\(training.kind.rawValue) · \(training.trainedIn?.code ?? "country ?")",
                "\(Format.operations(training.compute.operations)) own · "
                    + "\(Format.operations(node.cumulative.operations)) total",
            ]
            for (index, line) in lines.enumerated() {
                out +=
                    "<text x=\"\(at.x + 10)\" y=\"\(at.y + 19 + index * 17)\" font-family=\"sans-serif\" "
                        + "font-size=\"\(index == 0 ? 13 : 12)\" "
                    + "\(index == 0 ? "font-weight=\"bold\" " : "")fill=\"#111\">\(HTML.escape(line))</text>"
            }
            out += "</g></a>\n"
        }
        return out + "</svg>"
    }
}
