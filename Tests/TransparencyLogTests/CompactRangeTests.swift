import Foundation
import Testing

@testable import TransparencyLog

/// The streaming tree `verify` uses, against the reference vectors and against the whole tree.
@Suite struct CompactRangeTests {
    @Test func knownRoots() {
        var range = CompactRange()
        #expect(range.root == Merkle.emptyRoot)
        for (index, leaf) in MerkleTests.leaves.enumerated() {
            range.append(leafHash: Merkle.leafHash(leaf))
            #expect(range.root == MerkleTests.roots[index], "size \(index + 1)")
        }
    }

    /// Every size up to 300: the completed subtrees are the whole tree's, in its order, and the
    /// root is the whole tree's at that size.
    @Test func matchesTheWholeTree() throws {
        var range = CompactRange()
        var tree = MemoryTree()
        for index in 0..<300 {
            let leaf = Merkle.leafHash(Array("leaf \(index)".utf8))
            let expected = tree.append(leafHash: leaf)
            let completed = range.append(leafHash: leaf)
            #expect(completed.map(\.level) == expected.map(\.level))
            #expect(completed.map(\.index) == expected.map(\.index))
            #expect(completed.map(\.hash) == expected.map(\.hash))
            #expect(range.root == (try tree.root(size: UInt64(index + 1))))
            #expect(range.size == UInt64(index + 1))
        }
    }

    /// A range started from the stored subtrees of a prefix continues exactly as one built from the
    /// first leaf (what `verify --since-checkpoint` relies on).
    @Test(arguments: [0, 1, 2, 3, 5, 8, 13, 64, 100, 127])
    func resumesFromAPrefix(size: Int) throws {
        let tree = MerkleTests.tree(200)
        let places = CompactRange.decomposition(UInt64(size))
        #expect(places.reduce(UInt64(0)) { $0 + (UInt64(1) << UInt64($1.level)) } == UInt64(size))
        let hashes = try places.map { try tree.subtree(level: $0.level, index: $0.index) }
        var range = try #require(CompactRange(size: UInt64(size), subtrees: hashes))
        #expect(range.root == (try tree.root(size: UInt64(size))))
        for index in size..<200 {
            range.append(leafHash: try tree.subtree(level: 0, index: UInt64(index)))
            #expect(range.root == (try tree.root(size: UInt64(index + 1))))
        }
    }

    @Test func refusesTheWrongSubtrees() {
        #expect(CompactRange(size: 3, subtrees: [Array(repeating: 0, count: 32)]) == nil)
        #expect(CompactRange(size: 2, subtrees: [Array(repeating: 0, count: 31)]) == nil)
        #expect(CompactRange(size: 0, subtrees: []) != nil)
    }
}
