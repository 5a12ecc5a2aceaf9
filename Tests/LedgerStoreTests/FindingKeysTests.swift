import Foundation
import Testing

@testable import LedgerCore

/// An audit's keys decoded from a payload's text are read from it one at a time (`FindingKeys`):
/// they must be what an array of strings decodes to, fail as it fails, and encode back to the
/// same canonical bytes.
@Suite struct FindingKeysTests {
    struct Probe: Codable, Equatable {
        let keys: FindingKeys?
    }

    struct Plain: Codable, Equatable {
        let keys: [String]?
    }

    static let texts: [String] = [
        #"{"keys": []}"#, #"{"keys": ["a"]}"#, #"{"keys": ["p/r/c/sha256:00", "p/r/c/sha256:01/DE@7"]}"#,
        #"{"keys": ["tab\there \"quoted\" \\ \/ \b\f\n\r", "plain", "\u00e9\u4e2d", "\ud83d\ude00"]}"#,
        #"{"keys": ["\u001b[31mred\u001b[0m", "<b>&amp;</b>", "e\u0301", "é", ""]}"#,
        #"{"keys": ["\ud800"]}"#, #"{"keys": ["ok", "\udc00"]}"#, #"{"keys": ["a", 1]}"#, #"{"keys": ["a", null]}"#,
        #"{"keys": "a"}"#, #"{"keys": {"a": "b"}}"#, #"{"keys": ["a",]}"#, #"{"keys": null}"#, #"{}"#,
        #"{"keys": [["a"]]}"#, #"{"keys": ["a"], "keys": ["b"]}"#,
    ]

    /// The same values or the same error as `[String]`, from text, from bytes and from Foundation.
    @Test(arguments: texts)
    func decodesAsAnArrayOfStrings(_ text: String) throws {
        let plain = Result { try PayloadDecoder.decode(Plain.self, fromText: text) }
        for keys in [
            Result { try PayloadDecoder.decode(Probe.self, fromText: text) },
            Result { try PayloadDecoder.decode(Probe.self, from: Array(text.utf8)) },
            Result { try PayloadDecoder.decode(Probe.self, fromText: NSString(string: text) as String) },
        ] {
            switch (plain, keys) {
            case (.success(let a), .success(let b)):
                #expect(a.keys == b.keys?.all, "\(text)")
                #expect(a.keys?.count == b.keys?.count, "\(text)")
                #expect(try CanonicalJSON.bytes(encoding: a) == CanonicalJSON.bytes(encoding: b), "\(text)")
            case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(text)")
            default: Issue.record("\(text): \(plain) / \(keys)")
            }
        }
        let theirs = Result { try JSONDecoder().decode(Probe.self, from: Data(text.utf8)) }
        #expect((try? theirs.get()) == (try? plain.get()).map { Probe(keys: $0.keys.map(FindingKeys.init)) })
    }

    /// Read from the text, not held as strings: the keys of a large list come out in order, each
    /// equal to the one written, and the list compares equal to the one made in memory.
    @Test func aLargeListReadFromItsText() throws {
        let keys = (0..<20_000).map { "pack/rule/code/sha256:\(String($0, radix: 16))/DE@\($0)" }
        let text = String(decoding: try CanonicalJSON.bytes(encoding: Plain(keys: keys)), as: UTF8.self)
        let decoded = try #require(try PayloadDecoder.decode(Probe.self, fromText: text).keys)
        #expect(decoded == FindingKeys(keys))
        #expect(decoded != FindingKeys(Array(keys.dropLast())))
        #expect(decoded != FindingKeys(keys.dropLast() + ["other"]))
        var count = 0
        for (read, written) in zip(decoded, keys) {
            #expect(read == written)
            count += 1
        }
        #expect(count == keys.count)
    }

    /// An audit event of each format decodes from its text to the audit it was made from.
    @Test func auditsOfBothFormatsFromText() throws {
        let new = AuditRecorded(
            date: try LedgerDate("2026-01-01"), rehash: "none", status: "findings", interrupted: false, treeSize: 3,
            rootHash: "AAAA", checkedBytes: 0, locations: [], newFindings: ["a/b/c/\u{1B}[2J", "z"],
            resolvedFindings: ["q\"uote"], openFindings: 2)
        let old = AuditRecorded(
            date: try LedgerDate("2026-01-01"), rehash: "none", status: "findings", interrupted: false, treeSize: 3,
            rootHash: "AAAA", checkedBytes: 0, locations: [], findings: ["x", "y\n"])
        for audit in [new, old] {
            let event = LedgerEvent.auditRecorded(audit)
            let text = String(decoding: try event.canonicalPayload(), as: UTF8.self)
            let decoded = try LedgerEvent.decode(type: event.type, payloadText: text)
            #expect(decoded == event)
            #expect(try decoded.canonicalPayload() == event.canonicalPayload())
            #expect(decoded.projection == event.projection)
        }
    }
}
