import CGraphviz
import Foundation

/// A directed graph laid out by Graphviz's `dot` in process (cgraph + gvc): node centres and edge
/// splines in points, origin at the top left, parents above their children.
public struct GraphLayout: Sendable, Equatable {
    /// A point in the picture, in points (1/72 inch), y growing downwards.
    public struct Point: Sendable, Equatable {
        /// Across, from the left.
        public var x: Double
        /// Down, from the top.
        public var y: Double
        /// The point at `x`, `y`.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One node's box: its centre and size.
    public struct Node: Sendable, Equatable {
        /// The box's centre.
        public let center: Point
        /// Width in points.
        public let width: Double
        /// Height in points.
        public let height: Double
    }

    /// One edge: the cubic Bézier control points from `from` to the base of the arrow into `to`
    /// (start, then three points per segment).
    public struct Edge: Sendable, Equatable {
        /// The parent node (an index into `nodes`).
        public let from: Int
        /// The child node.
        public let to: Int
        /// The spline.
        public let points: [Point]
    }

    /// The picture's size in points.
    public let width: Double
    /// Height in points.
    public let height: Double
    /// The nodes in the order given.
    public let nodes: [Node]
    /// The edges in the order given.
    public let edges: [Edge]

    /// Why Graphviz gave no layout.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// Lays out nodes of the given sizes (points) and edges between their indices, top to bottom.
    /// Graphviz keeps global state, so calls are serialised.
    public static func layOut(
        sizes: [(width: Double, height: Double)], edges: [(from: Int, to: Int)]
    ) throws
        -> GraphLayout
    {
        var dot = "digraph lineage {\ngraph [rankdir=TB, nodesep=0.35, ranksep=0.55, margin=0.1];\n"
        dot += "node [shape=box, fixedsize=true, label=\"\"];\nedge [arrowsize=1];\n"
        for (index, size) in sizes.enumerated() {
            dot += "n\(index) [width=\(size.width / 72), height=\(size.height / 72)];\n"
        }
        for edge in edges where sizes.indices.contains(edge.from) && sizes.indices.contains(edge.to) {
            dot += "n\(edge.from) -> n\(edge.to);\n"
        }
        dot += "}\n"
        let plain = try Graphviz.shared.plain(dot)
        return try parse(plain, nodeCount: sizes.count)
    }

    /// Room around the drawing for outlines (points).
    static let padding = 4.0

    /// Reads Graphviz's `plain` output (inches, origin bottom left), adding `padding` all round.
    static func parse(_ plain: String, nodeCount: Int) throws -> GraphLayout {
        var height = 0.0
        var width = 0.0
        var nodes = [Node?](repeating: nil, count: nodeCount)
        var edges: [Edge] = []
        func index(_ name: Substring) -> Int? {
            name.hasPrefix("n") ? Int(name.dropFirst()).flatMap { $0 < nodeCount ? $0 : nil } : nil
        }
        for line in plain.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let kind = fields.first else { continue }
            let numbers = fields.dropFirst().map { Double($0) }
            switch kind {
            case "graph" where fields.count >= 4:
                guard let w = numbers[1], let h = numbers[2] else { break }
                (width, height) = (w * 72, h * 72)
            case "node" where fields.count >= 6:
                guard let at = index(fields[1]), let x = numbers[1], let y = numbers[2], let w = numbers[3],
                    let h = numbers[4]
                else { break }
                nodes[at] = Node(
                    center: Point(x: x * 72 + padding, y: height - y * 72 + padding), width: w * 72, height: h * 72)
            case "edge" where fields.count >= 4:
                guard let from = index(fields[1]), let to = index(fields[2]), let count = numbers[2].map(Int.init),
                    count > 0, fields.count >= 4 + 2 * count
                else { break }
                let points = (0..<count).compactMap { point -> Point? in
                    guard let x = numbers[3 + 2 * point], let y = numbers[4 + 2 * point] else { return nil }
                    return Point(x: x * 72 + padding, y: height - y * 72 + padding)
                }
                edges.append(Edge(from: from, to: to, points: points))
            default: break
            }
        }
        let placed = nodes.compactMap { $0 }
        guard placed.count == nodeCount, width > 0 || nodeCount == 0 else {
            throw Failure(description: "Graphviz placed \(placed.count) of \(nodeCount) nodes")
        }
        return GraphLayout(width: width + 2 * padding, height: height + 2 * padding, nodes: placed, edges: edges)
    }
}

/// One Graphviz context for the process, used under a lock (Graphviz is not thread-safe).
final class Graphviz: @unchecked Sendable {
    static let shared = Graphviz()
    private let lock = NSLock()
    private var context: OpaquePointer?

    /// The graph in DOT laid out by `dot` and written in the `plain` format.
    func plain(_ dot: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if context == nil {
            _ = agseterr(AGMAX)  // errors come back as return codes; nothing is printed
            context = gvContext()
        }
        guard let context else { throw GraphLayout.Failure(description: "Graphviz did not start") }
        guard let graph = agmemread(dot) else {
            throw GraphLayout.Failure(description: "Graphviz could not read the graph")
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, "dot") == 0 else {
            throw GraphLayout.Failure(
                description: "Graphviz's dot layout failed (is libgvc's plugin config installed? run `dot -c`)")
        }
        defer { gvFreeLayout(context, graph) }
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, "plain", &data, &length) == 0, let data else {
            throw GraphLayout.Failure(description: "Graphviz could not write the layout")
        }
        defer { gvFreeRenderData(data) }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }
}
