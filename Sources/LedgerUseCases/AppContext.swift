import LedgerCore
import Foundation
import LedgerStore

/// What every use case needs from its surroundings: which ledger, who acts, and the time.
///
/// The clock is injected so tests can pin time; nothing in the core reads it.
public struct AppContext: Sendable {
    /// Path of the ledger file.
    public var ledgerPath: String
    /// Recorded as the actor of every event this context writes.
    public var actor: String
    /// Current time; replaced in tests.
    public var now: @Sendable () -> Date
    /// A ledger kept open by a long-running process (the server): use cases share its
    /// connection pool and group commits instead of opening the file per call.
    public var shared: Ledger?

    public init(ledgerPath: String, actor: String, now: @escaping @Sendable () -> Date = { Date() }, shared: Ledger? = nil) {
        self.ledgerPath = ledgerPath
        self.actor = actor
        self.now = now
        self.shared = shared
    }

    /// The shared ledger, or the file opened for this call (pair with `release`).
    public func openLedger(_ mode: Ledger.OpenMode) throws -> Ledger {
        if let shared { return shared }
        return try Ledger.open(path: ledgerPath, mode: mode)
    }

    /// Closes a ledger from `openLedger` unless it is the shared one.
    public func release(_ ledger: Ledger) {
        if ledger !== shared { try? ledger.close() }
    }

    /// `--ledger PATH`, else `$WEIGHTLEDGER_LEDGER`, else `./weightledger.db`.
    public static func ledgerPath(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["WEIGHTLEDGER_LEDGER"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "weightledger.db"
    }

    /// `--actor`, else `$WEIGHTLEDGER_ACTOR`, else `user@host`.
    public static func actor(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["WEIGHTLEDGER_ACTOR"], !fromEnvironment.isEmpty { return fromEnvironment }
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    /// The current time as stored in events: RFC 3339, UTC, milliseconds.
    public func timestamp() -> String {
        AppContext.rfc3339(now())
    }

    /// `2026-11-25T06:20:50.332Z`, formatted directly (a DateFormatter per event cost more than
    /// the rest of an append).
    static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds % 1000), 3))Z"
    }
}
