import Foundation
import LedgerCore
import LedgerPolicy
import LedgerStore

extension AppContext {
    /// Today in UTC, the default evaluation date.
    public func today() -> LedgerDate { Self.day(of: now()) }

    /// The UTC calendar day of `date`.
    public static func day(of date: Date) -> LedgerDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return try! LedgerDate(text)
    }

    /// The date asked for, else today.
    public func date(_ asked: LedgerDate?) -> LedgerDate {
        asked ?? today()
    }
}
