import LedgerCore

/// `accelerators [--json]`: the peak table the hardware estimate reads (data/accelerators.json).
public struct AcceleratorView: Encodable, Sendable {
    let id: String
    let aliases: [String]
    let peakFlopsPerSecond: [String: Double]
    let source: String
    let confidence: String
    let url: Nullable<String>

    init(_ accelerator: Accelerator) {
        id = accelerator.id
        aliases = accelerator.aliases
        peakFlopsPerSecond = accelerator.peakFlopsPerSecond
        source = accelerator.source
        confidence = accelerator.confidence
        url = Nullable(accelerator.url)
    }

    /// Every entry, as JSON views.
    public static func table() -> [AcceleratorView] { AcceleratorTable.entries.map(AcceleratorView.init) }

    /// The table for a terminal: one block per accelerator, then the table's notes.
    public static func text() -> String {
        var lines: [String] = []
        for accelerator in AcceleratorTable.entries {
            let peaks = accelerator.peakFlopsPerSecond.sorted { $0.key < $1.key }.map {
                "\($0.key) \(Format.operations($0.value))"
            }
            let aliases = accelerator.aliases.isEmpty ? "" : " (also \(accelerator.aliases.joined(separator: ", ")))"
            lines.append("\(accelerator.id)\(aliases)")
            lines.append("  dense peak FLOP/s: \(peaks.joined(separator: ", "))")
            lines.append("  \(accelerator.confidence): \(accelerator.source)")
            if let url = accelerator.url { lines.append("  \(url)") }
        }
        lines.append("")
        lines += AcceleratorTable.notes.map { "note: " + $0 }
        lines.append(
            "default precision \(AcceleratorTable.defaultPrecision), default utilization "
                + "\(AcceleratorTable.defaultUtilization)")
        return lines.map(SafeText.line).joined(separator: "\n")
    }
}
