import LedgerCore
import LedgerUseCases

/// `export --format sha256sums`: the lines `sha256sum -c` reads, one per file of the artifact with its
/// path relative to the artifact's root (a single file: its name), sorted by path. A path holding
/// a backslash or a newline is written as GNU coreutils writes it: the line starts with `\` and the
/// name has `\\` and `\n`, so a hostile name can never forge a second line.
enum SHA256SumsExport {
    static func bytes(_ source: ExportSource) -> [UInt8] {
        guard let record = source.members.first?.record else { return [] }
        let files = record.files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        return Array(files.map { line(hex: ExportFacts.hex($0.sha256), path: $0.path) }.joined().utf8)
    }

    /// One line, escaped as GNU coreutils escapes a name with a backslash, newline or carriage
    /// return (registration refuses such names; a record is never trusted to lack them).
    static func line(hex: String, path: String) -> String {
        let escaped = path.contains("\\") || path.contains("\n") || path.contains("\r")
        guard escaped else { return hex + "  " + path + "\n" }
        let name = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
        return "\\" + hex + "  " + name + "\n"
    }
}
