import Foundation

/// Records (a key and bytes) added in any order and read back in the order of their keys' bytes,
/// holding at most a budget in memory: past it, the records so far are sorted and written to a
/// file in `$TMPDIR` (unlinked once open, so no exit leaves it behind), and reading merges the
/// files. What lets an audit compare hundreds of thousands of findings with the previous audit's,
/// in key order, without holding them. Equal keys come back in the order they were added.
/// `WEIGHTLEDGER_SPILL_BYTES=N` lowers the budget (tests spill after every few records).
final class SortedSpill: @unchecked Sendable {
    private var pending: [(key: [UInt8], record: [UInt8])] = []
    private var pendingBytes = 0
    private var runs: [Int32] = []
    private let budget: Int
    /// Records added.
    private(set) var count = 0

    init(budget: Int? = nil) {
        let configured = ProcessInfo.processInfo.environment["WEIGHTLEDGER_SPILL_BYTES"].flatMap(Int.init)
        self.budget = max(1, budget ?? configured ?? 32 << 20)
    }

    deinit { for run in runs { close(run) } }

    /// Adds one record.
    func add(key: [UInt8], record: [UInt8]) throws {
        pending.append((key, record))
        pendingBytes += key.count + record.count + 64
        count += 1
        if pendingBytes >= budget { try spill() }
    }

    /// Hands every record to `body` in key order (equal keys in the order added). Can be called
    /// again; records added since are included.
    func forEach(_ body: (_ key: [UInt8], _ record: [UInt8]) throws -> Void) throws {
        if runs.isEmpty {
            sortPending()
            for (key, record) in pending { try body(key, record) }
            return
        }
        if !pending.isEmpty { try spill() }
        var readers = try runs.map { try RunReader(descriptor: $0) }
        // Few runs (the records over the budget): the smallest head is found by a linear scan.
        while true {
            var best: Int?
            for index in readers.indices {
                guard let head = readers[index].head else { continue }
                if let chosen = best, let current = readers[chosen].head,
                    !head.key.lexicographicallyPrecedes(current.key)
                {
                    continue
                }
                best = index
            }
            guard let chosen = best, let head = readers[chosen].head else { return }
            try body(head.key, head.record)
            try readers[chosen].advance()
        }
    }

    private func sortPending() {
        // Stable: equal keys keep the order they were added in.
        pending = pending.enumerated().sorted { left, right in
            left.element.key.lexicographicallyPrecedes(right.element.key)
                || (left.element.key == right.element.key && left.offset < right.offset)
        }.map(\.element)
    }

    private func spill() throws {
        sortPending()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weightledger-sorted-\(UUID().uuidString)")
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpillFileError(path: url.path) }
        unlink(url.path)
        runs.append(descriptor)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            var written = 0
            while written < buffer.count {
                let result = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { throw SpillFileError(path: url.path) }
                written += result
            }
            buffer.removeAll(keepingCapacity: true)
        }
        for (key, record) in pending {
            Self.appendLength(key.count, to: &buffer)
            Self.appendLength(record.count, to: &buffer)
            buffer += key
            buffer += record
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        pending.removeAll()
        pendingBytes = 0
    }

    /// A length as four bytes, most significant first: how runs and set-aside findings frame fields.
    static func appendLength(_ length: Int, to buffer: inout [UInt8]) {
        let value = UInt32(length)
        buffer += [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    /// The length framed at `position` (the caller checks the four bytes are there).
    static func length(in bytes: [UInt8], at position: Int) -> Int {
        bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Reads one run from its start, a chunk at a time (`pread`, so runs can be read again).
    private struct RunReader {
        let descriptor: Int32
        var offset: Int64 = 0
        var chunk: [UInt8] = []
        var position = 0
        var head: (key: [UInt8], record: [UInt8])?

        init(descriptor: Int32) throws {
            self.descriptor = descriptor
            try advance()
        }

        mutating func advance() throws {
            guard let keyLength = try length(), let recordLength = try length() else {
                head = nil
                return
            }
            let key = try bytes(keyLength)
            head = (key, try bytes(recordLength))
        }

        private mutating func length() throws -> Int? {
            guard try available(4) else { return nil }
            let value = SortedSpill.length(in: chunk, at: position)
            position += 4
            return value
        }

        private mutating func bytes(_ count: Int) throws -> [UInt8] {
            guard try available(count) else { throw SpillFileError(path: "a sorted spill file (cut short)") }
            defer { position += count }
            return Array(chunk[position..<position + count])
        }

        /// Whether `count` more bytes can be read, reading the next chunk when needed.
        private mutating func available(_ count: Int) throws -> Bool {
            if chunk.count - position >= count { return true }
            chunk.removeFirst(position)
            position = 0
            let wanted = max(count - chunk.count, 1 << 18)
            var read = [UInt8](repeating: 0, count: wanted)
            let got = read.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(offset)) }
            guard got >= 0 else { throw SpillFileError(path: "a sorted spill file") }
            offset += Int64(got)
            chunk += read.prefix(got)
            return chunk.count >= count
        }
    }
}

/// The temporary directory cannot hold what an audit sets aside.
struct SpillFileError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write or read \(path) (set TMPDIR to a writable directory with room)" }
}
