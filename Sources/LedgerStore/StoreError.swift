import LedgerCore

/// Why the store refused: the ledger file itself, or a reference that does not resolve.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No ledger there, for a command that only reads. `path` names the ledger (a file's path).
    case noLedger(path: String)
    /// Something is there but it is not a WeightLedger ledger; nothing was touched.
    case notALedger(path: String, reason: String)
    /// The ledger was written by a newer binary; nothing was touched.
    case newerSchema(path: String, unknownMigrations: [String])
    /// No artifact matches the reference.
    case unknownReference(String)
    /// More than one artifact matches the reference.
    case ambiguousReference(String, candidates: [String])
    /// Another process kept the ledger locked longer than the busy timeout.
    case busy(path: String)
    /// Another process holds the ledger's lock for `purpose` (and the caller would not wait).
    case locked(path: String, purpose: String)
    /// The ledger's lock could not be taken at all (`reason` says why).
    case cannotLock(path: String, reason: String)
    /// The file is a ledger (it opens as one) but what it holds is damaged or was edited: a page
    /// SQLite cannot read, a value of the wrong type, a row no event made. An integrity failure
    /// (exit 3). Readers that do not know the path leave it empty; the store fills it in.
    case damaged(path: String, reason: String)
    /// The ledger can be read but not written (file or directory permissions, a read-only mount).
    case readOnly(path: String, reason: String)
    /// The disk (or the file's size limit) is full: the write was rolled back; it may succeed later.
    case full(path: String)
    /// The ledger's database cannot be reached or refused this client (connection, sign-in,
    /// permissions, a schema that needs `weightledger migrate`): `reason` says which.
    case unavailable(path: String, reason: String)
    /// The ledger's database could not be reached, or is not taking connections now (refused,
    /// timed out, no such host, shutting down, too many connections): nothing was wrong with the
    /// command; the same one may succeed later (exit 4).
    case unreachable(path: String, reason: String)

    public var description: String {
        switch self {
        case .noLedger(let path):
            return "no ledger at \(path) (register an artifact or run 'weightledger init' to create one)"
        case .notALedger(let path, let reason):
            return "\(path) is not a WeightLedger ledger: \(reason); nothing was changed"
        case .newerSchema(let path, let unknown):
            return
                "\(path) was written by a newer WeightLedger (unknown migrations: "
                + "\(unknown.joined(separator: ", "))); upgrade weightledger to use it; nothing was changed"
        case .unknownReference(let reference):
            return "no artifact matches '\(reference)'"
        case .busy(let path):
            return "\(path) is busy: another process has held it locked for 30 s; nothing was changed, try again"
        case .cannotLock(let path, let reason):
            return "cannot lock \(path): \(reason)"
        case .locked(let path, let purpose):
            return "another \(purpose) of \(path) is running; try again later"
        case .damaged(let path, let reason):
            return path.isEmpty ? "the ledger is damaged: \(reason)" : "\(path) is damaged: \(reason)"
        case .unavailable(let path, let reason):
            return "cannot use \(path): \(reason); nothing was changed"
        case .unreachable(let path, let reason):
            return "cannot reach \(path): \(reason); nothing was changed, try again later"
        case .full(let path):
            return "no space left to write \(path) (disk full); nothing was changed, try again when there is room"
        case .readOnly(let path, let reason):
            return "\(path) is read-only (\(reason)): it can be read and verified, not written; nothing was changed"
        case .ambiguousReference(let reference, let candidates):
            return
                "'\(reference)' is ambiguous: it matches \(candidates.joined(separator: ", ")); give more hex "
                + "digits or a name:tag"
        }
    }

    /// The same error naming the ledger at `path` where it did not say.
    public func naming(_ path: String) -> StoreError {
        if case .damaged("", let reason) = self { return .damaged(path: path, reason: reason) }
        return self
    }
}
