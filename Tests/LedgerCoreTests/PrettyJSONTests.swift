import Foundation
import Testing

@testable import LedgerCore

/// Laid-out JSON parses back to the same value (by our parser and by Foundation's), keeps the
/// canonical key order, and is the same bytes every time.
@Suite struct PrettyJSONTests {
    static let values: [JSONValue] = [
        .object([:]), .array([]), .string("line\nbreak \"quoted\" \u{1}"), .number(3.02e26), .bool(false), .null,
        .object([
            "b": .array([.number(1), .object(["z": .null, "a": .string("é")])]), "a": .object([:]), "é": .array([]),
        ]),
    ]

    @Test(arguments: values)
    func roundTrips(_ value: JSONValue) throws {
        let bytes = try PrettyJSON.bytes(of: value)
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(try JSONParser.parse(bytes) == value)
        _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(try CanonicalJSON.canonicalize(bytes) == (try CanonicalJSON.bytes(of: value)))
        #expect(try PrettyJSON.bytes(of: value) == bytes)
    }

    @Test func layout() throws {
        let text = String(
            decoding: try PrettyJSON.bytes(of: .object(["b": .array([.number(1)]), "a": .object([:])])), as: UTF8.self)
        #expect(text == "{\n  \"a\": {},\n  \"b\": [\n    1\n  ]\n}\n")
    }
}
