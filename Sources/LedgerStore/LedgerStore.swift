import Foundation
import LedgerCore

/// Whether opening may create the ledger.
public enum OpenMode: Sendable {
    /// For commands that only read: a missing ledger is `StoreError.noLedger`.
    case existing
    /// For commands that write: a missing (or empty) ledger is created.
    case createIfMissing
}

/// Where a ledger lives, as a surface names it (`--ledger PATH`; a database URL for another
/// backend). Use cases open ledgers through this and never see a path or a driver.
public protocol LedgerLocation: Sendable, CustomStringConvertible {
    /// Whether a ledger is there (a reading command on a missing one is `StoreError.noLedger`).
    func exists() -> Bool
    /// Opens the ledger, creating it in `.createIfMissing` mode. Refuses, untouched, anything
    /// that is not a ledger of a schema this binary knows.
    func open(_ mode: OpenMode) throws -> any LedgerStore
    /// Opens an existing ledger for a long-running process with many concurrent readers and
    /// writers (the server): connection pools and group commit.
    func openShared() throws -> any LedgerStore
    /// Creates or upgrades the ledger's schema (`weightledger migrate`); returns the migrations
    /// applied, oldest first (none: it was current).
    func migrate() throws -> [String]
    /// The findings cache kept beside the ledger (`FindingsCache`), opened or created; nil where
    /// the backend keeps none.
    func findingsCache() throws -> (any FindingsCache)?
}

extension LedgerLocation {
    /// Without pools of its own: the one-shot opening.
    public func openShared() throws -> any LedgerStore { try open(.existing) }
    /// None kept.
    public func findingsCache() throws -> (any FindingsCache)? { nil }
}

/// An open ledger: snapshots to read, transactions to write, the locks and the replay that
/// `verify` and `audit` need. Every backend (SQLite today) implements it; use cases see only this.
public protocol LedgerStore: AnyObject, Sendable {
    /// How the ledger is named to a person (its path), in messages and reports.
    var location: String { get }

    /// Runs `body` in a read transaction: a consistent snapshot while writers go on.
    func read<T>(_ body: (any LedgerReading) throws -> T) throws -> T

    /// Runs `body` in one write transaction: everything it appends commits together, or, if it
    /// throws, nothing does. Returns only once the commit is durable. The backend assigns event
    /// numbers; concurrent writers are serialised by it.
    func write<T>(_ body: (any LedgerWriting) throws -> T) throws -> T

    /// Like `write`, for a server with many concurrent writers: `body` runs in the next batch of
    /// writes that share one commit, without holding a thread while it waits; the result is
    /// returned once that commit is on disk. A refused write rolls back alone.
    func writeInBatch<T: Sendable>(_ body: @escaping @Sendable (any LedgerWriting) throws -> T) async throws -> T

    /// Takes the ledger's exclusive lock for `purpose` (one audit at a time), waiting for it
    /// when `wait`, else failing with `StoreError.locked`. Released when the lock is dropped,
    /// and when the process ends however it ends.
    func lock(_ purpose: LedgerLockPurpose, wait: Bool) throws -> any LedgerLock

    /// An empty ledger of the same backend, holding projections only, into which `verify`
    /// replays the events; it compares its projections with this ledger's.
    func makeReplay() throws -> any LedgerReplay

    /// The backend's thorough checks of what it stores (`LedgerReading.storageProblems(thorough:
    /// true)`) on a connection of their own, so `verify` runs them while it streams the log; nil
    /// when the backend runs them only inside the read.
    func storageChecksApart() -> (@Sendable () throws -> [IntegrityProblem])?

    /// Closes the ledger.
    func close() throws

    /// Tells `observer` how many writes each shared commit held (`writeInBatch`'s group commit),
    /// for `/metrics`; backends without group commit never call it.
    func observeCommitBatches(_ observer: @escaping @Sendable (Int) -> Void)

    /// A value that changes whenever anyone commits to the ledger (this process or another), read
    /// without waiting; nil when the backend cannot tell cheaply. The server keeps cached answers
    /// while it is unchanged.
    func changeToken() -> Int64?

    /// Where page sessions live when several servers share the ledger (a database table); nil:
    /// the server keeps them in memory.
    func sessionStore() -> (any SessionStore)?
}

extension LedgerStore {
    /// No group commit to observe.
    public func observeCommitBatches(_ observer: @escaping @Sendable (Int) -> Void) {}
    /// Storage checks only inside the read.
    public func storageChecksApart() -> (@Sendable () throws -> [IntegrityProblem])? { nil }
    /// No cheap change token: callers read the ledger's version instead.
    public func changeToken() -> Int64? { nil }
    /// One server per ledger: sessions in its memory.
    public func sessionStore() -> (any SessionStore)? { nil }
}

/// Page sign-in sessions: a random id (the cookie) mapped to the SHA-256 of the token that signed
/// in, never the token. Kept where every server of a ledger sees them, so a browser signed in
/// through one server behind a balancer is signed in on all of them.
public protocol SessionStore: AnyObject, Sendable {
    /// A new session for the token whose SHA-256 is `tokenSHA256`, ending `lifetime` after
    /// `now`; returns its id (64 hex digits, from the system's random generator).
    func create(tokenSHA256: String, lifetime: TimeInterval, now: Date) throws -> String
    /// The SHA-256 of the token of session `id` while it lives, else nil.
    func tokenSHA256(of id: String, now: Date) throws -> String?
    /// Ends session `id` (signing out).
    func end(_ id: String) throws
}

extension SessionStore {
    /// A new session id: 32 random bytes as hex.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// What a ledger lock is for.
public enum LedgerLockPurpose: String, Sendable {
    /// `audit`: its location checks must not interleave with another audit's; `verify` waits for it.
    case audit
}

/// A held ledger lock; dropping it releases the lock.
public protocol LedgerLock: AnyObject, Sendable {}

/// One event to replay: decoded, with the number and time it was recorded under.
public struct ReplayedEvent: Sendable {
    /// The event decoded from its stored payload.
    public let event: LedgerEvent
    /// Its number.
    public let seq: Int64
    /// When it was recorded.
    public let time: String
    /// A replayed event with every field given.
    public init(event: LedgerEvent, seq: Int64, time: String) {
        self.event = event
        self.seq = seq
        self.time = time
    }
}

/// A replay of the events into empty projections, for `verify`.
public protocol LedgerReplay: AnyObject {
    /// Applies events in order, as appending them did (the rules of `LedgerEvent.projection`).
    func apply(_ events: [ReplayedEvent]) throws
    /// Commits everything applied.
    func finish() throws
    /// Compares the stored ledger's projection rows that come from events 1…`events` with the
    /// replay's; one problem per table that differs. Rows of events appended since are not compared.
    func differences(upTo events: Int64) throws -> [IntegrityProblem]
    /// The projection tables compared.
    var tables: [String] { get }
}

/// A ledger kept in one file, which the database copies while it is in use (`weightledger backup`).
public protocol FileBackup: LedgerLocation {
    /// Writes the ledger as it is at one instant to the new file `path` (a consistent snapshot,
    /// while writers go on), durable when this returns.
    func backup(to path: String) throws
}
