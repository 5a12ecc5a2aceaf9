import LedgerCore

/// One artifact as the ledger knows it: its record, its cumulative compute over its ancestry
/// and what was made from it. What `show`, `list`, search and lineage return.
public struct ArtifactDetails: Sendable {
    /// Everything recorded about it.
    public let record: ArtifactRecord
    /// Its cumulative compute over its whole ancestry, itself included.
    public let cumulative: CumulativeCompute
    /// Digests of artifacts made directly from this one.
    public let children: [ArtifactDigest]

    /// The details with every field given.
    public init(record: ArtifactRecord, cumulative: CumulativeCompute, children: [ArtifactDigest]) {
        self.record = record
        self.cumulative = cumulative
        self.children = children
    }
}
