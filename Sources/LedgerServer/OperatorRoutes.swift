import Foundation
import Hummingbird
import LedgerCore
import LedgerStore
import NIOCore

/// What operators and their tools ask of a running server: `/healthz` (the process answers),
/// `/readyz` (the ledger opens and takes a write) and `/metrics` (Prometheus).
extension LedgerServer {
    /// How long `/readyz` waits for the ledger before it answers 503.
    static let readinessWait: Duration = .seconds(5)

    /// `/readyz`'s answer.
    struct Readiness: Encodable {
        let status: String
        let events: Int64?
        let reason: String?
    }

    func addOperatorRoutes(to router: Router<LedgerRequestContext>) {
        router.get("healthz") { _, _ in "ok" }
        router.get("readyz") { _, _ in
            let ready = await self.readiness()
            return try self.json(ready, status: ready.status == "ready" ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { request, _ in
            // Any valid token (Prometheus' `authorization` with a credentials file): the counts
            // say how much a company registers and how much is open.
            _ = try await self.authorize(request, .read)
            let bytes = try await self.call { self.metrics.exposition(self.ledger) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// Ready when the ledger can be read and a write transaction can be taken and committed (empty:
    /// no event is written) within `readinessWait`; a ledger that does not answer in time (a lock
    /// held, a database that does not reply) is not ready, and the check goes on alone.
    func readiness() async -> Readiness {
        let ledger = self.ledger
        let first = FirstAnswer<Readiness>()
        return await withCheckedContinuation { continuation in
            first.set(continuation)
            Task {
                do {
                    try await ledger.writeInBatch { _ in }
                    let events = try await self.blocking { try ledger.read { try $0.eventCount() } }
                    first.answer(Readiness(status: "ready", events: events, reason: nil))
                } catch {
                    first.answer(Readiness(status: "unavailable", events: nil, reason: APIError(error).message))
                }
            }
            Task {
                try? await Task.sleep(for: Self.readinessWait)
                first.answer(
                    Readiness(
                        status: "unavailable", events: nil,
                        reason: "the ledger did not answer within \(Self.readinessWait.components.seconds) s"))
            }
        }
    }
}

/// Resumes a continuation with the first answer given; later ones are dropped.
private final class FirstAnswer<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func set(_ continuation: CheckedContinuation<T, Never>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func answer(_ value: T) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }
}
