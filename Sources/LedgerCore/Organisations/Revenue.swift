/// An organisation's annual gross revenue for one calendar year, in US dollars: the fact the
/// large-developer thresholds of SB 53 and the RAISE Act read.
public struct Revenue: Codable, Equatable, Sendable {
    /// Whole US dollars.
    public let usd: Double
    /// The calendar year it was earned in.
    public let year: Int

    /// Accepts a finite, non-negative amount and a year from 1900 to 2999.
    public init(usd: Double, year: Int) throws {
        guard usd.isFinite, usd >= 0, usd < 1e16 else {
            throw DomainError.invalid(
                field: FieldKey.revenueUSD, value: "\(usd)", expected: "a non-negative amount in US dollars")
        }
        guard (1900...2999).contains(year) else {
            throw DomainError.invalid(field: FieldKey.revenueYear, value: "\(year)", expected: "a year such as 2025")
        }
        self.usd = usd
        self.year = year
    }
}
