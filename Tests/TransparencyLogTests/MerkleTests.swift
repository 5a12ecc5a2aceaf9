import Foundation
import TestSupport
import Testing

@testable import TransparencyLog

func hex(_ text: String) -> [UInt8] { hexBytes(text) }

/// RFC 6962 / RFC 9162 trees against the certificate-transparency reference vectors
/// (merkle_tree_test.cc, also used by Trillian), and exhaustively against the definition.
@Suite struct MerkleTests {
    static let leaves = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hex)
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(hex)

    static func tree(_ count: Int) -> MemoryTree {
        var tree = MemoryTree()
        for index in 0..<count {
            tree.append(leafHash: Merkle.leafHash(index < leaves.count ? leaves[index] : Array("leaf \(index)".utf8)))
        }
        return tree
    }

    @Test func knownRoots() throws {
        #expect(Merkle.emptyRoot == hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        let tree = Self.tree(8)
        for size in 1...8 { #expect(try tree.root(size: UInt64(size)) == Self.roots[size - 1], "size \(size)") }
        // The incremental tree gives the same roots as it grows.
        for size in 1...8 { #expect(try Self.tree(size).root(size: UInt64(size)) == Self.roots[size - 1]) }
    }

    struct ProofVector: Sendable {
        let first: UInt64
        let second: UInt64
        let proof: [String]
    }

    static let inclusionVectors = [
        ProofVector(first: 0, second: 1, proof: []),
        ProofVector(
            first: 0, second: 8,
            proof: [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]),
        ProofVector(
            first: 5, second: 8,
            proof: [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]),
        ProofVector(first: 2, second: 3, proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        ProofVector(
            first: 1, second: 5,
            proof: [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]),
    ]

    static let consistencyVectors = [
        ProofVector(first: 1, second: 1, proof: []),
        ProofVector(
            first: 1, second: 8,
            proof: [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]),
        ProofVector(
            first: 6, second: 8,
            proof: [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]),
        ProofVector(
            first: 2, second: 5,
            proof: [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]),
        ProofVector(
            first: 6, second: 7,
            proof: [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]),
    ]

    @Test func knownInclusionProofs() throws {
        let tree = Self.tree(8)
        for vector in Self.inclusionVectors {
            let proof = try tree.inclusionProof(index: vector.first, size: vector.second)
            #expect(proof == vector.proof.map(hex), "leaf \(vector.first) of \(vector.second)")
            #expect(
                ProofVerifier.verifyInclusion(
                    index: vector.first, size: vector.second, leafHash: Merkle.leafHash(Self.leaves[Int(vector.first)]),
                    proof: proof, root: Self.roots[Int(vector.second) - 1]))
        }
    }

    @Test func knownConsistencyProofs() throws {
        let tree = Self.tree(8)
        for vector in Self.consistencyVectors {
            let proof = try tree.consistencyProof(old: vector.first, new: vector.second)
            #expect(proof == vector.proof.map(hex), "\(vector.first) → \(vector.second)")
            #expect(
                ProofVerifier.verifyConsistency(
                    old: vector.first, new: vector.second, proof: proof,
                    oldRoot: Self.roots[Int(vector.first) - 1], newRoot: Self.roots[Int(vector.second) - 1]))
        }
    }

    /// The definition of RFC 9162 §2.1.1, computed directly.
    static func definitionRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return Merkle.emptyRoot }
        if leaves.count == 1 { return Merkle.leafHash(leaves.first!) }
        let k = Int(Merkle.split(UInt64(leaves.count)))
        return Merkle.nodeHash(definitionRoot(leaves.prefix(k)), definitionRoot(leaves.dropFirst(k)))
    }

    @Test func everyLeafOfEveryTreeUpTo300Verifies() throws {
        let data = (0..<300).map { Array("leaf \($0)".utf8) }
        var tree = MemoryTree()
        for size in 1...300 {
            tree.append(leafHash: Merkle.leafHash(data[size - 1]))
            let root = try tree.root(size: UInt64(size))
            #expect(root == Self.definitionRoot(data.prefix(size)[...]), "size \(size)")
            for index in 0..<size {
                let proof = try tree.inclusionProof(index: UInt64(index), size: UInt64(size))
                let ok = ProofVerifier.verifyInclusion(
                    index: UInt64(index), size: UInt64(size), leafHash: Merkle.leafHash(data[index]), proof: proof,
                    root: root)
                if !ok {
                    Issue.record("leaf \(index) of \(size) does not verify")
                    return
                }
            }
        }
        // The tree of 300 also answers for every smaller size.
        for size in [1, 2, 3, 7, 64, 65, 255, 256, 257, 299] {
            #expect(try tree.root(size: UInt64(size)) == Self.definitionRoot(data.prefix(size)[...]))
        }
    }

    @Test func consistencyForEveryPairUpTo64() throws {
        let data = (0..<64).map { Array("entry \($0)".utf8) }
        var tree = MemoryTree()
        data.forEach { tree.append(leafHash: Merkle.leafHash($0)) }
        for new in 1...64 {
            let newRoot = try tree.root(size: UInt64(new))
            for old in 1...new {
                let proof = try tree.consistencyProof(old: UInt64(old), new: UInt64(new))
                let oldRoot = try tree.root(size: UInt64(old))
                #expect(
                    ProofVerifier.verifyConsistency(
                        old: UInt64(old), new: UInt64(new), proof: proof, oldRoot: oldRoot, newRoot: newRoot),
                    "\(old) → \(new)")
                if old < new {
                    // A wrong old root, or a rewritten new tree, fails.
                    #expect(
                        !ProofVerifier.verifyConsistency(
                            old: UInt64(old), new: UInt64(new), proof: proof, oldRoot: newRoot, newRoot: newRoot))
                }
            }
        }
    }

    @Test func wrongProofsFail() throws {
        let tree = Self.tree(8)
        let root = Self.roots[7]
        let proof = try tree.inclusionProof(index: 5, size: 8)
        let leaf = Merkle.leafHash(Self.leaves[5])
        #expect(ProofVerifier.verifyInclusion(index: 5, size: 8, leafHash: leaf, proof: proof, root: root))
        #expect(
            !ProofVerifier.verifyInclusion(index: 4, size: 8, leafHash: leaf, proof: proof, root: root), "wrong index")
        // (A size claim is only as good as the root it comes with: the size-7 root rejects this proof.)
        #expect(
            !ProofVerifier.verifyInclusion(index: 5, size: 7, leafHash: leaf, proof: proof, root: Self.roots[6]),
            "wrong size")
        #expect(
            !ProofVerifier.verifyInclusion(index: 5, size: 4, leafHash: leaf, proof: proof, root: root),
            "size too small for the path")
        #expect(
            !ProofVerifier.verifyInclusion(
                index: 5, size: 8, leafHash: Merkle.leafHash(Self.leaves[4]), proof: proof, root: root), "wrong leaf")
        #expect(
            !ProofVerifier.verifyInclusion(
                index: 5, size: 8, leafHash: leaf, proof: Array(proof.dropLast()), root: root), "short proof")
        #expect(
            !ProofVerifier.verifyInclusion(index: 5, size: 8, leafHash: leaf, proof: proof + [root], root: root),
            "long proof")
        var flipped = proof
        flipped[1][0] ^= 1
        #expect(
            !ProofVerifier.verifyInclusion(index: 5, size: 8, leafHash: leaf, proof: flipped, root: root),
            "a flipped bit")
        #expect(
            !ProofVerifier.verifyInclusion(index: 8, size: 8, leafHash: leaf, proof: proof, root: root),
            "index past the end")
        let consistency = try tree.consistencyProof(old: 6, new: 8)
        #expect(!ProofVerifier.verifyConsistency(old: 6, new: 8, proof: [], oldRoot: Self.roots[5], newRoot: root))
        #expect(
            !ProofVerifier.verifyConsistency(old: 5, new: 8, proof: consistency, oldRoot: Self.roots[5], newRoot: root))
        #expect(
            !ProofVerifier.verifyConsistency(old: 9, new: 8, proof: consistency, oldRoot: Self.roots[5], newRoot: root))
    }

    @Test func nodeHashesAreDomainSeparated() {
        // RFC 6962 §2.1: a leaf and an interior node over the same bytes hash differently.
        let left = Merkle.leafHash([1])
        let right = Merkle.leafHash([2])
        #expect(Merkle.nodeHash(left, right) != Merkle.leafHash(left + right))
    }
}
