import Testing

@testable import LedgerCore

/// Cumulative compute over an ancestry: each distinct ancestor once, unknown never zero.
@Suite struct LineageTests {
    static func digest(_ letter: Character) -> ArtifactDigest {
        try! ArtifactDigest(String(repeating: String(letter), count: 64))
    }

    static func node(
        _ letter: Character, _ parents: String, _ operations: Double?, _ kind: TrainingKind = .finetune,
        external: [String] = []
    ) -> LineageNode {
        LineageNode(
            digest: digest(letter), kind: parents.isEmpty && external.isEmpty ? .pretrain : kind,
            parents: parents.map { digest($0) }, operations: operations, externalParents: external)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let nodes: [LineageNode]
        let root: Character
        let operations: Double?
        let complete: Bool
        let unknown: String
        let count: Int
        var external: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "single pretrain", nodes: [node("a", "", 3e26)], root: "a", operations: 3e26, complete: true,
            unknown: "", count: 1),
        Case(
            name: "chain", nodes: [node("a", "", 3e26), node("b", "a", 1e24), node("c", "b", 0, .quantize)],
            root: "c", operations: 3.01e26, complete: true, unknown: "", count: 3),
        Case(
            name: "diamond counts the shared ancestor once",
            nodes: [node("a", "", 1e25), node("b", "a", 2e24), node("c", "a", 3e24), node("d", "bc", 0, .merge)],
            root: "d", operations: 1.5e25, complete: true, unknown: "", count: 4),
        Case(
            name: "unknown ancestor makes a lower bound",
            nodes: [node("a", "", 1e25), node("b", "a", nil), node("c", "b", 1e23)],
            root: "c", operations: 1.01e25, complete: false, unknown: "b", count: 3),
        Case(
            name: "all unknown is unknown, not zero",
            nodes: [node("a", "", nil), node("b", "a", nil)], root: "b", operations: nil, complete: false,
            unknown: "ab", count: 2),
        Case(
            name: "own unknown on top of known",
            nodes: [node("a", "", 2e25), node("b", "a", nil)], root: "b", operations: 2e25, complete: false,
            unknown: "b", count: 2),
        Case(
            name: "merge of two unrelated roots",
            nodes: [node("a", "", 1e24), node("b", "", 2e24), node("c", "ab", 0, .merge)],
            root: "c", operations: 3e24, complete: true, unknown: "", count: 3),
        Case(
            name: "ancestor missing from the graph counts as unknown",
            nodes: [node("b", "a", 5e23)], root: "b", operations: 5e23, complete: false, unknown: "a", count: 2),
        Case(
            name: "descendants are not counted",
            nodes: [node("a", "", 1e24), node("b", "a", 9e25)], root: "a", operations: 1e24, complete: true,
            unknown: "", count: 1),
        Case(
            name: "a quantized copy with unknown own compute adds nothing",
            nodes: [node("a", "", 3e26), node("b", "a", nil, .quantize)], root: "b", operations: 3e26, complete: true,
            unknown: "", count: 2),
        Case(
            name: "an unknown fine-tune above a quantized copy still makes a lower bound",
            nodes: [node("a", "", 3e26), node("b", "a", nil, .convert), node("c", "b", nil)],
            root: "c", operations: 3e26, complete: false, unknown: "c", count: 3),
        Case(
            name: "double diamond",
            nodes: [
                node("1", "", 1), node("2", "1", 2), node("3", "1", 4), node("4", "23", 8, .merge), node("5", "4", 16),
                node("6", "4", 32), node("7", "56", 64, .merge),
            ],
            root: "7", operations: 127, complete: true, unknown: "", count: 7),
        Case(
            name: "a parent outside the ledger makes a lower bound",
            nodes: [node("a", "", 1e24, external: ["org/base"])], root: "a", operations: 1e24, complete: false,
            unknown: "", count: 1, external: ["org/base"]),
        Case(
            name: "a quantized copy of a model outside the ledger is not complete",
            nodes: [node("a", "", 0, .quantize, external: ["org/base"])], root: "a", operations: 0, complete: false,
            unknown: "", count: 1, external: ["org/base"]),
        Case(
            name: "an external base shared by two ancestors is named once",
            nodes: [
                node("a", "", 1e24, external: ["org/base"]), node("b", "", 2e24, external: ["org/base", "x/y"]),
                node("c", "ab", 0, .merge),
            ],
            root: "c", operations: 3e24, complete: false, unknown: "", count: 3, external: ["org/base", "x/y"]),
        Case(
            name: "an external parent of a descendant is not counted",
            nodes: [node("a", "", 1e24), node("b", "a", 1e23, .merge, external: ["org/other"])], root: "a",
            operations: 1e24, complete: true, unknown: "", count: 1),
    ]

    @Test(arguments: cases)
    func cumulativeCompute(_ testCase: Case) {
        let result = LineageGraph(nodes: testCase.nodes).cumulativeCompute(of: Self.digest(testCase.root))
        #expect(result.operations == testCase.operations)
        #expect(result.complete == testCase.complete)
        #expect(result.unknownAncestors == testCase.unknown.map { Self.digest($0) }.sorted())
        #expect(result.unknownExternal == testCase.external)
        #expect(result.artifactCount == testCase.count)
    }

    @Test func exactSumIsCorrectlyRoundedAndOrderIndependent() {
        #expect(ExactSum.sum([0.1, 0.2, 0.3]) == 0.6)
        #expect(ExactSum.sum([1e26, 1, -1e26]) == 1)
        #expect(ExactSum.sum([1e25, 2e24, 3e24]) == 1.5e25)
        #expect(ExactSum.sum([]) == 0)
        var values: [Double] = (1...200).map { Double($0) * 1.37e23 + 0.1 }
        let expected = ExactSum.sum(values)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            values.shuffle(using: &generator)
            #expect(ExactSum.sum(values) == expected)
        }
        // Threshold-adjacent: the doubles nearest 9.9e25 and 1e24 sum to just under 10^26
        // (Python's math.fsum agrees), the same in either order.
        #expect(ExactSum.sum([9.9e25, 1e24]) == 9.999999999999999e25)
        #expect(ExactSum.sum([1e24, 9.9e25]) == 9.999999999999999e25)
        #expect(ExactSum.sum([3e26, 1e24]) == 3.01e26)
    }

    @Test func ancestryIsBreadthFirstAndDistinct() {
        let graph = LineageGraph(nodes: [
            Self.node("a", "", 1), Self.node("b", "a", 1), Self.node("c", "a", 1), Self.node("d", "bc", 1, .merge),
        ])
        #expect(graph.ancestry(of: Self.digest("d")) == ["d", "b", "c", "a"].map { Self.digest(Character($0)) })
    }
}
