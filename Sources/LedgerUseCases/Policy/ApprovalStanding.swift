import LedgerCore

/// One recorded approval of the artifact, and whether it still holds for the report.
public struct ApprovalStanding: Sendable {
    /// The approval as its event recorded it.
    public let approval: ApprovalRecorded
    /// Its event.
    public let seq: Int64
    /// When it was recorded.
    public let recordedAt: String
    /// Recorded by (the event's actor).
    public let actor: String
    /// True when it approves this report's destination and its digest is this report's.
    public let holds: Bool
    /// Why it no longer holds, or for what it holds; plain words.
    public let explanation: String

    /// The standing of `approval` against a report with `digest`, destination and packs.
    static func of(
        _ approval: ApprovalRecorded, seq: Int64, recordedAt: String, actor: String, reportDigest: String,
        destination: CountryCode?, packs: [ApprovalRecorded.PackUsed]
    ) -> ApprovalStanding {
        let holds = approval.destination == destination && approval.reportDigest == reportDigest
        let explanation: String
        if approval.destination != destination {
            explanation = "for \(approval.destination.code), not this report's destination"
        } else if holds {
            explanation = "holds: this report is the one approved (\(reportDigest))"
        } else {
            let changed = approval.packs.compactMap { old -> String? in
                guard let now = packs.first(where: { $0.id == old.id }) else { return "\(old.id) no longer used" }
                return now == old ? nil : "\(old.id) \(old.version) → \(now.version)"
            }
            explanation =
                "INVALIDATED: the report changed since it was approved ("
                + (changed.isEmpty
                    ? "a fact, correction, licence or finding differs"
                    : "pack changed: " + changed.joined(separator: ", "))
                + "); approved report \(approval.reportDigest), now \(reportDigest)"
        }
        return ApprovalStanding(
            approval: approval, seq: seq, recordedAt: recordedAt, actor: actor, holds: holds, explanation: explanation)
    }
}
