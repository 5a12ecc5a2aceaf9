/// The bytes an event contributes to the Merkle tree: its canonical JSON (RFC 8785) with every
/// field of the `events` row but the payload hash — `{"actor","payload","recordedAt","seq","type"}`.
/// See schema/log.md.
public enum EventLeaf {
    /// The leaf bytes of one event; its leaf hash is RFC 6962's SHA-256(0x00 ‖ bytes). Written
    /// into one buffer (`verify` makes a million of them).
    public static func bytes(
        seq: Int64, recordedAt: String, actor: String, type: String, payload: some Collection<UInt8>
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + actor.utf8.count + recordedAt.utf8.count + type.utf8.count + 80)
        head(actor: actor, to: &out)
        out.append(contentsOf: payload)
        tail(seq: seq, recordedAt: recordedAt, type: type, to: &out)
        return out
    }

    /// The leaf bytes before the payload and after it, for a payload too large to copy into one
    /// buffer (a first audit's event names every open finding): hashed in pieces.
    public static func frame(
        seq: Int64, recordedAt: String, actor: String, type: String
    ) -> (
        head: [UInt8], tail: [UInt8]
    ) {
        var head: [UInt8] = []
        var tail: [UInt8] = []
        self.head(actor: actor, to: &head)
        self.tail(seq: seq, recordedAt: recordedAt, type: type, to: &tail)
        return (head, tail)
    }

    private static func head(actor: String, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"actor":"#.utf8)
        append(actor, to: &out)
        out.append(contentsOf: #","payload":"#.utf8)
    }

    private static func tail(seq: Int64, recordedAt: String, type: String, to out: inout [UInt8]) {
        out.append(contentsOf: #","recordedAt":"#.utf8)
        append(recordedAt, to: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","type":"#.utf8)
        append(type, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string: printable ASCII without a quote or a backslash is its own canonical form, in
    /// quotes (RFC 8785); anything else is escaped by CanonicalJSON.
    private static func append(_ text: String, to out: inout [UInt8]) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out.append(0x22)
            out.append(contentsOf: text.utf8)
            out.append(0x22)
        } else {
            out.append(contentsOf: try! CanonicalJSON.bytes(of: .string(text)))
        }
    }
}
