import Foundation

/// Failed sign-ins and bad bearer tokens, counted per client address (a token bucket): an address
/// may fail `burst` times in a row, then once per `interval`. While its bucket is empty, every
/// request from it that presents a credential is answered 429 with Retry-After, before the
/// credential is looked at, so guessing gains nothing from the answer. Successful requests cost
/// nothing. At most `capacity` addresses are tracked; when full, those that have recovered are
/// forgotten first, then the one that failed longest ago.
final class FailureLimiter: @unchecked Sendable {
    struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let burst: Double
    let interval: TimeInterval
    let capacity: Int
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    init(burst: Int = 10, interval: TimeInterval = 6, capacity: Int = 10_000) {
        self.burst = Double(burst)
        self.interval = interval
        self.capacity = capacity
    }

    /// Seconds until `address` may try again, or nil when it may try now.
    func wait(for address: String, now: Date = Date()) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard let bucket = buckets[address].map({ refilled($0, now) }), bucket.tokens < 1 else { return nil }
        return max(1, Int(((1 - bucket.tokens) * interval).rounded(.up)))
    }

    /// Counts one failure of `address`.
    func failed(_ address: String, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[address].map { refilled($0, now) } ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = max(0, bucket.tokens - 1)
        if buckets[address] == nil, buckets.count >= capacity { evict(now) }
        buckets[address] = bucket
    }

    /// Addresses tracked now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return buckets.count
    }

    private func refilled(_ bucket: Bucket, _ now: Date) -> Bucket {
        let gained = max(0, now.timeIntervalSince(bucket.updated)) / interval
        return Bucket(tokens: min(burst, bucket.tokens + gained), updated: now)
    }

    private func evict(_ now: Date) {
        buckets = buckets.filter { refilled($0.value, now).tokens < burst }
        if buckets.count >= capacity, let stalest = buckets.min(by: { $0.value.updated < $1.value.updated }) {
            buckets[stalest.key] = nil
        }
    }
}
