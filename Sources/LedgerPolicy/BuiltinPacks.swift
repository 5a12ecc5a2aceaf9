/// The packs that ship inside the binary (policies/*.json, embedded by scripts/embed-packs.py).
public enum BuiltinPacks {
    /// One built-in pack's JSON text and where it came from.
    public struct Document: Sendable {
        /// `built-in:FILE`.
        public let source: String
        /// The pack's JSON as shipped in policies/.
        public let bytes: [UInt8]
    }

    /// Every built-in pack document, in file-name order.
    public static var all: [Document] {
        documents.map { Document(source: "built-in:\($0.file)", bytes: Array($0.json.utf8)) }
    }

    /// Every built-in pack, parsed and checked.
    public static func parsed() throws -> [PolicyPack] {
        try all.map { try PolicyPack.parse($0.bytes, source: $0.source) }
    }
}
