/// The bytes an event contributes to the Merkle tree: its canonical JSON (RFC 8785) with every
/// field of the `events` row but the payload hash — `{"actor","payload","recordedAt","seq","type"}`.
/// See schema/log.md.
public enum EventLeaf {
    /// The leaf bytes of one event; its leaf hash is RFC 6962's SHA-256(0x00 ‖ bytes).
    public static func bytes(seq: Int64, recordedAt: String, actor: String, type: String, payload: [UInt8]) -> [UInt8] {
        func string(_ text: String) -> [UInt8] {
            // Printable ASCII without a quote or a backslash is its own canonical form, in quotes
            // (RFC 8785); anything else is escaped by CanonicalJSON.
            let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
            return plain ? [0x22] + Array(text.utf8) + [0x22] : try! CanonicalJSON.bytes(of: .string(text))
        }
        var out = Array(#"{"actor":"#.utf8) + string(actor)
        out += Array(#","payload":"#.utf8) + payload
        out += Array(#","recordedAt":"#.utf8) + string(recordedAt)
        out += Array(#","seq":"#.utf8) + Array(String(seq).utf8)
        out += Array(#","type":"#.utf8) + string(type) + [UInt8(ascii: "}")]
        return out
    }
}
