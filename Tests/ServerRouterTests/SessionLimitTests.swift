import Foundation
import Hummingbird
import Testing

@testable import LedgerServer

/// The pure parts of issue 13 item 11: sessions are capped and expire, failures refill at their
/// rate, and the cross-origin rule, table-driven.
@Suite struct SessionLimitTests {
    @Test func sessionsExpireAndAreCappedPerTokenAndInAll() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let sessions = Sessions(capacity: 100, perToken: 3)
        let first = sessions.create(tokenSHA256: "a", now: start)
        let more = (1...3).map { sessions.create(tokenSHA256: "a", now: start.addingTimeInterval(Double($0))) }
        // A token's fourth session ends its oldest; the others live.
        #expect(sessions.tokenSHA256(of: first, now: start) == nil)
        #expect(more.allSatisfy { sessions.tokenSHA256(of: $0, now: start) == "a" })
        #expect(sessions.count == 3)
        // Past their lifetime sessions are gone, and the next sign-in forgets them.
        let later = start.addingTimeInterval(Sessions.lifetime + 10)
        #expect(more.allSatisfy { sessions.tokenSHA256(of: $0, now: later) == nil })
        _ = sessions.create(tokenSHA256: "b", now: later)
        #expect(sessions.count == 1)
        // 10,000 sign-ins by many tokens hold at most `capacity` sessions, the newest.
        var last = ""
        for index in 0..<10_000 {
            last = sessions.create(tokenSHA256: "t\(index % 500)", now: later.addingTimeInterval(Double(index) / 100))
        }
        #expect(sessions.count == 100)
        #expect(sessions.tokenSHA256(of: last, now: later.addingTimeInterval(100)) == "t\(9_999 % 500)")
    }

    @Test func signInAndOutAllDayKeepsMemoryFlat() {
        let sessions = Sessions(capacity: 10_000, perToken: 32)
        let keeper = sessions.create(tokenSHA256: "keeper")  // one long-lived session at the front
        for _ in 0..<100_000 { sessions.end(sessions.create(tokenSHA256: "x")) }
        #expect(sessions.count == 1 && sessions.tokenSHA256(of: keeper) == "keeper")
        #expect(sessions.orderLength < 5_000, "ended ids are dropped, not kept: \(sessions.orderLength)")
    }

    @Test func failuresRefillAtTheirRate() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let limiter = FailureLimiter(burst: 3, interval: 10, capacity: 4)
        for _ in 0..<3 {
            #expect(limiter.wait(for: "1.2.3.4", now: start) == nil)
            limiter.failed("1.2.3.4", now: start)
        }
        #expect(limiter.wait(for: "1.2.3.4", now: start) == 10)
        #expect(limiter.wait(for: "1.2.3.4", now: start.addingTimeInterval(4)) == 6)
        #expect(limiter.wait(for: "5.6.7.8", now: start) == nil, "other addresses are not limited")
        // One attempt per interval after the burst.
        #expect(limiter.wait(for: "1.2.3.4", now: start.addingTimeInterval(10)) == nil)
        limiter.failed("1.2.3.4", now: start.addingTimeInterval(10))
        #expect(limiter.wait(for: "1.2.3.4", now: start.addingTimeInterval(11)) == 9)
        // Tracking is bounded: a spray of addresses keeps at most `capacity`, and the limited one
        // survives the recovered ones.
        for index in 0..<50 { limiter.failed("10.0.0.\(index)", now: start.addingTimeInterval(11)) }
        #expect(limiter.count <= 4)
    }

    @Test(
        arguments: [
            // method, Sec-Fetch-Site, Origin, Host, allowed?
            ("POST", nil, nil, "h:1", true),  // curl, scripts
            ("POST", nil, "http://h:1", "h:1", true),
            ("POST", nil, "HTTP://H:1", "h:1", true),
            ("POST", nil, "http://h:2", "h:1", false),  // another port of the same site
            ("POST", nil, "https://evil.example", "h:1", false),
            ("POST", nil, "null", "h:1", false),
            ("POST", nil, "http://h:1/path", "h:1", false),
            ("POST", "same-origin", "http://h:1", "h:1", true),
            ("POST", "none", nil, "h:1", true),
            ("POST", "same-site", "http://h:2", "h:1", false),
            ("POST", "cross-site", "http://h:1", "h:1", false),
            ("POST", "cross-site", "https://ledger.example", "h:1", true),  // --allowed-origin
            ("POST", nil, "https://ledger.example", "proxy:8080", true),
            ("GET", "cross-site", "https://evil.example", "h:1", true),  // safe methods change nothing
            ("DELETE", "cross-site", nil, "h:1", false),
        ] as [(String, String?, String?, String, Bool)])
    func crossOriginRule(method: String, site: String?, origin: String?, host: String, allowed: Bool) {
        var headers = HTTPFields()
        if let site { headers[.secFetchSite] = site }
        if let origin { headers[.origin] = origin }
        let refusal = CrossOriginMiddleware.refusal(
            HTTPRequest.Method(method)!, headers, host: host, allowed: ["https://ledger.example"])
        #expect((refusal == nil) == allowed, "\(refusal ?? "allowed")")
    }
}
