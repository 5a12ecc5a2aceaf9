import CPangoCairo
import Foundation

/// Text and shapes on a Cairo context: Pango layouts set as plain text, measured before drawing.
final class Pen {
    let cairo: OpaquePointer
    let width: Double

    init(cairo: OpaquePointer, width: Double) {
        self.cairo = cairo
        self.width = width
    }

    /// A layout of `text` in `font` (a Pango font description), wrapped at `width` or, with
    /// `ellipsize`, cut to one line ending in "…".
    func layout(_ text: String, font: String, width: Double, ellipsize: Bool = false) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cairo)!
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
        if ellipsize {
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        } else {
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_text(layout, Self.plain(text), -1)
        return layout
    }

    /// Text without control characters (Pango draws them as boxes; a NUL would end the string).
    static func plain(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control && $0 != "\n" ? "\u{FFFD}" : $0 }))
    }

    /// The height `text` takes in `font` at `width`.
    func height(_ text: String, font: String, width: Double) -> Double {
        let layout = layout(text, font: font, width: width)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var w: Int32 = 0
        var h: Int32 = 0
        pango_layout_get_pixel_size(layout, &w, &h)
        return Double(h)
    }

    /// Draws `text` with its top left at `x`, `y`.
    func text(
        _ text: String, font: String, x: Double, y: Double, width: Double, colour: RGB = RGB(hex: "#111111"),
        ellipsize: Bool = false
    ) {
        let layout = layout(text, font: font, width: width, ellipsize: ellipsize)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        set(colour)
        cairo_move_to(cairo, x, y)
        pango_cairo_show_layout(cairo, layout)
    }

    func set(_ colour: RGB) { cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue) }

    /// The lines at the top of each page, each cut to one line; the page number on the right.
    func header(_ lines: [String], page: Int, of pages: Int, top: Double) {
        let grey = RGB(hex: "#555555")
        // The first line leaves room for the page number; the second has the whole width.
        for (index, line) in lines.prefix(2).enumerated() {
            text(
                line, font: "Sans 6.5", x: PDFDocument.margin, y: top + Double(index) * 10,
                width: index == 0 ? width - 70 : width, colour: grey, ellipsize: true)
        }
        text(
            "page \(page) of \(pages)", font: "Sans 7", x: PDFDocument.margin + width - 60, y: top, width: 60,
            colour: grey)
        cairo_set_line_width(cairo, 0.5)
        cairo_move_to(cairo, PDFDocument.margin, top + 22)
        cairo_line_to(cairo, PDFDocument.margin + width, top + 22)
        cairo_stroke(cairo)
    }

    /// The blocks as units that are each drawn whole on one page.
    func units(_ blocks: [PDFBlock]) -> [Unit] {
        blocks.flatMap { block -> [Unit] in
            switch block {
            case .title(let text): return [textUnit(text, font: "Sans Bold 15", after: 8)]
            case .heading(let text): return [textUnit(text, font: "Sans Bold 11.5", before: 10, after: 4, keep: true)]
            case .paragraph(let text, let monospace, let colour):
                return [textUnit(text, font: monospace ? "Monospace 7.5" : "Sans 9", after: 4, colour: colour)]
            case .box(let lines, let colour): return [boxUnit(lines, colour: colour)]
            case .table(let widths, let header, let rows): return tableUnits(widths: widths, header: header, rows: rows)
            case .graph(let picture, let caption):
                return [graphUnit(picture), textUnit(caption, font: "Sans 8", after: 6)]
            }
        }
    }

    func textUnit(
        _ text: String, font: String, before: Double = 0, after: Double, keep: Bool = false,
        colour: RGB = RGB(hex: "#111111")
    ) -> Unit {
        let height = self.height(text, font: font, width: width)
        return Unit(height: before + height + after, keepWithNext: keep) { pen, x, y in
            pen.text(text, font: font, x: x, y: y + before, width: pen.width, colour: colour)
        }
    }

    func boxUnit(_ lines: [String], colour: RGB) -> Unit {
        let inner = width - 20
        let heights = lines.enumerated().map { height($1, font: $0 == 0 ? "Sans Bold 10" : "Sans 9", width: inner) }
        let total = heights.reduce(0, +) + 16 + Double(max(0, lines.count - 1)) * 2
        return Unit(height: total + 8, keepWithNext: false) { pen, x, y in
            cairo_set_line_width(pen.cairo, 2.5)
            pen.set(colour)
            cairo_rectangle(pen.cairo, x + 1.25, y + 1.25, pen.width - 2.5, total - 2.5)
            cairo_stroke(pen.cairo)
            var at = y + 8
            for (index, line) in lines.enumerated() {
                pen.text(line, font: index == 0 ? "Sans Bold 10" : "Sans 9", x: x + 10, y: at, width: inner)
                at += heights[index] + 2
            }
        }
    }

    func tableUnits(widths: [Double], header: [String], rows: [[String]]) -> [Unit] {
        let sum = widths.reduce(0, +)
        let columns = widths.map { $0 / (sum > 0 ? sum : 1) * width }
        func row(_ cells: [String], bold: Bool, keep: Bool) -> Unit {
            let font = bold ? "Sans Bold 7.5" : "Sans 7.5"
            let height =
                zip(cells, columns).map { self.height($0, font: font, width: $1 - 6) }.max().map { $0 + 6 } ?? 0
            return Unit(height: height, keepWithNext: keep) { pen, x, y in
                var left = x
                cairo_set_line_width(pen.cairo, 0.5)
                for (cell, column) in zip(cells, columns) {
                    pen.set(RGB(hex: "#999999"))
                    cairo_rectangle(pen.cairo, left, y, column, height)
                    cairo_stroke(pen.cairo)
                    pen.text(cell, font: font, x: left + 3, y: y + 3, width: column - 6)
                    left += column
                }
            }
        }
        return [row(header, bold: true, keep: true)] + rows.map { row($0, bold: false, keep: false) }
    }
}
