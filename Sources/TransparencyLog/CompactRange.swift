/// The right edge of a Merkle tree built leaf by leaf (RFC 9162): the perfect subtrees covering the
/// leaves so far, largest first — at most one per level, so O(log n) hashes however long the log.
/// `verify` streams the log through one, comparing each subtree it completes with the stored one.
public struct CompactRange: Sendable {
    /// Leaves appended (or covered by the subtrees it started from).
    public private(set) var size: UInt64 = 0
    private var subtrees: [(level: Int, hash: [UInt8])] = []

    /// An empty tree.
    public init() {}

    /// The tree of `size` leaves, from the perfect subtrees `CompactRange.decomposition(size)`
    /// names, in that order. Nil when there are not as many hashes as subtrees, or one is not 32 bytes.
    public init?(size: UInt64, subtrees hashes: [[UInt8]]) {
        let places = Self.decomposition(size)
        guard hashes.count == places.count, hashes.allSatisfy({ $0.count == 32 }) else { return nil }
        self.size = size
        subtrees = zip(places, hashes).map { ($0.level, $1) }
    }

    /// The perfect subtrees (level, index) that cover the first `size` leaves, largest first.
    public static func decomposition(_ size: UInt64) -> [(level: Int, index: UInt64)] {
        var places: [(level: Int, index: UInt64)] = []
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (UInt64(1) << UInt64(level)) != 0 {
            places.append((level, start >> UInt64(level)))
            start += UInt64(1) << UInt64(level)
        }
        return places
    }

    /// Appends a leaf hash; returns the subtrees it completes (level, index, hash), leaf first.
    @discardableResult
    public mutating func append(leafHash: [UInt8]) -> [(level: Int, index: UInt64, hash: [UInt8])] {
        size += 1
        var completed = [(level: 0, index: size - 1, hash: leafHash)]
        subtrees.append((0, leafHash))
        while subtrees.count >= 2, subtrees[subtrees.count - 1].level == subtrees[subtrees.count - 2].level {
            let right = subtrees.removeLast()
            let left = subtrees.removeLast()
            let level = right.level + 1
            let hash = Merkle.nodeHash(left.hash, right.hash)
            subtrees.append((level, hash))
            completed.append((level, (size >> UInt64(level)) - 1, hash))
        }
        return completed
    }

    /// The root of the leaves so far (RFC 9162 MTH): the subtrees folded from the right.
    public var root: [UInt8] {
        guard var hash = subtrees.last?.hash else { return Merkle.emptyRoot }
        for subtree in subtrees.dropLast().reversed() { hash = Merkle.nodeHash(subtree.hash, hash) }
        return hash
    }
}
