import Foundation
import Testing

@testable import LedgerUseCases

/// The pieces that let an audit compare its findings with the previous audit's without holding
/// either set: a sorted spill, and the merge of two sorted walks.
@Suite struct AuditComparisonTests {
    /// Records come back in the order of their keys' bytes, equal keys in the order added, whatever
    /// the budget (every record spilled, a few runs, all in memory), and can be read again.
    @Test(arguments: [1, 200, 5_000, 1 << 30])
    func aSortedSpillReturnsRecordsInKeyOrder(budget: Int) throws {
        var random = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x7a], Array("é".utf8), Array("e\u{301}".utf8), [0x2f], [0x00]]
        var added: [(key: [UInt8], record: [UInt8])] = []
        let spill = SortedSpill(budget: budget)
        for index in 0..<1_500 {
            let key = (0..<Int.random(in: 0...4, using: &random)).flatMap { _ in
                alphabet.randomElement(using: &random)!
            }
            let record = Array("\(index)".utf8)
            added.append((key, record))
            try spill.add(key: key, record: record)
        }
        let expected = added.enumerated().sorted {
            $0.element.key.lexicographicallyPrecedes($1.element.key)
                || ($0.element.key == $1.element.key && $0.offset < $1.offset)
        }.map { $0.element.record }
        for _ in 0..<2 {
            var read: [[UInt8]] = []
            try spill.forEach { _, record in read.append(record) }
            #expect(read == expected)
        }
        #expect(spill.count == 1_500)
        try SortedSpill(budget: budget).forEach { _, _ in Issue.record("an empty spill has no records") }
    }

    static func finding(_ key: String, _ severity: String = "warn", enforced: Bool = false) -> AuditFinding {
        AuditFinding(
            key: key, pack: "p", code: "c", severity: severity, artifact: "a/b:\u{1b}[31m", explanation: "x\n\"y\"",
            enforced: enforced)
    }

    /// New, resolved and unchanged against the previous audit's open keys, read in pages of any
    /// size; new findings most severe first, then by key.
    @Test(arguments: [1, 2, 10_000])
    func theComparisonWithThePreviousAudit(pageSize: Int) throws {
        let cases: [(previous: [String], current: [AuditFinding], new: [String], resolved: [String], same: Int)] = [
            ([], [], [], [], 0),
            ([], [Self.finding("b"), Self.finding("a", "block")], ["a", "b"], [], 0),
            (["a", "b"], [], [], ["a", "b"], 0),
            (["a", "c", "e"], [Self.finding("d"), Self.finding("c"), Self.finding("f")], ["d", "f"], ["a", "e"], 1),
            // Byte order: "e\u{301}" and "é" are one string to Swift's == but two keys to the ledger.
            (["e\u{301}"], [Self.finding("é"), Self.finding("e\u{301}")], ["é"], [], 1),
            // The same key twice: the first stands.
            (["z"], [Self.finding("y"), Self.finding("y", "block"), Self.finding("z")], ["y"], [], 1),
        ]
        for test in cases {
            let current = SortedSpill(budget: 64)
            for finding in test.current { try current.add(key: Array(finding.key.utf8), record: finding.bytes) }
            let previous = test.previous.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let comparison = try AuditComparison(current: current) { after in
                let start = after.map { last in previous.firstIndex { $0.utf8.elementsEqual(last.utf8) }! + 1 } ?? 0
                return Array(previous[start...].prefix(pageSize))
            }
            #expect(comparison.newKeys.map { Array($0.utf8) } == test.new.map { Array($0.utf8) }, "\(test)")
            #expect(comparison.resolved == test.resolved, "\(test)")
            #expect(comparison.unchanged == test.same, "\(test)")
            #expect(comparison.open == Int64(test.same + test.new.count))
            let listed = try comparison.new.all()
            #expect(listed.count == test.new.count)
            #expect(listed.map(\.severity) == listed.map(\.severity).sorted { $0 == "block" && $1 != "block" })
            // Every field comes back as it was set aside, terminal escapes and all (renderers make them safe).
            #expect(listed.allSatisfy { $0.artifact == "a/b:\u{1b}[31m" && $0.explanation == "x\n\"y\"" })
        }
        #expect(AuditFinding(bytes: Array(Self.finding("k").bytes.dropLast())) == nil)
        #expect(AuditFinding(bytes: [0, 0, 0, 9]) == nil)
    }
}
