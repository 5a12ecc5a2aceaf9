import CPangoCairo
import Foundation

extension Pen {
    /// The graph scaled to the text width and one page's height at most, drawn as vector graphics.
    func graphUnit(_ picture: GraphPicture) -> Unit {
        let layout = picture.layout
        let room = PDFDocument.pageHeight - 2 * PDFDocument.margin - PDFDocument.headerHeight - 40
        let scale = min(1, width / max(layout.width, 1), room / max(layout.height, 1))
        return Unit(height: layout.height * scale + 6, keepWithNext: true) { pen, x, y in
            let cairo = pen.cairo
            cairo_save(cairo)
            cairo_translate(cairo, x + (pen.width - layout.width * scale) / 2, y)
            cairo_scale(cairo, scale, scale)
            pen.set(RGB(hex: "#555555"))
            cairo_set_line_width(cairo, 1.2)
            for edge in layout.edges { pen.edge(edge) }
            for (node, style) in zip(layout.nodes, picture.styles) { pen.node(node, style) }
            cairo_restore(cairo)
        }
    }

    /// An edge's spline and an arrowhead continuing its last direction.
    func edge(_ edge: GraphLayout.Edge) {
        guard let first = edge.points.first, let last = edge.points.last else { return }
        cairo_move_to(cairo, first.x, first.y)
        var index = 1
        while index + 2 < edge.points.count {
            let (a, b, c) = (edge.points[index], edge.points[index + 1], edge.points[index + 2])
            cairo_curve_to(cairo, a.x, a.y, b.x, b.y, c.x, c.y)
            index += 3
        }
        cairo_stroke(cairo)
        let before = edge.points.count > 1 ? edge.points[edge.points.count - 2] : first
        let (dx, dy) = (last.x - before.x, last.y - before.y)
        let length = max((dx * dx + dy * dy).squareRoot(), 0.001)
        let (ux, uy) = (dx / length, dy / length)
        cairo_move_to(cairo, last.x + ux * 10, last.y + uy * 10)
        cairo_line_to(cairo, last.x - uy * 3.5, last.y + ux * 3.5)
        cairo_line_to(cairo, last.x + uy * 3.5, last.y - ux * 3.5)
        cairo_close_path(cairo)
        cairo_fill(cairo)
    }

    /// A node's box with its lines, each cut with "…" to the box's width.
    func node(_ node: GraphLayout.Node, _ style: GraphPicture.NodeStyle) {
        let (left, top) = (node.center.x - node.width / 2, node.center.y - node.height / 2)
        cairo_rectangle(cairo, left, top, node.width, node.height)
        set(style.fill)
        cairo_fill_preserve(cairo)
        set(style.stroke)
        cairo_set_line_width(cairo, style.strokeWidth)
        cairo_stroke(cairo)
        for (index, line) in style.lines.enumerated() {
            text(
                line, font: index == 0 ? "Sans Bold 9.5" : "Sans 8.5", x: left + 8, y: top + 7 + Double(index) * 16,
                width: node.width - 16, ellipsize: true)
        }
        set(RGB(hex: "#555555"))
        cairo_set_line_width(cairo, 1.2)
    }
}
