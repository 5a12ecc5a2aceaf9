/// Decodes `Decodable` types from JSON bytes as Foundation's `JSONDecoder` (default strategies)
/// does, about three times faster: events' payloads are decoded once per event by every replay
/// (`verify`, mirrors, copies), and at a million events Foundation's decoder was a third of a full
/// `verify`. The text is scanned once into a flat array of nodes (no dictionary per object: a
/// key is found by comparing bytes, the first of equal keys winning as in Foundation), then
/// decoded through the types' own `init(from:)`, so every rule of the event format stays there.
/// A registration's plain shape is read straight from the nodes (`PayloadDirect`), the same value
/// `init(from:)` makes; anything else about it is left to `init(from:)`.
///
/// Accepted as Foundation accepts it: a comma before a closing bracket. Refused as Foundation
/// refuses them: other text that is not RFC 8259 JSON, invalid UTF-8, a lone
/// surrogate escape, nesting deeper than 512, a number too large for its field (`2^63` in an
/// `Int64`, `1e400` in a `Double`) or not whole in an integer field (`1.5`; `1.0` and `1e2` are
/// whole). Types Foundation special-cases (`Date`, `Data`, `URL`, `Decimal`) are not in any payload
/// and are decoded through their own `init(from:)`.
public enum PayloadDecoder {
    /// `T` from the JSON text `bytes`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBufferPointer { try decode(type, buffer: $0) }
    }

    /// `T` from the JSON text `text`, read in place (a stored event's payload is a string; copying
    /// it into an array first doubled the memory a large audit event costs a replay).
    public static func decode<T: Decodable>(_ type: T.Type, fromText text: String) throws -> T {
        var text = text
        text.makeContiguousUTF8()
        // `text` is now contiguous UTF-8: what is decoded may keep it (`FindingKeys` reads an
        // audit's keys from it one at a time).
        let native = text
        guard
            let decoded = try native.utf8.withContiguousStorageIfAvailable({ buffer in
                try decode(type, buffer: buffer, owner: native)
            })
        else { return try decode(type, from: Array(native.utf8)) }
        return decoded
    }

    /// The document is read only while `buffer` is valid: nothing decoded keeps the decoder.
    private static func decode<T: Decodable>(
        _ type: T.Type, buffer: UnsafeBufferPointer<UInt8>, owner: String? = nil
    ) throws -> T {
        let document = try PayloadDocument(buffer, owner: owner)
        if let direct = T.self as? any PayloadDirect.Type, let value = direct.direct(0, in: document) {
            return value as! T
        }
        return try T(from: NodeDecoder(document: document, node: 0, place: nil))
    }
}

/// The scanned text: one node per value (and per object key), in document order; a container's
/// members follow it, and `next` skips a whole subtree.
final class PayloadDocument {
    typealias Kind = PayloadScanner.Kind
    /// The text, valid while the document is decoded (`PayloadDecoder.decode`).
    let bytes: UnsafeBufferPointer<UInt8>
    let nodes: [PayloadScanner.Node]
    /// The string `bytes` are the UTF-8 of, when the text was decoded from one (decoded values
    /// may keep it: it outlives the document).
    let owner: String?

    init(_ bytes: UnsafeBufferPointer<UInt8>, owner: String? = nil) throws {
        var scanner = try PayloadScanner(bytes)
        try scanner.scan()
        self.bytes = bytes
        self.owner = owner
        nodes = scanner.nodes
    }

    static func corrupted(_ message: String) -> DecodingError { PayloadScanner.corrupted(message) }

    /// Whether the string node holds exactly `key` (its UTF-8 bytes).
    func string(_ node: Int, equals key: String) -> Bool {
        let item = nodes[node]
        if item.flag { return (try? string(node)) == key }
        // The lengths first (a native string knows its own): most keys compared are not the one.
        guard Int(item.end - item.start) == key.utf8.count else { return false }
        var key = key
        return key.withUTF8 { wanted in
            UnsafeBufferPointer(rebasing: bytes[Int(item.start)..<Int(item.end)]).elementsEqual(wanted)
        }
    }

    /// The string node's text, escapes resolved.
    func string(_ node: Int) throws -> String {
        let item = nodes[node]
        let range = Int(item.start)..<Int(item.end)
        guard item.flag else { return String(decoding: bytes[range], as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var position = range.lowerBound
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                position += 1
                continue
            }
            flush()
            let code = bytes[position + 1]
            position += 2
            switch code {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let high = hex4(at: position)
                position += 4
                if (0xD800..<0xDC00).contains(high) {
                    guard position + 6 <= range.upperBound, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw Self.corrupted("a high surrogate escape without its low surrogate") }
                    let low = hex4(at: position + 2)
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw Self.corrupted("a high surrogate escape without its low surrogate")
                    }
                    position += 6
                    scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!)
                } else if let scalar = Unicode.Scalar(high) {
                    scalars.append(scalar)
                } else {
                    throw Self.corrupted("a low surrogate escape without its high surrogate")
                }
            default: scalars.append(Unicode.Scalar(code))
            }
        }
        flush()
        return String(scalars)
    }

    private func hex4(at position: Int) -> UInt32 {
        bytes[position..<position + 4].reduce(0) { $0 << 4 | (PayloadScanner.hex($1) ?? 0) }
    }

    /// The number node's text.
    func numberText(_ node: Int) -> Substring {
        let item = nodes[node]
        return Substring(decoding: bytes[Int(item.start)..<Int(item.end)], as: UTF8.self)
    }
}

/// Scans a payload's text into nodes, checking that it is JSON.
struct PayloadScanner {
    enum Kind: UInt8 { case null, bool, number, string, array, object }

    struct Node {
        var kind: Kind
        /// `true` for a bool; for a string, whether it holds an escape.
        var flag: Bool
        /// The bytes of a number, or of a string between its quotes.
        var start: Int32
        var end: Int32
        /// Members of an array, members (key and value pairs) of an object.
        var count: Int32
        /// The node after this one's subtree.
        var next: Int32
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var nodes: [Node] = []
    private var index = 0
    private static let maxDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw Self.corrupted("the text is not valid UTF-8")
        }
        guard bytes.count < Int32.max else { throw Self.corrupted("the text is too long") }
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count / 12 + 4)
    }

    mutating func scan() throws {
        skipWhitespace()
        try value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected data after the value") }
    }

    static func corrupted(_ message: String) -> DecodingError {
        .dataCorrupted(
            DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON: \(message)"))
    }

    private func error(_ message: String) -> DecodingError { Self.corrupted("\(message) at byte \(index)") }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func add(_ kind: Kind, flag: Bool = false, start: Int, end: Int) -> Int {
        nodes.append(
            Node(kind: kind, flag: flag, start: Int32(start), end: Int32(end), count: 0, next: Int32(nodes.count + 1)))
        return nodes.count - 1
    }

    private mutating func value(depth: Int) throws {
        guard index < bytes.count else { throw error("unexpected end of the text") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try container(object: true, depth: depth)
        case UInt8(ascii: "["): try container(object: false, depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true", .bool, flag: true)
        case UInt8(ascii: "f"): try literal("false", .bool, flag: false)
        case UInt8(ascii: "n"): try literal("null", .null, flag: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString, _ kind: Kind, flag: Bool) throws {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
            word.withUTF8Buffer({ expected in expected.elementsEqual(bytes[index..<index + length]) })
        else { throw error("unexpected character") }
        _ = add(kind, flag: flag, start: index, end: index + length)
        index += length
    }

    private mutating func container(object: Bool, depth: Int) throws {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
        let node = add(object ? .object : .array, start: index, end: index)
        let close = UInt8(ascii: object ? "}" : "]")
        index += 1
        skipWhitespace()
        var count: Int32 = 0
        if index < bytes.count, bytes[index] == close {
            index += 1
        } else {
            while true {
                if object {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
                    try string()
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                    index += 1
                    skipWhitespace()
                }
                try value(depth: depth + 1)
                count += 1
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of the text") }
                if bytes[index] == close {
                    index += 1
                    break
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw error("expected ',' or a closing bracket") }
                index += 1
                skipWhitespace()
                // A comma before the closing bracket, which Foundation accepts.
                if index < bytes.count, bytes[index] == close {
                    index += 1
                    break
                }
            }
        }
        nodes[node].count = count
        nodes[node].end = Int32(index)
        nodes[node].next = Int32(nodes.count)
    }

    private mutating func string() throws {
        index += 1
        let start = index
        var escaped = false
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20 else { throw error("unescaped control character in a string") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
                guard index < bytes.count else { throw error("unterminated string") }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count,
                        bytes[index + 1...index + 4].allSatisfy({ PayloadScanner.hex($0) != nil })
                    else { throw error("invalid \\u escape") }
                    index += 4
                default: throw error("invalid escape")
                }
            }
            index += 1
        }
        _ = add(.string, flag: escaped, start: start, end: index)
        index += 1
    }

    private mutating func number() throws {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, Self.isDigit(bytes[index]) { throw error("number with a leading zero") }
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        _ = add(.number, start: start, end: index)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func hex(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
