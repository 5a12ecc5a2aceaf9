import CPangoCairo
import Foundation

/// What a PDF page holds, top to bottom. Text is set as plain text (never as Pango markup), so
/// nothing in it becomes structure.
public enum PDFBlock: Sendable {
    /// The document's title.
    case title(String)
    /// A section heading, kept on the page of what follows it.
    case heading(String)
    /// Wrapped text; `monospace` for digests and trees.
    case paragraph(String, monospace: Bool = false, colour: RGB = RGB(hex: "#111111"))
    /// Lines in a box with a coloured border, the first line bold; never split across pages.
    case box([String], colour: RGB)
    /// A table with a header row; `widths` are fractions of the text width; rows are never split.
    case table(widths: [Double], header: [String], rows: [[String]])
    /// A graph drawn as vector graphics, scaled down to fit one page, never split; the caption below.
    case graph(GraphPicture, caption: String)
}

/// A PDF written with Cairo and Pango: A4 pages, each with header lines (for example the ledger
/// and log root, each cut to one line) and "page N of M".
public struct PDFDocument: Sendable {
    /// The document's title (in the PDF's metadata).
    public let title: String
    /// The lines at the top of every page.
    public let header: [String]
    /// The content.
    public let blocks: [PDFBlock]

    /// A document titled `title` with the `header` lines on every page.
    public init(title: String, header: [String], blocks: [PDFBlock]) {
        self.title = title
        self.header = header
        self.blocks = blocks
    }

    static let pageWidth = 595.0, pageHeight = 842.0, margin = 48.0, headerHeight = 34.0

    /// The PDF's bytes.
    public func render() throws -> Data {
        let sink = PDFSink()
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, opaque, Self.pageWidth, Self.pageHeight)
        else { throw GraphLayout.Failure(description: "Cairo could not make a PDF surface") }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "WeightLedger")
        let cairo = cairo_create(surface)!
        let pen = Pen(cairo: cairo, width: Self.pageWidth - 2 * Self.margin)
        let pages = paginate(pen.units(blocks))
        for (number, page) in pages.enumerated() {
            pen.header(header, page: number + 1, of: pages.count, top: Self.margin - 24)
            for (unit, y) in page { unit.draw(pen, Self.margin, y) }
            cairo_show_page(cairo)
        }
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GraphLayout.Failure(description: "Cairo: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.data
    }

    /// Units placed on pages: each unit whole on one page; a unit that keeps with the next moves
    /// to a new page with it when both do not fit.
    func paginate(_ units: [Unit]) -> [[(Unit, Double)]] {
        let top = Self.margin + Self.headerHeight - 20
        let bottom = Self.pageHeight - Self.margin
        var pages: [[(Unit, Double)]] = [[]]
        var y = top
        for (index, unit) in units.enumerated() {
            var needed = unit.height
            if unit.keepWithNext, index + 1 < units.count { needed += units[index + 1].height }
            if y + min(needed, bottom - top) > bottom, !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = top
            }
            pages[pages.count - 1].append((unit, y))
            y += unit.height
        }
        return pages
    }
}

final class PDFSink: @unchecked Sendable {
    var data = Data()
}

/// A piece of a page that is never split: its height and how to draw it at a position.
struct Unit {
    let height: Double
    let keepWithNext: Bool
    let draw: (Pen, Double, Double) -> Void
}
