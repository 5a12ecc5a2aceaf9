import Foundation
import LedgerCore
import LedgerStore

/// What every use case needs from its surroundings: which ledger, who acts, and the time.
///
/// The ledger is a `LedgerLocation` (a file today, a database tomorrow): use cases open it
/// through the storage protocols and never see a path or a driver. The clock is injected so
/// tests can pin time; nothing in the core reads it.
public struct AppContext: Sendable {
    /// Where the ledger is.
    public var location: any LedgerLocation
    /// Recorded as the actor of every event this context writes.
    public var actor: String
    /// Current time; replaced in tests.
    public var now: @Sendable () -> Date
    /// A ledger kept open by a long-running process (the server): use cases share its
    /// connections and group commits instead of opening the ledger per call.
    public var shared: (any LedgerStore)?
    /// The id a new ledger gets; random unless pinned (the committed examples in docs/examples).
    public var ledgerID: @Sendable () -> String = { UUID().uuidString.lowercased() }

    /// A context for the ledger at `location`, acting as `actor`.
    public init(
        location: any LedgerLocation, actor: String, now: @escaping @Sendable () -> Date = { Date() },
        shared: (any LedgerStore)? = nil
    ) {
        self.location = location
        self.actor = actor
        self.now = now
        self.shared = shared
    }

    /// The shared ledger, or the ledger opened for this call (pair with `release`).
    public func openLedger(_ mode: OpenMode) throws -> any LedgerStore {
        if let shared { return shared }
        return try location.open(mode)
    }

    /// Closes a ledger from `openLedger` unless it is the shared one.
    public func release(_ ledger: any LedgerStore) {
        if ledger !== shared { try? ledger.close() }
    }

    /// Whether the ledger exists (a shared one does).
    public var ledgerExists: Bool { shared != nil || location.exists() }

    /// A new ledger's random identifier.
    public func newLedgerID() -> String { ledgerID() }

    /// The current time as stored in events: RFC 3339, UTC, milliseconds.
    public func timestamp() -> String {
        AppContext.rfc3339(now())
    }

    /// `2026-11-25T06:20:50.332Z`, formatted directly (a DateFormatter per event cost more than
    /// the rest of an append).
    public static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let day = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        let time = "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        return "\(day)T\(time).\(pad(Int32(milliseconds % 1000), 3))Z"
    }
}
