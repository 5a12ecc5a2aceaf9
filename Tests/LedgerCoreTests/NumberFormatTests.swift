import Testing

@testable import LedgerCore

/// The one number style of every output (issue 14): compute as `3.02 × 10^26`, an exact power of
/// ten as `10^26` and nothing else, small whole numbers as they are, fractions as percentages and
/// amounts grouped.
@Suite struct NumberFormatTests {
    @Test(
        arguments: [
            (nil, "unknown"), (0, "0"), (16, "16"), (4200, "4200"), (9999, "9999"), (10_000, "10^4"),
            (12_345, "1.23 × 10^4"), (3e26, "3 × 10^26"), (3.02e26, "3.02 × 10^26"), (3.025e26, "3.02 × 10^26"),
            (1e26, "10^26"), (2.4e24, "2.4 × 10^24"), (1.2e17, "1.2 × 10^17"), (3.3333333333333333e24, "3.33 × 10^24"),
            // Just below a threshold never reads as the threshold.
            (9.9996e25, "9.9996 × 10^25"), (9.99999999e25, "9.99999 × 10^25"), (0.5, "0.5"),
        ] as [(Double?, String)])
    func operations(value: Double?, expected: String) {
        #expect(Format.operations(value) == expected)
    }

    @Test(arguments: [(0.3333333333333333, "33.3%"), (0.25, "25%"), (1, "100%"), (0.0005, "0.1%"), (0, "0%")])
    func percent(fraction: Double, expected: String) {
        #expect(Format.percent(fraction) == expected)
    }

    @Test(arguments: [(500_000_000, "500,000,000"), (999, "999"), (1000, "1,000"), (0, "0"), (1.5, "1.5")])
    func grouped(amount: Double, expected: String) {
        #expect(Format.grouped(amount) == expected)
    }
}
