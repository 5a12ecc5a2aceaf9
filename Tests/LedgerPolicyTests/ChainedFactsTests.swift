import Foundation
import LedgerCore
import Testing

@testable import LedgerPolicy

/// `ChainedFacts.extended(by:)` against the definition (`LineageFacts(of:in:on:)`, a walk of the
/// whole ancestry) on random lineages: chains of checkpoints, merges, distillations, copies,
/// unknown and external compute, publications and withdrawals on various dates.
@Suite struct ChainedFactsTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let days = ["2025-01-01", "2025-06-01", "2026-01-01", "2026-06-01"].map { try! LedgerDate($0) }

    /// A random lineage of `count` nodes, parents always earlier ones.
    static func lineage(seed: UInt64, count: Int) throws -> [LineageNode] {
        var random = Random(state: seed)
        var nodes: [LineageNode] = []
        for index in 0..<count {
            let digest = try ArtifactDigest("sha256:" + String(format: "%064x", (index &* 2_654_435_761) % 1_000_003))
            let roll = random.below(20)
            let parents: [ArtifactDigest] =
                index == 0 || roll == 0
                ? []
                : roll == 1 && index > 2
                    ? [nodes[random.below(index)].digest, nodes[index - 1].digest]
                    : [nodes[index - 1 - random.below(min(index, 3))].digest]
            let kinds: [TrainingKind] = [.finetune, .finetune, .adapter, .quantize, .convert, .prune, .distill]
            let kind: TrainingKind =
                parents.isEmpty
                ? .pretrain : parents.count == 2 && roll == 1 ? .merge : kinds[random.below(kinds.count)]
            let operations: Double? =
                random.below(6) == 0 ? nil : Double(1 + random.below(1000)) * pow(10, Double(18 + random.below(9)))
            var changes: [Dated<Publication?>] = []
            if random.below(4) == 0 {
                let from = days[random.below(days.count)]
                changes.append(Dated(from: from, value: try Publication(url: "https://x/\(index)", date: from), seq: 1))
                if random.below(3) == 0 {
                    changes.append(Dated(from: days[days.count - 1], value: nil, seq: 2))
                }
            }
            nodes.append(
                LineageNode(
                    digest: digest, kind: kind, parents: Array(Set(parents)).sorted(), operations: operations,
                    publications: PublicationHistory(changes),
                    externalParents: random.below(15) == 0 ? ["hub/base-\(random.below(3))"] : []))
        }
        return nodes
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func extendingAParentGivesTheFactsOfTheWholeAncestry(seed: UInt64) throws {
        let nodes = try Self.lineage(seed: seed, count: 160)
        let graph = LineageGraph(nodes: nodes)
        var extended = 0
        for date in [nil] + Self.days.map(Optional.some) {
            // Facts as flags builds them: extended from the parent's where there is one parent.
            var chained: [ArtifactDigest: ChainedFacts] = [:]
            for node in nodes {
                let made =
                    node.parents.count == 1
                    ? chained[node.parents[0]]?.extended(by: node) : nil
                if made != nil { extended += 1 }
                let facts = made ?? ChainedFacts(of: node.digest, in: graph, on: date)
                chained[node.digest] = facts
                #expect(
                    facts.facts == LineageFacts(of: node.digest, in: graph, on: date),
                    "\(node.digest) on \(date?.description ?? "any date")")
            }
        }
        #expect(extended > 400)
    }

    /// A chain 3,000 deep: each step extended from the one before, the last one equal to the
    /// definition, sums exact (no rounding drift over thousands of additions).
    @Test func aDeepChainStaysExact() throws {
        var nodes: [LineageNode] = []
        for index in 0..<3_000 {
            nodes.append(
                LineageNode(
                    digest: try ArtifactDigest("sha256:" + String(format: "%064x", index + 1)),
                    kind: index == 0 ? .pretrain : .finetune, parents: index == 0 ? [] : [nodes[index - 1].digest],
                    operations: index == 0 ? 1e26 : 0.1 * Double(index % 7 + 1) * 1e21))
        }
        let graph = LineageGraph(nodes: nodes)
        var facts = ChainedFacts(of: nodes[0].digest, in: graph)
        for node in nodes.dropFirst() { facts = try #require(facts.extended(by: node)) }
        #expect(facts.facts == LineageFacts(of: nodes[2_999].digest, in: graph))
        #expect(facts.facts.cumulative.value == ExactSum.sum(nodes.compactMap(\.operations)))
        // Not its parent: refused.
        #expect(ChainedFacts(of: nodes[5].digest, in: graph).extended(by: nodes[10]) == nil)
    }
}
