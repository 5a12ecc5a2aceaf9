import Foundation

/// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form of a JSON value that is hashed.
///
/// Written by hand because no listed package implements JCS: object members sorted by their
/// UTF-16 code units, no whitespace, minimal string escaping, numbers as ECMAScript prints them.
public enum CanonicalJSON {
    /// Why a value has no canonical form.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case nonFiniteNumber
        public var description: String { "JSON numbers must be finite (RFC 8785 §3.2.2.3)" }
    }

    /// The canonical UTF-8 bytes of a JSON value.
    public static func bytes(of value: JSONValue) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(value, into: &out)
        return out
    }

    /// The canonical bytes of an Encodable value (encoded straight into a JSONValue, then written).
    public static func bytes<Value: Encodable>(encoding value: Value) throws -> [UInt8] {
        try bytes(of: try JSONValueEncoder().encode(value))
    }

    /// The same, through Foundation's JSONEncoder and a re-parse: the reference a test holds
    /// `bytes(encoding:)` to.
    static func bytesThroughFoundation<Value: Encodable>(encoding value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .throw
        return try bytes(of: try JSONParser.parse(try encoder.encode(value)))
    }

    /// Canonicalizes a JSON text.
    public static func canonicalize<Bytes: Sequence>(_ text: Bytes) throws -> [UInt8] where Bytes.Element == UInt8 {
        try bytes(of: try JSONParser.parse(text))
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) throws {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .number(let number):
            guard number.isFinite else { throw Failure.nonFiniteNumber }
            out += Array(ECMAScriptNumber.format(number).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (position, key) in keys.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x00..<0x20:
                out += Array("\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
