import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// HTML text escaping for server-rendered pages.
public enum HTML {
    /// `text` safe inside SVG text and attributes.
    public static func escape(_ text: String) -> String { ReviewRenderer.escape(text) }

    /// A table row of cells already rendered (escape what comes from the ledger first).
    static func row(_ cells: [String], header: String = "td") -> String {
        "<tr>" + cells.map { "<\(header)>\($0)</\(header)>" }.joined() + "</tr>"
    }
}
