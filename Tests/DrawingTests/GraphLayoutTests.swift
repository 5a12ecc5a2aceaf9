import Foundation
import Testing

@testable import Drawing

/// Graphviz's dot, run in process: what the pages and the PDF draw rests on its layout.
@Suite struct GraphLayoutTests {
    /// Shapes of lineage: (nodes, edges, pairs that must be drawn parent above child).
    static let cases: [(name: String, nodes: Int, edges: [(Int, Int)])] = [
        ("one artifact", 1, []),
        ("a chain", 4, [(0, 1), (1, 2), (2, 3)]),
        ("a merge of two fine-tunes", 4, [(0, 1), (0, 2), (1, 3), (2, 3)]),
        ("a merge of a parent and its grandchild", 3, [(0, 1), (1, 2), (0, 2)]),
        ("two roots merged", 3, [(0, 2), (1, 2)]),
    ]

    @Test(arguments: cases.indices)
    func childrenBelowEveryParentAndNoBoxesOverlap(_ index: Int) throws {
        let shape = Self.cases[index]
        let sizes = (0..<shape.nodes).map { (width: 200.0 + Double($0) * 10, height: 64.0) }
        let layout = try GraphLayout.layOut(sizes: sizes, edges: shape.edges.map { (from: $0.0, to: $0.1) })
        #expect(layout.nodes.count == shape.nodes, "\(shape.name)")
        #expect(layout.edges.count == shape.edges.count)
        for (node, size) in zip(layout.nodes, sizes) {
            #expect(abs(node.width - size.width) < 1 && abs(node.height - size.height) < 1, "fixed sizes kept")
            #expect(node.center.x - node.width / 2 >= 0 && node.center.x + node.width / 2 <= layout.width + 0.5)
            #expect(node.center.y - node.height / 2 >= 0 && node.center.y + node.height / 2 <= layout.height + 0.5)
        }
        for (parent, child) in shape.edges {
            let (above, below) = (layout.nodes[parent], layout.nodes[child])
            #expect(
                below.center.y - below.height / 2 > above.center.y + above.height / 2,
                "\(shape.name): \(parent)→\(child)")
        }
        for a in layout.nodes.indices {
            for b in layout.nodes.indices where a < b {
                let (p, q) = (layout.nodes[a], layout.nodes[b])
                let apart =
                    abs(p.center.x - q.center.x) >= (p.width + q.width) / 2
                    || abs(p.center.y - q.center.y) >= (p.height + q.height) / 2
                #expect(apart, "\(shape.name): boxes \(a) and \(b) overlap")
            }
        }
        for edge in layout.edges {
            #expect(edge.points.count >= 4 && (edge.points.count - 1) % 3 == 0, "cubic Bézier segments")
        }
    }

    @Test func anEmptyGraphAndEdgesToNowhere() throws {
        let empty = try GraphLayout.layOut(sizes: [], edges: [])
        #expect(empty.nodes.isEmpty && empty.edges.isEmpty)
        let stray = try GraphLayout.layOut(
            sizes: [(width: 100, height: 40)], edges: [(from: 0, to: 7), (from: -1, to: 0)])
        #expect(stray.nodes.count == 1 && stray.edges.isEmpty)
    }

    /// Whatever Graphviz writes, the reader never traps: a short or garbled layout is an error.
    @Test(arguments: [
        "", "graph 1 x y\n", "graph 1 2 2\nnode n0 1 1\n", "graph 1 2 2\nnode n9 1 1 1 1 \"\" solid box black\n",
        "graph 1 2 2\nnode n0 1 1 1 1 \"\" solid box black\nedge n0 n0 99 1 1\n",
    ])
    func garbledLayoutsAreErrorsNotCrashes(_ plain: String) {
        let parsed = try? GraphLayout.parse(plain, nodeCount: 1)
        #expect(parsed == nil || parsed!.edges.allSatisfy { $0.points.count <= 1 })
    }

    @Test func aPDFStartsAndEndsAsOne() throws {
        let layout = try GraphLayout.layOut(
            sizes: [(width: 200, height: 64), (width: 200, height: 64)], edges: [(0, 1)])
        let style = GraphPicture.NodeStyle(
            lines: ["a\u{0}b <b>bold</b>", "x"], fill: RGB(hex: "#d1e7dd"), stroke: RGB(hex: "#1e6b3a"), strokeWidth: 1)
        let document = PDFDocument(
            title: "t", header: ["h"],
            blocks: [
                .title("T"), .paragraph(String(repeating: "long text ", count: 2000)),
                .graph(GraphPicture(layout: layout, styles: [style, style]), caption: "c"),
                .table(widths: [1, 2], header: ["a", "b"], rows: Array(repeating: ["1", "2"], count: 200)),
            ])
        let data = try document.render()
        #expect(data.starts(with: Data("%PDF-".utf8)))
        #expect(String(decoding: data.suffix(8), as: UTF8.self).contains("%%EOF"))
    }
}
