import Hashing

/// RFC 6962 / RFC 9162 Merkle tree hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right).
public enum Merkle {
    /// SHA-256 of the empty string: the root of an empty tree.
    public static let emptyRoot: [UInt8] = try! SHA256.hash([]).bytes

    /// RFC 6962 leaf hash: SHA-256(0x00 ‖ data).
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        try! SHA256.hash([0x00] + data).bytes
    }

    /// RFC 6962 leaf hash of data given in three pieces, hashed as they come (no copy of `body`).
    public static func leafHash(head: [UInt8], body: some Sequence<UInt8>, tail: [UInt8]) -> [UInt8] {
        let hasher = try! SHA256()
        try! hasher.update([0x00])
        try! hasher.update(head)
        try! hasher.update(body)
        try! hasher.update(tail)
        return try! hasher.finish().bytes
    }

    /// RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x01]
        bytes.reserveCapacity(1 + left.count + right.count)
        bytes += left
        bytes += right
        return try! SHA256.hash(bytes).bytes
    }

    /// The largest power of two smaller than `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func split(_ n: UInt64) -> UInt64 {
        var k: UInt64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}

/// Hashes of perfect subtrees: level L, index i covers leaves [i·2^L, (i+1)·2^L). Level 0 holds the
/// leaf hashes. Stored incrementally (each append adds a leaf and the perfect subtrees it completes),
/// so roots and proofs for any size cost O(log n) lookups, never a rescan.
public protocol SubtreeSource {
    func subtree(level: Int, index: UInt64) throws -> [UInt8]
}

extension SubtreeSource {
    /// MTH(D[start:end]) for the ranges RFC 9162's recursion visits.
    public func hash(from start: UInt64, to end: UInt64) throws -> [UInt8] {
        let count = end - start
        precondition(count > 0)
        if count & (count - 1) == 0, start % count == 0 {
            return try subtree(level: count.trailingZeroBitCount, index: start / count)
        }
        let k = Merkle.split(count)
        return Merkle.nodeHash(try hash(from: start, to: start + k), try hash(from: start + k, to: end))
    }

    /// The root of the first `size` leaves.
    public func root(size: UInt64) throws -> [UInt8] {
        size == 0 ? Merkle.emptyRoot : try hash(from: 0, to: size)
    }

    /// RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size` leaves.
    public func inclusionProof(index: UInt64, size: UInt64) throws -> [[UInt8]] {
        precondition(index < size)
        func path(_ m: UInt64, _ start: UInt64, _ end: UInt64) throws -> [[UInt8]] {
            let n = end - start
            if n == 1 { return [] }
            let k = Merkle.split(n)
            if m < k { return try path(m, start, start + k) + [hash(from: start + k, to: end)] }
            return try path(m - k, start + k, end) + [hash(from: start, to: start + k)]
        }
        return try path(index, 0, size)
    }

    /// RFC 9162 §2.1.4.1 consistency proof between the trees of `old` and `new` leaves.
    public func consistencyProof(old: UInt64, new: UInt64) throws -> [[UInt8]] {
        precondition(0 < old && old <= new)
        func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, _ complete: Bool) throws -> [[UInt8]] {
            let n = end - start
            if m == n { return complete ? [] : [try hash(from: start, to: end)] }
            let k = Merkle.split(n)
            if m <= k { return try subproof(m, start, start + k, complete) + [hash(from: start + k, to: end)] }
            return try subproof(m - k, start + k, end, false) + [hash(from: start, to: start + k)]
        }
        return try subproof(old, 0, new, true)
    }
}

/// A whole tree in memory, built by appending: for tests, and for `verify`'s rebuild.
public struct MemoryTree: SubtreeSource, Sendable {
    /// levels[L][i] is the perfect subtree at level L, index i.
    public private(set) var levels: [[[UInt8]]] = [[]]

    /// An empty tree.
    public init() {}

    /// How many leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// Appends a leaf hash; returns the subtrees it completed (level, index, hash), leaf first.
    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> [(level: Int, index: UInt64, hash: [UInt8])] {
        var added = [(level: 0, index: UInt64(levels[0].count), hash: leafHash)]
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            let parent = Merkle.nodeHash(levels[level][count - 2], levels[level][count - 1])
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(parent)
            added.append((level + 1, UInt64(levels[level + 1].count - 1), parent))
            level += 1
        }
        return added
    }

    /// The perfect subtree at `level`, `index`.
    public func subtree(level: Int, index: UInt64) throws -> [UInt8] {
        guard level >= 0, level < levels.count, index < UInt64(levels[level].count) else {
            throw MerkleError.missingSubtree(level: level, index: index)
        }
        return levels[level][Int(index)]
    }
}

/// A subtree the store does not hold: the tree is incomplete or was tampered with.
public enum MerkleError: Error, Equatable, CustomStringConvertible {
    case missingSubtree(level: Int, index: UInt64)

    public var description: String {
        switch self {
        case .missingSubtree(let level, let index):
            return "the Merkle tree has no subtree at level \(level), index \(index)"
        }
    }
}
