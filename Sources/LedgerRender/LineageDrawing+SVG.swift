import Drawing
import LedgerCore

extension LineageDrawing {
    /// The graph as inline SVG with `link` naming each node's page; each node carries its full
    /// name and digest in its tooltip and its worst finding in `data-finding`. Without a picture,
    /// a sentence saying why.
    public func svg(link: (ArtifactDigest) -> String) -> String {
        guard let picture else {
            return "<p class=\"error\">The lineage graph could not be drawn: \(HTML.escape(failure ?? "unknown"))</p>"
        }
        let layout = picture.layout
        let (width, height) = (Int(layout.width.rounded(.up)), Int(layout.height.rounded(.up)))
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"lineage graph\" class=\"lineage\" "
            + "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
            + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 7\" refX=\"0\" refY=\"3.5\" markerWidth=\"10\" "
            + "markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,3.5 L0,7 z\" fill=\"#555\"/></marker></defs>\n"
        for edge in layout.edges { out += Self.path(edge) }
        for (index, node) in layout.nodes.enumerated() {
            let member = members[index]
            let style = picture.styles[index]
            let finding = Self.style(member.worst).label
            let (x, y) = (node.center.x - node.width / 2, node.center.y - node.height / 2)
            out +=
                "<a href=\"\(HTML.escape(link(member.digest)))\"><g class=\"node\" "
                + "data-digest=\"\(member.digest.value)\" data-finding=\"\(HTML.escape(finding))\">"
                + "<title>\(HTML.escape(member.name)) — \(member.digest.value): \(HTML.escape(finding))</title>"
                + "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(node.width))\" "
                + "height=\"\(Self.number(node.height))\" rx=\"6\" fill=\"\(Self.style(member.worst).fill)\" "
                + "stroke=\"\(Self.style(member.worst).stroke)\" stroke-width=\"\(Self.number(style.strokeWidth))\"/>"
            for (line, text) in style.lines.enumerated() {
                out +=
                    "<text x=\"\(Self.number(x + 10))\" y=\"\(Self.number(y + 19 + Double(line) * 17))\" "
                    + "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"\(line == 0 ? 13 : 12)\" "
                    + "\(line == 0 ? "font-weight=\"bold\" " : "")fill=\"#111\">\(HTML.escape(text))</text>"
            }
            out += "</g></a>\n"
        }
        return out + "</svg>"
    }

    static func path(_ edge: GraphLayout.Edge) -> String {
        guard let first = edge.points.first else { return "" }
        var d = "M\(number(first.x)),\(number(first.y))"
        var index = 1
        while index + 2 < edge.points.count {
            let points = edge.points[index...(index + 2)].map { "\(number($0.x)),\(number($0.y))" }
            d += " C" + points.joined(separator: " ")
            index += 3
        }
        return "<path class=\"edge\" d=\"\(d)\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" "
            + "marker-end=\"url(#arrow)\"/>\n"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The members as an HTML table: full name, full digest, worst finding.
    public var membersTable: String {
        let rows = members.map { member in
            let style = Self.style(member.worst)
            return HTML.row([
                HTML.escape(member.name) + (member.isRoot ? " (this artifact)" : ""),
                "<code class=\"digest\">\(member.digest.value)</code>",
                "<span style=\"background:\(style.fill)\">\(style.label)</span>",
            ])
        }.joined(separator: "\n")
        return "<table class=\"members\"><thead>\(HTML.row(["Artifact", "Digest", "Worst open finding"], header: "th"))"
            + "</thead><tbody>\n\(rows)</tbody></table>"
    }
}
