import Foundation
import LedgerStore

/// The ledger's version (its last event number) as the server last read it, so that a request
/// whose answer is already cached reads nothing on the event loop but the store's change token.
///
/// Every change to a ledger is an event, so the version says when a cached answer or the token
/// list is stale. `LedgerStore.changeToken()` (SQLite: `PRAGMA data_version` on a connection of
/// its own that never waits) changes whenever anyone commits, this server or another process;
/// while it has not changed, the version read last still holds. When it has, or the store has no
/// such token, the version is read again, off the event loop.
final class LedgerVersion: @unchecked Sendable {
    private let ledger: any LedgerStore
    private let lock = NSLock()
    private var known: (token: Int64, version: Int64)?

    init(ledger: any LedgerStore) { self.ledger = ledger }

    /// The version, when nobody has committed since it was read; nil: read it (off the loop).
    var current: Int64? {
        guard let token = ledger.changeToken() else { return nil }
        return lock.withLock { known?.token == token ? known?.version : nil }
    }

    /// Runs `body` in a read snapshot with the ledger's version in it, and records that version
    /// with the change token taken before the read (so a commit racing the read leaves it stale,
    /// never wrong). Blocking: call it off the event loop.
    func read<T>(_ body: (any LedgerReading, Int64) throws -> T) throws -> T {
        let token = ledger.changeToken()
        let (result, version) = try ledger.read { reader in
            let version = try reader.eventCount()
            return (try body(reader, version), version)
        }
        if let token { lock.withLock { known = (token, version) } }
        return result
    }
}
