import LedgerStore

/// The store whose log a ledger file mirrors (PostgreSQL): its log is the authority, the file a
/// copy of it kept up to date, with the projections reads are answered from. Each write
/// transaction on the file runs inside one of the source's: the source's append lock is taken
/// first, the file caught up, the writes made, pushed to the source and committed there, and only
/// then committed in the file. A file that lags (a crash between the two commits, another
/// process's writes) is caught up by the next transaction or read.
public protocol MirrorSource: AnyObject, Sendable {
    /// Before a write transaction on the file begins: takes the source's append lock (every
    /// writer of every process waits for it) and opens the source's transaction.
    func beginWrite() throws -> any MirrorWrite
    /// Before `beginWrite`, in a transaction of the file's own: appends what the source holds
    /// already, without its lock, so the writer that then holds the lock has little to catch up
    /// (other processes' writes are replayed here, not while everyone waits).
    func catchUp(_ mirror: any LedgerWriting) throws
}

/// One write transaction on the source, around one on the mirror.
public protocol MirrorWrite: AnyObject {
    /// Inside the file's transaction, before any write: appends the events the source has and
    /// the file has not yet.
    func catchUp(_ mirror: any LedgerWriting) throws
    /// After every write, before the file commits: writes the events after `count` (and their
    /// subtrees) to the source and commits there, durably; throwing rolls the file back.
    func commit(_ mirror: any LedgerWriting, after count: Int64) throws
    /// The file's transaction failed before `commit` finished: the source's is rolled back, its
    /// lock released.
    func rollBack()
}
