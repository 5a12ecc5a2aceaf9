import Testing

@testable import LedgerCore

/// An event's leaf bytes are the canonical JSON (RFC 8785) of its row without the payload hash,
/// whatever its strings hold: the plain-ASCII shortcut gives what CanonicalJSON gives.
@Suite struct EventLeafTests {
    static let strings = [
        "", "alice@vm", "artifact.registered", "2026-12-04T07:00:00.000Z", "a \"quoted\" name", #"back\slash"#,
        "tab\there", "line\nbreak", "\u{01}\u{1F}", "del\u{7F}", "café", "中文", "emoji 😀", " ",
        "~!#$%&'()*+,-./:;<=>?@[]^_`{|}",
    ]

    @Test(arguments: strings)
    func leafIsTheRowsCanonicalJSON(_ text: String) throws {
        let payload = Array(#"{"k":1}"#.utf8)
        let leaf = EventLeaf.bytes(seq: 42, recordedAt: text, actor: text, type: text, payload: payload)
        let expected = try CanonicalJSON.bytes(
            of: .object([
                "actor": .string(text), "payload": .object(["k": .number(1)]), "recordedAt": .string(text),
                "seq": .number(42), "type": .string(text),
            ]))
        #expect(leaf == expected, "\(text)")
        let (head, tail) = EventLeaf.frame(seq: 42, recordedAt: text, actor: text, type: text)
        #expect(head + payload + tail == leaf, "\(text)")
    }
}
