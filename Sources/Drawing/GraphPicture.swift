/// A colour as sRGB components in 0...1, written as `#rrggbb`.
public struct RGB: Sendable, Equatable {
    /// Red, 0...1.
    public let red: Double
    /// Green, 0...1.
    public let green: Double
    /// Blue, 0...1.
    public let blue: Double

    /// The colour `#rrggbb` (black when the text is not six hex digits after `#`).
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = digits.count == 6 ? UInt32(digits, radix: 16) ?? 0 : 0
        red = Double((value >> 16) & 0xff) / 255
        green = Double((value >> 8) & 0xff) / 255
        blue = Double(value & 0xff) / 255
    }
}

/// A laid-out graph with what each node shows: the text lines (the first in bold), its fill and
/// its outline. The SVG of the pages and the PDF draw the same picture.
public struct GraphPicture: Sendable {
    /// How one node is drawn.
    public struct NodeStyle: Sendable {
        /// The text, one line each; the first in bold.
        public let lines: [String]
        /// The fill.
        public let fill: RGB
        /// The outline.
        public let stroke: RGB
        /// The outline's width in points.
        public let strokeWidth: Double
        /// A node showing `lines`, filled with `fill`, outlined with `stroke` `strokeWidth` wide.
        public init(lines: [String], fill: RGB, stroke: RGB, strokeWidth: Double) {
            self.lines = lines
            self.fill = fill
            self.stroke = stroke
            self.strokeWidth = strokeWidth
        }
    }

    /// Where everything is.
    public let layout: GraphLayout
    /// How each node is drawn, in the layout's node order.
    public let styles: [NodeStyle]

    /// The picture of `layout` with `styles`.
    public init(layout: GraphLayout, styles: [NodeStyle]) {
        self.layout = layout
        self.styles = styles
    }
}
