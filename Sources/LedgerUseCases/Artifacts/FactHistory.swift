import LedgerCore
import LedgerStore

/// One change to an artifact's facts as `show --history` and `review` print it: the event, who
/// recorded it and when, and what it said.
public struct FactHistoryEntry: Sendable, Equatable {
    /// What kind of change.
    public enum Change: Sendable, Equatable {
        /// The facts as first recorded.
        case registered(TrainingRecord)
        /// Published from a day on.
        case published(Publication)
        /// Withdrawn from a day on, and why.
        case withdrawn(on: LedgerDate, reason: String)
        /// Fields corrected, and why.
        case corrected(changes: [ArtifactCorrected.Change], reason: String)
    }

    /// The event.
    public let seq: Int64
    /// When it was recorded (RFC 3339).
    public let recordedAt: String
    /// Who recorded it.
    public let actor: String
    /// Its type (`artifact.registered`, …).
    public let type: String
    /// What it changed.
    public let change: Change

    /// The entries for an artifact's fact events, in order (events of other types are skipped).
    public static func entries(_ events: [StoredEvent]) throws -> [FactHistoryEntry] {
        try events.compactMap { stored in
            let change: Change
            switch try LedgerEvent.decode(type: stored.type, payloadText: stored.payload) {
            case .artifactRegistered(let registered): change = .registered(registered.training)
            case .artifactPublished(let published): change = .published(published.publication)
            case .artifactUnpublished(let withdrawn): change = .withdrawn(on: withdrawn.on, reason: withdrawn.reason)
            case .artifactCorrected(let corrected):
                change = .corrected(changes: corrected.changes, reason: corrected.reason)
            default: return nil
            }
            return FactHistoryEntry(
                seq: stored.seq, recordedAt: stored.recordedAt, actor: stored.actor, type: stored.type, change: change)
        }
    }

    /// One line in words: `published at URL from DAY`, `corrected trainedIn: US → CN (reason)`.
    public var summary: String {
        switch change {
        case .registered(let training):
            var text = "registered as \(training.kind.rawValue)"
            if let published = training.published {
                text += ", published at \(published.url)" + (published.date.map { " from \($0)" } ?? "")
            }
            return text
        case .published(let publication):
            return "published at \(publication.url)" + (publication.date.map { " from \($0)" } ?? "")
        case .withdrawn(let day, let reason): return "publication withdrawn from \(day): \(reason)"
        case .corrected(let changes, let reason):
            let listed = changes.map { "\($0.field) \($0.from) → \($0.to)" }.joined(separator: "; ")
            return "corrected \(listed) (reason: \(reason))"
        }
    }
}
