import Foundation
import LedgerRender
import LedgerUseCases

/// Answers to GET requests, and the active tokens, versioned by the ledger's last event number.
/// Every change to the ledger is an event, so an entry is served only while no event has been
/// appended since it was computed (by this server or any other writer; `LedgerVersion` says
/// when the ledger moved on).
final class ReadCache: @unchecked Sendable {
    typealias Token = (name: String, role: String, sha256: String)
    private let lock = NSLock()
    private var version: Int64 = -1
    private var tokens: [Token] = []
    private var answers: [String: [UInt8]] = [:]
    static let capacity = 4096

    /// The active tokens at `version`, when they are the ones held.
    func tokens(at version: Int64) -> [Token]? {
        lock.withLock { self.version == version ? tokens : nil }
    }

    /// The active tokens at `version`, loading them when the ledger has moved on.
    func tokens(at version: Int64, load: () throws -> [Token]) rethrows -> [Token] {
        lock.lock()
        if self.version == version {
            defer { lock.unlock() }
            return tokens
        }
        lock.unlock()
        let fresh = try load()
        lock.lock()
        if version > self.version {
            self.version = version
            tokens = fresh
            answers.removeAll(keepingCapacity: true)
        }
        lock.unlock()
        return fresh
    }

    func answer(_ key: String, at version: Int64) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return self.version == version ? answers[key] : nil
    }

    func store(_ key: String, _ bytes: [UInt8], at version: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard self.version == version else { return }
        if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
        answers[key] = bytes
    }
}
