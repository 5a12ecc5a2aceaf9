import Testing

@testable import LedgerCore

/// A license covers exactly the bytes and destinations it names, on the days it is valid (inclusive).
@Suite struct LicenseTests {
    static let a = try! ArtifactDigest(String(repeating: "a", count: 64))
    static let b = try! ArtifactDigest(String(repeating: "b", count: 64))
    static let license = License(
        authority: "BIS", number: "D-1", artifacts: [a],
        destinations: [try! CountryCode("IN"), try! CountryCode("AE")],
        validFrom: try! LedgerDate("2026-01-01"), validUntil: try! LedgerDate("2026-12-31"))

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let digest: ArtifactDigest
        let destination: String
        let date: String
        let covered: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "named artifact and destination, mid-validity", digest: a, destination: "IN", date: "2026-06-01",
            covered: true),
        Case(name: "second destination", digest: a, destination: "AE", date: "2026-06-01", covered: true),
        Case(name: "first valid day", digest: a, destination: "IN", date: "2026-01-01", covered: true),
        Case(name: "last valid day", digest: a, destination: "IN", date: "2026-12-31", covered: true),
        Case(name: "the day before", digest: a, destination: "IN", date: "2025-12-31", covered: false),
        Case(name: "the day after", digest: a, destination: "IN", date: "2027-01-01", covered: false),
        Case(name: "other destination", digest: a, destination: "CN", date: "2026-06-01", covered: false),
        Case(
            name: "other bytes (e.g. a quantized copy)", digest: b, destination: "IN", date: "2026-06-01",
            covered: false),
    ]

    @Test(arguments: cases)
    func covers(_ testCase: Case) throws {
        #expect(
            Self.license.covers(
                testCase.digest, to: try CountryCode(testCase.destination), on: try LedgerDate(testCase.date))
                == testCase.covered)
    }

    @Test func openEndedValidity() throws {
        let open = License(
            authority: "BIS", number: "D-2", artifacts: [Self.a], destinations: [try CountryCode("IN")], validFrom: nil,
            validUntil: nil)
        let early = try LedgerDate("1999-01-01")
        let late = try LedgerDate("2099-12-31")
        #expect(open.isValid(on: early) && open.isValid(on: late))
        #expect(open.id == "BIS/D-2")
    }
}
