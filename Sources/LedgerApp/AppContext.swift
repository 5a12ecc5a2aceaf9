import Foundation

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

    public init(ledgerPath: String, actor: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ledgerPath = ledgerPath
        self.actor = actor
        self.now = now
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
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: now())
    }
}
