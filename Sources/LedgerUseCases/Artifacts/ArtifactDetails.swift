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
    /// The day the facts are shown as of (nil: the latest recorded state).
    public let asOf: LedgerDate?
    /// Every change to its facts with its event, when asked for (`show --history`).
    public let history: [FactHistoryEntry]?
    /// The verified model signatures on record, each with its event (`show` reads them; nil elsewhere).
    public let signatures: [(seq: Int64, signature: ModelSignatureRecord)]?

    /// The details with every field given.
    public init(
        record: ArtifactRecord, cumulative: CumulativeCompute, children: [ArtifactDigest], asOf: LedgerDate? = nil,
        history: [FactHistoryEntry]? = nil, signatures: [(seq: Int64, signature: ModelSignatureRecord)]? = nil
    ) {
        self.signatures = signatures
        self.record = record
        self.cumulative = cumulative
        self.children = children
        self.asOf = asOf
        self.history = history
    }

    /// The publication in force on `asOf`: nil when the weights were closed that day.
    public var publication: Publication? { record.publications.publication(on: asOf) }
}
