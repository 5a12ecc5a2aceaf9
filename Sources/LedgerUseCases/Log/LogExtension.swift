import LedgerCore
import TransparencyLog

/// Whether today's log still holds a tree someone saw earlier (an outside checkpoint, the last
/// audit's record): the one "rolled back or rewritten" rule for `verify`, `audit` and
/// `log consistency`.
public enum LogExtension: Equatable, Sendable {
    /// The log holds the earlier tree as its first entries.
    case extends
    /// The log is shorter than the earlier tree.
    case rolledBack
    /// The log's first entries no longer hash to the earlier root.
    case rewritten

    /// Compares an earlier tree (`size` entries, `root`) with a log of `logSize` entries whose
    /// root at any size `rootAt` computes.
    public static func of(
        size: UInt64, root: [UInt8], logSize: UInt64,
        rootAt: (UInt64) throws -> [UInt8]
    ) rethrows -> LogExtension {
        guard size <= logSize else { return .rolledBack }
        return try rootAt(size) == root ? .extends : .rewritten
    }

    /// What went wrong, naming what was seen (`the checkpoint`), or nil when the log extends it.
    public func problem(seen: String, size: UInt64, logSize: UInt64) -> String? {
        switch self {
        case .extends: return nil
        case .rolledBack: return "the log has \(logSize) events but \(seen) commits to \(size): the log was rolled back"
        case .rewritten: return "the log's first \(size) events do not match \(seen): they were rewritten"
        }
    }
}
