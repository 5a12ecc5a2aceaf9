import LedgerCore
import Testing

@testable import LedgerPolicy

/// A pack parameter is written for its unit in every explanation: compute in the one compute
/// style, money grouped, a fraction as a percentage (0.3.0 wrote `0.3333333333333333`,
/// `500000000 USD` and `1e+26`).
@Suite struct ParameterTextTests {
    @Test(
        arguments: [
            (PolicyPack.ParameterValue.number(1e26), "operations", "10^26"),
            (.number(3.3333333333333333e24), "FLOP", "3.33 × 10^24"),
            (.number(500_000_000), "USD per year", "500,000,000"),
            (.number(100_000_000), "USD", "100,000,000"),
            (.number(0.3333333333333333), "fraction", "33.3%"),
            (.number(1), "years", "1"),
            (.number(2e25), nil, "2e+25"),
            (.text(">="), "operations", ">="),
        ] as [(PolicyPack.ParameterValue, String?, String)])
    func writtenForItsUnit(value: PolicyPack.ParameterValue, unit: String?, expected: String) {
        let parameter = PolicyPack.Parameter(value: value, note: nil, confidence: .primary, citation: nil, unit: unit)
        #expect(parameter.text == expected)
    }

    /// The built-in explanations never print a raw JSON number where a unit is known.
    @Test func builtinParametersAreWrittenForPeople() throws {
        for pack in try BuiltinPacks.parsed() {
            for (name, parameter) in pack.parameters {
                #expect(!parameter.text.contains("e+"), "\(pack.id) \(name): \(parameter.text)")
                #expect(!parameter.text.contains("333333"), "\(pack.id) \(name): \(parameter.text)")
            }
        }
    }
}
