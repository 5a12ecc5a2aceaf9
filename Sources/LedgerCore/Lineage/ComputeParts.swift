/// A sum of own compute over a set of artifacts, kept so that two sums over disjoint sets add up
/// exactly: the known figures (an exact running sum), the members whose compute is unknown and
/// the parents outside the ledger they name. The one rule of what a member adds
/// (`add(member:node:)`), which `LineageGraph.computeSum` and every policy figure share.
public struct ComputeParts: Sendable, Equatable {
    /// The known figures, summed exactly.
    public private(set) var known = ExactSum.Accumulator()
    /// Whether any figure is known.
    public private(set) var hasKnown = false
    /// The members whose compute is unknown, sorted.
    public private(set) var unknown: [ArtifactDigest] = []
    /// The parents outside the ledger the members name.
    public private(set) var external: Set<String> = []

    /// Nothing summed.
    public init() {}

    /// What one member adds: its own figure; unknown when it has none, unless it only copies its
    /// parents' weights; unknown too when the ledger does not hold it (`node` nil). Its parents
    /// outside the ledger, whose compute is unknown.
    public mutating func add(member: ArtifactDigest, node: LineageNode?) {
        guard let node else { return insertUnknown(member) }
        external.formUnion(node.externalParents)
        if let operations = node.operations {
            known.add(operations)
            hasKnown = true
        } else if !node.kind.isSameWeights {
            insertUnknown(member)
        }
    }

    /// Adds a sum over a set of members disjoint from this one's.
    public mutating func add(_ other: ComputeParts) {
        known.add(other.known)
        hasKnown = hasKnown || other.hasKnown
        if !other.unknown.isEmpty { unknown = Self.merged(unknown, other.unknown) }
        external.formUnion(other.external)
    }

    /// True when every member's compute is known (and no parent is outside the ledger).
    public var complete: Bool { unknown.isEmpty && external.isEmpty }

    /// The sum; nil only when something is unknown and nothing is known (unknown is never zero).
    public var operations: Double? { hasKnown ? known.total : (complete ? 0 : nil) }

    private mutating func insertUnknown(_ digest: ArtifactDigest) {
        if let last = unknown.last, last < digest {
            unknown.append(digest)
        } else {
            unknown = Self.merged(unknown, [digest])
        }
    }

    /// Two sorted lists as one sorted list, each digest once.
    private static func merged(_ left: [ArtifactDigest], _ right: [ArtifactDigest]) -> [ArtifactDigest] {
        var out: [ArtifactDigest] = []
        out.reserveCapacity(left.count + right.count)
        var (i, j) = (0, 0)
        while i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i] < right[j]) {
                out.append(left[i])
                i += 1
            } else if i == left.count || right[j] < left[i] {
                out.append(right[j])
                j += 1
            } else {
                out.append(left[i])
                (i, j) = (i + 1, j + 1)
            }
        }
        return out
    }
}
