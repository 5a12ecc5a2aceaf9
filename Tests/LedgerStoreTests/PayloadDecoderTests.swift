import Foundation
import LedgerDemo
import LedgerSQLite
import LedgerStore
import TestSupport
import Testing

@testable import LedgerCore
@testable import LedgerUseCases

/// `PayloadDecoder` (events' payloads) answers as Foundation's `JSONDecoder` does: the same value
/// for every event the demo writes, and for a table of edge cases and hostile texts either the
/// same value or an error from both.
@Suite struct PayloadDecoderTests {
    struct Probe: Decodable, Equatable {
        let i: Int64?
        let u: UInt8?
        let d: Double?
        let s: String?
        let b: Bool?
        let a: [Int]?
        let o: [String: String]?
        let n: [Probe]?
    }

    /// Foundation's answer and ours for one text: equal values, or both errors.
    static func agree<T: Decodable & Equatable>(_ type: T.Type, _ text: [UInt8]) -> (Bool, String) {
        let theirs = Result { try JSONDecoder().decode(type, from: Data(text)) }
        let ours = Result { try PayloadDecoder.decode(type, from: text) }
        switch (theirs, ours) {
        case (.success(let a), .success(let b)): return (a == b, "\(a) / \(b)")
        case (.failure, .failure): return (true, "both refused")
        case (.success(let a), .failure(let error)): return (false, "Foundation: \(a); ours: \(error)")
        case (.failure(let error), .success(let b)): return (false, "Foundation: \(error); ours: \(b)")
        }
    }

    static let texts: [String] = [
        #"{}"#, #"{"i": 9223372036854775807}"#, #"{"i": -9223372036854775808}"#, #"{"i": 9223372036854775808}"#,
        #"{"i": 1.0}"#, #"{"i": 1e2}"#, #"{"i": 1.5}"#, #"{"i": -0}"#, #"{"i": "1"}"#, #"{"i": null}"#,
        #"{"u": 255}"#, #"{"u": 256}"#, #"{"u": -1}"#,
        #"{"d": 0.1}"#, #"{"d": -0.0}"#, #"{"d": 5e-324}"#, #"{"d": 1.7976931348623157e308}"#, #"{"d": 1e400}"#,
        #"{"d": 123456789012345678901234567890}"#, #"{"d": 1E+2}"#, #"{"d": true}"#,
        #"{"s": "plain"}"#, #"{"s": "tab\there \"quoted\" \\ \/ \b\f\n\r"}"#, #"{"s": "\u00e9\u4e2d"}"#,
        #"{"s": "\ud83d\ude00"}"#, #"{"s": "\ud800"}"#, #"{"s": "\udc00"}"#, #"{"s": "\ud800\u0041"}"#,
        #"{"s": "é"}"#, #"{"s": ""}"#, #"{"s": 1}"#,
        #"{"b": true, "b": false}"#, #"{"s": "first", "s": "second"}"#, #"{"b": false}"#,
        #"{"a": []}"#, #"{"a": [1, 2, 3]}"#, #"{"a": [1, null]}"#, #"{"a": [1,]}"#, #"{"a": {}}"#,
        #"{"o": {"k": "v", "\u006b2": "w"}}"#, #"{"o": {"k": 1}}"#, #"{"n": [{"i": 1}, {"n": [{"s": "x"}]}]}"#,
        #" { "i" : 1 } "#, #"{"i": 01}"#, #"{"i": 1.}"#, #"{"i": .5}"#, #"{"i": +1}"#, #"{"i": 1e}"#,
        #"{"s": "unterminated}"#, "{\"s\": \"control\u{01}char\"}", #"{"s": "\x"}"#, #"{"s": "\u12"}"#,
        #"{"i": 1"#, #"{"i": 1}}"#, #"{"i": 1} x"#, #"{"i" 1}"#, #"{i: 1}"#, #"{"i": tru}"#, #"{"i": NaN}"#,
        #"[]"#, #""""#, "", #"null"#, #"{"i": 1,}"#, "{\"s\": \"a\"}\u{00}",
    ]

    @Test func edgeCasesAndHostileTextsAsFoundationAnswers() {
        var cases = Self.texts.map { Array($0.utf8) }
        cases.append([UInt8](#"{"s": ""#.utf8) + [0xC3, 0x28] + [UInt8](#""}"#.utf8))  // invalid UTF-8
        cases.append([UInt8](#"{"s": ""#.utf8) + [0xED, 0xA0, 0x80] + [UInt8](#""}"#.utf8))  // encoded surrogate
        cases.append(
            Array((String(repeating: #"{"n": ["#, count: 300) + "{}" + String(repeating: "]}", count: 300)).utf8))
        cases.append(Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8))
        for text in cases {
            let (same, detail) = Self.agree(Probe.self, text)
            #expect(same, "\(String(decoding: text.prefix(80), as: UTF8.self)): \(detail)")
        }
        #expect((try? PayloadDecoder.decode(Probe.self, from: Array(#"{"s": "x", "i": 7}"#.utf8))) != nil)
    }

    /// A payload read in place from its text decodes as the same bytes in an array do.
    @Test(arguments: texts)
    func textReadInPlaceAsItsBytes(_ text: String) {
        let fromBytes = Result { try PayloadDecoder.decode(Probe.self, from: Array(text.utf8)) }
        let fromText = Result { try PayloadDecoder.decode(Probe.self, fromText: text) }
        switch (fromBytes, fromText) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(text)")
        default: Issue.record("\(text): \(fromBytes) / \(fromText)")
        }
        // A bridged (non-native) string is made contiguous first.
        let bridged = NSString(string: text) as String
        #expect(
            (try? PayloadDecoder.decode(Probe.self, fromText: bridged)) == (try? fromBytes.get()), "\(text)")
    }

    @Test func everyEventOfTheDemoDecodesAsFoundationDecodesIt() throws {
        let directory = try TemporaryDirectory()
        let context = AppContext(location: SQLiteLocation(path: directory.file("demo.db")), actor: "test")
        _ = try Demo(context: context, modelsDirectory: directory.file("models")).run()
        let ledger = try SQLiteLedger.open(path: directory.file("demo.db"), mode: .existing)
        defer { try? ledger.close() }
        var types: Set<String> = []
        var count = 0
        try ledger.read { reader in
            try reader.forEachEvent(after: 0) { event in
                let payload = Array(event.payload.utf8)
                let ours = try LedgerEvent.decode(type: event.type, payload: payload)
                let theirs = try LedgerEvent.decodeWithFoundation(type: event.type, payload: payload)
                #expect(ours == theirs, "event \(event.seq) (\(event.type))")
                #expect(try LedgerEvent.decode(type: event.type, payloadText: event.payload) == ours)
                types.insert(event.type)
                count += 1
                return true
            }
        }
        #expect(count >= 20)
        #expect(types.count >= 8, "\(types.sorted())")
    }

    struct Outer: Decodable, Equatable {
        let r: [Inner]
        let m: [String: Inner]?
    }
    struct Inner: Decodable, Equatable {
        let x: Int
        let y: [UInt8]?
    }

    /// The place a decoding error names, as key names (`Index N` for an array's element).
    static func place(_ error: any Error) -> [String]? {
        guard let error = error as? DecodingError else { return nil }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.map(\.stringValue)
        case .keyNotFound(let key, let context): return (context.codingPath + [key]).map(\.stringValue)
        @unknown default: return nil
        }
    }

    /// A refusal inside nested objects and arrays names the place the table gives (ours builds the
    /// path only when it throws), and Foundation's names the same, except for a number its field
    /// cannot hold, where Foundation names no place and ours names the number's.
    @Test(arguments: [
        (#"{"r": [{"x": 1}, {"x": "2"}]}"#, "r/Index 1/x", true), (#"{"r": [{"x": 1}, {}]}"#, "r/Index 1/x", true),
        (#"{"r": [{"x": 1, "y": [1, "a"]}]}"#, "r/Index 0/y/Index 1", true), (#"{"r": {}}"#, "r", true),
        (#"{"r": [], "m": {"k": {"x": true}}}"#, "m/k/x", true),
        (#"{"r": [], "m": {"k": {"x": 1, "y": {}}}}"#, "m/k/y", true),
        (#"{"r": [7]}"#, "r/Index 0", true), (#"{}"#, "r", true),
        (#"{"r": [{"x": 1.5}]}"#, "r/Index 0/x", false),
        (#"{"r": [{"x": 1, "y": [1, 256]}]}"#, "r/Index 0/y/Index 1", false),
        (#"{"r": [{"x": 99999999999999999999}]}"#, "r/Index 0/x", false),
        (#"{"r": [{"x": 1, "y": [1e400]}]}"#, "r/Index 0/y/Index 0", false),
    ])
    func errorsNameThePlace(_ text: String, _ expected: String, _ foundationNamesIt: Bool) throws {
        let theirs = Result { try JSONDecoder().decode(Outer.self, from: Data(text.utf8)) }
        let ours = Result { try PayloadDecoder.decode(Outer.self, from: Array(text.utf8)) }
        guard case .failure(let their) = theirs, case .failure(let our) = ours else {
            Issue.record("\(text): both should refuse: \(theirs) / \(ours)")
            return
        }
        let place = expected.split(separator: "/").map(String.init)
        #expect(Self.place(our) == place, "\(text): \(our)")
        #expect(Self.place(their) == (foundationNamesIt ? place : []), "\(text): \(their)")
    }
}
