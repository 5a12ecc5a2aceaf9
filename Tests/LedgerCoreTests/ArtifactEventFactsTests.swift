import Foundation
import Testing

@testable import LedgerCore

/// An artifact's facts folded from its own events (what a filed report rests on), and each way a
/// record read from the tables can disagree with them.
@Suite struct ArtifactEventFactsTests {
    static func digest(_ c: Character) -> ArtifactDigest {
        try! ArtifactDigest(String(repeating: String(c), count: 64))
    }
    static let own = digest("b")
    static func at(_ seq: Int64, _ event: LedgerEvent) -> (seq: Int64, event: LedgerEvent) { (seq, event) }
    static let parent = digest("a")

    static func training(
        site: String? = "A", operations: Double = 1e24, published: Publication? = nil
    ) throws
        -> TrainingRecord
    {
        try TrainingRecord(
            kind: .finetune, parents: [parent], trainedIn: try CountryCode("US"), site: site,
            compute: try .declared(operations), published: published, started: nil, finished: nil)
    }

    static func registered(published: Publication? = nil) throws -> LedgerEvent {
        .artifactRegistered(
            ArtifactRegistered(
                digest: own, form: .file, sizeBytes: 7, files: [ArtifactFile(path: "m.bin", size: 7, sha256: own)],
                names: [], location: nil, training: try training(published: published)))
    }

    static func publication(_ day: String) throws -> Publication {
        try Publication(url: "https://example.org/m", date: try LedgerDate(day))
    }

    static func corrected(site: String) throws -> LedgerEvent {
        .artifactCorrected(
            ArtifactCorrected(
                digest: own, reason: "moved", changes: [.init(field: "site", from: "A", to: site)],
                training: try training(site: site)))
    }

    /// The record the tables would hold for `facts` (what appending the events gives).
    static func record(_ facts: ArtifactEventFacts) -> ArtifactRecord {
        let registration = facts.registration
        return ArtifactRecord(
            digest: own, form: registration.form, sizeBytes: registration.sizeBytes, files: registration.files,
            names: [], training: facts.training, locations: [], registeredSeq: facts.registeredSeq,
            registeredAt: "2026-01-01T00:00:00.000Z", publications: facts.publications,
            correctedSeq: facts.correctedSeq)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let events: @Sendable () throws -> [(seq: Int64, event: LedgerEvent)]
        let site: String?
        let publishedOn: [String?]
        let correctedSeq: Int64?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "registration only", events: { [at(2, try registered())] }, site: "A", publishedOn: [],
            correctedSeq: nil),
        Case(
            name: "published at registration, later withdrawn",
            events: {
                [
                    at(2, try registered(published: try publication("2025-06-01"))),
                    at(
                        5,
                        .artifactUnpublished(
                            ArtifactUnpublished(digest: own, on: try LedgerDate("2025-09-01"), reason: "x"))),
                ]
            }, site: "A", publishedOn: ["2025-06-01", nil], correctedSeq: nil),
        Case(
            name: "published later, then corrected twice",
            events: {
                [
                    at(2, try registered()),
                    at(
                        3,
                        .artifactPublished(ArtifactPublished(digest: own, publication: try publication("2026-02-01")))),
                    at(4, try corrected(site: "B")), at(9, try corrected(site: "C")),
                ]
            }, site: "C", publishedOn: ["2026-02-01"], correctedSeq: 9),
    ]

    @Test(arguments: cases)
    func foldsTheEventsInOrder(_ testCase: Case) throws {
        let facts = try ArtifactEventFacts.fold(Self.own, events: try testCase.events())
        #expect(facts.training.site == testCase.site)
        #expect(facts.publications.changes.map { $0.value?.date?.description } == testCase.publishedOn)
        #expect(facts.correctedSeq == testCase.correctedSeq)
        #expect(facts.disagreements(with: Self.record(facts)).isEmpty)
    }

    @Test func aCorrectionKeepsTheRegistrationsPublication() throws {
        let events: [(seq: Int64, event: LedgerEvent)] = [
            (2, try Self.registered(published: try Self.publication("2025-06-01"))), (3, try Self.corrected(site: "B")),
        ]
        let facts = try ArtifactEventFacts.fold(Self.own, events: events)
        #expect(facts.training.published?.date?.description == "2025-06-01")
        #expect(facts.training.site == "B")
    }

    enum Edit: String, CaseIterable, Sendable {
        case compute, site, correction, publications, size
    }

    /// Each table edit is named by the field it changed.
    @Test(arguments: Edit.allCases)
    func aDisagreementNamesItsField(_ edit: Edit) throws {
        let events: [(seq: Int64, event: LedgerEvent)] = [
            (2, try Self.registered()),
            (
                3,
                .artifactPublished(ArtifactPublished(digest: Self.own, publication: try Self.publication("2026-02-01")))
            ),
        ]
        let facts = try ArtifactEventFacts.fold(Self.own, events: events)
        let record = Self.record(facts)
        let (field, changed): (String, ArtifactRecord) =
            switch edit {
            case .compute: ("compute", try Self.edited(record, training: try Self.training(operations: 1e22)))
            case .site: ("site", try Self.edited(record, training: try Self.training(site: "Z")))
            case .correction: ("latest correction", try Self.edited(record, correctedSeq: 7))
            case .publications: ("publications", try Self.edited(record, publications: PublicationHistory()))
            case .size: ("size", try Self.edited(record, sizeBytes: 8))
            }
        let found = facts.disagreements(with: changed)
        #expect(found.count == 1 && found[0].hasPrefix(field + ":"), "\(found)")
    }

    static func edited(
        _ r: ArtifactRecord, training: TrainingRecord? = nil, sizeBytes: Int64? = nil, correctedSeq: Int64?? = nil,
        publications: PublicationHistory? = nil
    ) throws -> ArtifactRecord {
        ArtifactRecord(
            digest: r.digest, form: r.form, sizeBytes: sizeBytes ?? r.sizeBytes, files: r.files, names: r.names,
            training: training ?? r.training, locations: r.locations, registeredSeq: r.registeredSeq,
            registeredAt: r.registeredAt, model: r.model, publications: publications ?? r.publications,
            correctedSeq: correctedSeq ?? r.correctedSeq)
    }

    /// Events that are not this artifact's facts are refused, naming the event.
    @Test func eventsOfAnotherKindOrArtifactAreRefused() throws {
        let other = LedgerEvent.artifactPublished(
            ArtifactPublished(digest: Self.parent, publication: try Self.publication("2026-01-01")))
        #expect(throws: DomainError.self) {
            try ArtifactEventFacts.fold(Self.own, events: [(2, try Self.registered()), (3, other)])
        }
        #expect(throws: DomainError.self) {
            try ArtifactEventFacts.fold(Self.own, events: [(3, try Self.corrected(site: "B"))])
        }
        #expect(throws: DomainError.self) {
            try ArtifactEventFacts.fold(Self.parent, events: [(2, try Self.registered())])
        }
        #expect(throws: DomainError.self) { try ArtifactEventFacts.fold(Self.own, events: []) }
    }
}
