import Foundation
import Testing

@testable import LedgerCore
@testable import LedgerStore

/// `verify`'s replay on its own threads applies events in order, chunk after chunk; stops at the
/// first event that cannot be decoded (after applying every event before it) or whose chunk the
/// replay refused; and applies nothing once abandoned.
@Suite struct ReplayPipelineTests {
    /// Records the events applied, in order; refuses the chunk holding `refuse` if given.
    final class Recorder: LedgerReplay, @unchecked Sendable {
        struct Refused: Error {}
        let lock = NSLock()
        var applied: [Int64] = []
        let refuse: Int64?
        var tables: [String] { [] }

        init(refuse: Int64? = nil) { self.refuse = refuse }

        func apply(_ events: [ReplayedEvent]) throws {
            // Slower than decoding, so chunks queue up behind it.
            Thread.sleep(forTimeInterval: 0.002)
            if let refuse, events.contains(where: { $0.seq == refuse }) { throw Refused() }
            lock.withLock { applied += events.map(\.seq) }
        }
        func finish() throws {}
        func differences(upTo events: Int64) throws -> [IntegrityProblem] { [] }
        var seqs: [Int64] { lock.withLock { applied } }
    }

    /// Events 1…`count`, each a token revoked; `broken` holds a payload no decoder accepts.
    static func events(_ count: Int64, broken: Int64? = nil) throws -> [StoredEvent] {
        try (1...count).map { seq in
            let event = LedgerEvent.tokenRevoked(TokenRevoked(name: "t\(seq)"))
            let payload =
                seq == broken ? #"{"name": 7}"# : String(decoding: try event.canonicalPayload(), as: UTF8.self)
            return StoredEvent(
                seq: seq, recordedAt: "2026-12-04T00:00:00.000Z", actor: "test", type: event.type, payload: payload,
                payloadSHA256: "")
        }
    }

    @Test(arguments: [1, 1_999, 2_000, 2_001, 9_999] as [Int64])
    func everyEventIsAppliedInOrder(count: Int64) throws {
        let recorder = Recorder()
        let pipeline = ReplayPipeline(recorder)
        for event in try Self.events(count) { try pipeline.add(event) }
        #expect(try pipeline.finish() == nil)
        #expect(recorder.seqs == Array(1...count))
    }

    @Test(arguments: [1, 2_000, 3_001, 8_000] as [Int64])
    func anUndecodableEventStopsTheReplayAfterTheEventsBeforeIt(broken: Int64) throws {
        let recorder = Recorder()
        let pipeline = ReplayPipeline(recorder)
        for event in try Self.events(9_000, broken: broken) { try pipeline.add(event) }
        let problem = try #require(try pipeline.finish())
        #expect(problem.description.hasPrefix("event \(broken) (token.revoked) cannot be replayed"), "\(problem)")
        #expect(recorder.seqs == Array(1..<broken))
    }

    @Test func aChunkTheReplayRefusesIsThrownAndNothingAfterItApplied() throws {
        let recorder = Recorder(refuse: 4_500)
        let pipeline = ReplayPipeline(recorder)
        var thrown = false
        do {
            for event in try Self.events(20_000) { try pipeline.add(event) }
            _ = try pipeline.finish()
        } catch is Recorder.Refused {
            thrown = true
        }
        #expect(thrown)
        #expect(recorder.seqs == Array(1...4_000))
    }

    @Test func nothingIsAppliedOnceAbandoned() throws {
        let recorder = Recorder()
        let pipeline = ReplayPipeline(recorder)
        let events = try Self.events(10_000)
        for event in events.prefix(6_000) { try pipeline.add(event) }
        pipeline.abandon()
        let before = recorder.seqs
        for event in events.dropFirst(6_000) { try pipeline.add(event) }
        #expect(try pipeline.finish() == nil)
        #expect(recorder.seqs == before)
        #expect(before == (0..<before.count).map { Int64($0) + 1 })
    }
}
