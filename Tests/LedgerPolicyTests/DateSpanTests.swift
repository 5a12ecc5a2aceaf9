import Foundation
import LedgerCore
import Testing

@testable import LedgerPolicy

/// `DateSpan`: the days on which an evaluation reads the same facts. The property that matters is
/// checked against the evaluator itself: on any day of an artifact's span, every pack gives the same
/// findings, with only the day written in them changed.
@Suite struct DateSpanTests {
    static func day(_ text: String) -> LedgerDate { try! LedgerDate(text) }

    struct SpanCase: Sendable, CustomTestStringConvertible {
        let day: String
        let boundaries: [String]
        let from: String?
        let until: String?
        var testDescription: String { "\(day) in \(boundaries)" }
    }

    static let spans: [SpanCase] = [
        SpanCase(day: "2026-05-01", boundaries: [], from: nil, until: nil),
        SpanCase(day: "2026-05-01", boundaries: ["2026-01-01", "2027-01-01"], from: "2026-01-01", until: "2027-01-01"),
        // A boundary on the day itself starts the span: a fact dated that day already holds.
        SpanCase(day: "2026-05-01", boundaries: ["2026-05-01", "2026-05-02"], from: "2026-05-01", until: "2026-05-02"),
        SpanCase(day: "2026-05-01", boundaries: ["2025-03-01", "2024-01-01"], from: "2025-03-01", until: nil),
        SpanCase(
            day: "2026-05-01", boundaries: ["2026-09-01", "2026-06-01", "2027-01-01"], from: nil, until: "2026-06-01"),
    ]

    @Test(arguments: spans) func theSpanRunsFromTheLastBoundaryToTheNext(_ row: SpanCase) {
        let span = DateSpan(around: Self.day(row.day), boundaries: row.boundaries.map(Self.day))
        #expect(span == DateSpan(from: row.from.map(Self.day), until: row.until.map(Self.day)))
        #expect(span.contains(Self.day(row.day)))
        if let until = row.until { #expect(!span.contains(Self.day(until))) }
    }

    @Test func spansIntersect() {
        let a = DateSpan(from: Self.day("2026-01-01"), until: Self.day("2026-07-01"))
        let b = DateSpan(from: Self.day("2026-03-01"), until: nil)
        #expect(a.intersection(b) == DateSpan(from: Self.day("2026-03-01"), until: Self.day("2026-07-01")))
        #expect(a.intersection(.always) == a)
    }

    /// The days from 2025-01-01 to 2028-06-30.
    static let days: [LedgerDate] = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        var days: [LedgerDate] = []
        var date = formatter.date(from: "2025-01-01")!
        while days.last?.description != "2028-06-30" {
            days.append(try! LedgerDate(formatter.string(from: date)))
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        return days
    }()

    /// The fixture's organisations and two whose facts change: Mover (headquartered in the US, in
    /// China from 2026-06-10, in Germany from 2027-08-01) and Grower ($100M in 2026, $900M in 2027:
    /// a large developer from 2028, a day no pack names).
    static let organisations: OrganisationDirectory = {
        func added(_ name: String, revenue: [Int: Double]) -> Organisation {
            var organisation = Organisation(
                OrganisationAdded(
                    name: try! OrganisationName(name), headquarters: try! CountryCode("US"), parent: nil, revenue: nil),
                seq: 7)
            for (year, usd) in revenue { organisation.revenue[year] = try! Revenue(usd: usd, year: year) }
            return organisation
        }
        var mover = added("Mover", revenue: Dictionary(uniqueKeysWithValues: (2020...2030).map { ($0, 1e9) }))
        for (on, country) in [("2026-06-10", "CN"), ("2027-08-01", "DE")] {
            mover.apply(
                OrganisationChanged(
                    name: mover.name, on: day(on), headquarters: try! CountryCode(country), parent: nil, revenue: nil),
                seq: 8)
        }
        let grower = added("Grower", revenue: [2026: 1e8, 2027: 9e8])
        return OrganisationDirectory(Array(Fixture.organisations.organisations.values) + [mover, grower])
    }()

    /// Lineages whose findings turn on dates: a closed frontier model, one published on a day, a
    /// fine-tune of an unknown base shipped by Mover, and a model by Grower shipped by Mover.
    static let subjects: [(nodes: [Fixture.Node], letter: Character, exporter: String?)] = [
        ([Fixture.pretrain("A", 3e26)], "A", "Acme"),
        ([Fixture.pretrain("A", 3e26, publishedOn: "2026-09-10"), Fixture.child("B", of: "A", 2e25)], "B", nil),
        ([Fixture.pretrain("A", nil).by("Mover"), Fixture.child("B", of: "A", 5e25).by("Mover")], "B", "Mover"),
        ([Fixture.pretrain("A", 2e26).by("Grower"), Fixture.child("B", of: "A", 9e25).by("Grower")], "B", "Mover"),
    ]

    static func findings(
        _ subject: (nodes: [Fixture.Node], letter: Character, exporter: String?), to destination: String?,
        on day: LedgerDate, packs: [PolicyPack]
    ) -> (span: DateSpan, findings: [String]) {
        let graph = LineageGraph(nodes: subject.nodes.map(Fixture.lineageNode))
        let digest = Fixture.digest(subject.letter)
        let node = subject.nodes.first { $0.letter == subject.letter }!
        let facts = LineageFacts(of: digest, in: graph, on: day)
        let evaluated = EvaluationSubject(
            digest: digest, names: [], kind: node.kind, trainedIn: node.trainedIn.map { try! CountryCode($0) },
            facts: facts, destination: destination.map { try! CountryCode($0) },
            deploymentKind: destination == nil ? nil : .export, date: day,
            parties: Parties(
                of: digest, in: graph, exporter: subject.exporter.map { try! OrganisationName($0) },
                directory: organisations))
        let span = DateSpan(evaluatingOn: day, packs: packs, organisations: organisations)
            .intersection(DateSpan(around: day, boundaries: facts.publicationDates))
        let findings = packs.flatMap { pack in
            let (status, findings) = PolicyEvaluator.evaluate(pack, for: evaluated)
            return ["\(pack.id) \(status.standing)"]
                + findings.map { finding in
                    // The day written in a finding is the one thing allowed to differ.
                    let text =
                        "\(finding.code) \(finding.severity) \(finding.requires) \(finding.enforced) "
                        + "\(finding.determined) \(finding.explanation)"
                    return text.replacingOccurrences(of: day.description, with: "DAY")
                }
        }
        return (span, findings)
    }

    @Test func onEveryDayOfASpanEveryPackFindsTheSame() {
        // The built-in packs and the variants whose dates differ (the other variants change numbers only).
        let packs = Fixture.packs.filter { id, pack in
            id == pack.id || id == "acme" || id == "bis-itar-cambodia"
        }.values.sorted { $0.id < $1.id }
        var compared = 0
        var spans = Set<String>()
        // Each day against the next: a boundary the span left out would show as a change inside it.
        for subject in Self.subjects {
            for destination in [nil, "KH", "DE"] as [String?] {
                var previous = Self.findings(subject, to: destination, on: Self.days[0], packs: packs)
                for day in Self.days.dropFirst() {
                    let next = Self.findings(subject, to: destination, on: day, packs: packs)
                    #expect(next.span.contains(day))
                    spans.insert("\(next.span.from?.description ?? "-")…\(next.span.until?.description ?? "-")")
                    if previous.span.contains(day) {
                        let changed = Set(next.findings).symmetricDifference(previous.findings).sorted().first
                        #expect(
                            next.findings == previous.findings,
                            """
                            \(subject.letter) → \(destination ?? "-") on \(day), span \(previous.span): \
                            \(changed ?? "")
                            """
                        )
                        compared += 1
                    }
                    previous = next
                }
            }
        }
        // The spans are short enough to matter and many: the packs' and organisations' days split them.
        #expect(compared > 8_000 && spans.count > 10, "\(compared) comparisons, \(spans.count) spans")
    }
}
