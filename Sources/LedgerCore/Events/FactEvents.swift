/// Published weights were withdrawn (`weightledger unpublish`): from `on` they count as closed
/// again. The publication stays in the log; this is a new, dated fact.
public struct ArtifactUnpublished: Codable, Equatable, Sendable {
    /// The artifact.
    public let digest: ArtifactDigest
    /// The first day the weights were no longer published.
    public let on: LedgerDate
    /// Why, in the words of whoever recorded it.
    public let reason: String

    /// A withdrawal with every field given.
    public init(digest: ArtifactDigest, on: LedgerDate, reason: String) {
        self.digest = digest
        self.on = on
        self.reason = reason
    }
}

/// A fact recorded wrong was corrected (`weightledger correct`). The registration is never
/// edited: this event keeps what each field said before and says now, who (the event's actor)
/// and why, and the whole corrected record evaluations read from then on.
public struct ArtifactCorrected: Codable, Equatable, Sendable {
    /// One field's change, in words a reviewer reads.
    public struct Change: Codable, Equatable, Sendable {
        /// The field's key (`trainedIn`, `compute`, `parents`, …).
        public let field: String
        /// What it said before ("none" when not recorded).
        public let from: String
        /// What it says now.
        public let to: String

        /// A change with every field given.
        public init(field: String, from: String, to: String) {
            self.field = field
            self.from = from
            self.to = to
        }
    }

    /// The artifact.
    public let digest: ArtifactDigest
    /// Why the fact was wrong.
    public let reason: String
    /// Each field that changed.
    public let changes: [Change]
    /// The training record as corrected (publication is not part of it: `publish`/`unpublish`).
    public let training: TrainingRecord

    /// A correction with every field given.
    public init(digest: ArtifactDigest, reason: String, changes: [Change], training: TrainingRecord) {
        self.digest = digest
        self.reason = reason
        self.changes = changes
        self.training = training
    }
}
