/// JSON for people and diffs: the canonical form's sorted keys, strings and numbers (RFC 8785),
/// laid out with two-space indentation, one member or element a line, and a final newline. The
/// same value always gives the same bytes, so exported documents can be committed and compared.
public enum PrettyJSON {
    /// The laid-out UTF-8 bytes of `value`.
    public static func bytes(of value: JSONValue) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) throws {
        let inner = Array(repeating: UInt8(ascii: " "), count: indent + 2)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out += Array("[\n".utf8)
            for (position, element) in elements.enumerated() {
                out += inner
                try write(element, indent: indent + 2, into: &out)
                out += Array((position == elements.count - 1 ? "\n" : ",\n").utf8)
            }
            out += Array(repeating: UInt8(ascii: " "), count: indent) + [UInt8(ascii: "]")]
        case .object(let members) where !members.isEmpty:
            out += Array("{\n".utf8)
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (position, key) in keys.enumerated() {
                out += inner
                CanonicalJSON.writeString(key, into: &out)
                out += Array(": ".utf8)
                try write(members[key]!, indent: indent + 2, into: &out)
                out += Array((position == keys.count - 1 ? "\n" : ",\n").utf8)
            }
            out += Array(repeating: UInt8(ascii: " "), count: indent) + [UInt8(ascii: "}")]
        default:
            out += try CanonicalJSON.bytes(of: value)
        }
    }
}
