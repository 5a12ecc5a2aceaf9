import Foundation
import LedgerStore

/// Page sessions: a random id in an HttpOnly, SameSite=Strict cookie, mapped in memory to the
/// SHA-256 of the token that signed in (never the token). Each request re-checks that the token
/// is still active, so revoking it ends its sessions; a restart ends them all.
///
/// Bounded: a session ends after `lifetime`; one token holds at most `perToken` sessions and the
/// server at most `capacity` (the oldest end first), so a script that signs in all day cannot grow
/// memory or slow sign-ins. Every operation is O(1) amortized: sessions are kept in creation
/// order, which is also expiry order, and pruned from the front.
final class Sessions: SessionStore, @unchecked Sendable {
    struct Session {
        let tokenSHA256: String
        let expires: Date
    }
    static let cookie = "wl_session"
    static let lifetime: TimeInterval = 8 * 3600

    let capacity: Int
    let perToken: Int
    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    /// Ids in creation order from `head` on; ended ones are skipped when reached.
    private var order: [String] = []
    private var head = 0
    /// Each token's live session ids, oldest first.
    private var byToken: [String: [String]] = [:]

    init(capacity: Int = 10_000, perToken: Int = 32) {
        self.capacity = capacity
        self.perToken = perToken
    }

    /// Sessions alive now (for tests and metrics).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return sessions.count
    }

    /// Ids kept in creation order, ended ones included until they are dropped (for tests).
    var orderLength: Int {
        lock.lock()
        defer { lock.unlock() }
        return order.count - head
    }

    func create(tokenSHA256: String, lifetime: TimeInterval = Sessions.lifetime, now: Date = Date()) -> String {
        let id = Self.newID()
        lock.lock()
        defer { lock.unlock() }
        pruneExpired(now)
        if let mine = byToken[tokenSHA256], mine.count >= perToken { remove(mine[0]) }
        while sessions.count >= capacity, let oldest = oldestLive() { remove(oldest) }
        sessions[id] = Session(tokenSHA256: tokenSHA256, expires: now.addingTimeInterval(lifetime))
        order.append(id)
        byToken[tokenSHA256, default: []].append(id)
        return id
    }

    func tokenSHA256(of id: String, now: Date = Date()) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let session = sessions[id], session.expires > now else { return nil }
        return session.tokenSHA256
    }

    func end(_ id: String) {
        lock.lock()
        remove(id)
        lock.unlock()
    }

    private func oldestLive() -> String? {
        while head < order.count {
            if sessions[order[head]] != nil { return order[head] }
            head += 1
        }
        return nil
    }

    private func pruneExpired(_ now: Date) {
        while let oldest = oldestLive(), let session = sessions[oldest], session.expires <= now { remove(oldest) }
        // Ended sessions leave their ids behind: rebuild once they are most of the array.
        if order.count > 2 * sessions.count + 1024 {
            order = order[head...].filter { sessions[$0] != nil }
            head = 0
        }
    }

    private func remove(_ id: String) {
        guard let session = sessions.removeValue(forKey: id) else { return }
        byToken[session.tokenSHA256]?.removeAll { $0 == id }
        if byToken[session.tokenSHA256]?.isEmpty == true { byToken[session.tokenSHA256] = nil }
    }
}
