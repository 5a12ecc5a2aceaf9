/// A calendar date, written `YYYY-MM-DD` (ISO 8601); policies are evaluated as of a date.
public struct LedgerDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Four digits.
    public let year: Int
    /// 1 to 12.
    public let month: Int
    /// 1 to the month's length in that year.
    public let day: Int

    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2025-02-30).
    public init(_ text: String) throws {
        let bad = DomainError.invalid(field: "date", value: text, expected: "YYYY-MM-DD, a real calendar date")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= LedgerDate.daysIn(month: month, year: year)
        else { throw bad }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Orders optional days with nil first (a fact without a day holds from the start).
    public static func earlier(_ lhs: LedgerDate?, than rhs: LedgerDate?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?): return left < right
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
