import Foundation

/// Bytes written now and read back once, in order: kept in memory up to a few MiB, then moved to
/// a file in the temporary directory (`$TMPDIR`) that is unlinked as soon as it is open, so
/// nothing is left behind however the process ends (`flags` exits without deinitialising). What
/// lets `flags` list a ledger's findings most severe first while it evaluates them in
/// registration order, without holding them all. `WEIGHTLEDGER_SPILL_BYTES=N` lowers the
/// threshold (tests spill every finding).
final class SpillBuffer {
    fileprivate var memory: [UInt8] = []
    fileprivate var file: FileHandle?
    private let threshold: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(threshold: Int? = nil) {
        let configured = ProcessInfo.processInfo.environment["WEIGHTLEDGER_SPILL_BYTES"].flatMap(Int.init)
        self.threshold = max(1, threshold ?? configured ?? 4 << 20)
    }

    deinit { try? file?.close() }

    /// Appends bytes.
    func append(_ bytes: [UInt8]) throws {
        count += bytes.count
        memory += bytes
        guard memory.count >= threshold else { return }
        if file == nil {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "weightledger-spill-\(UUID().uuidString)")
            guard
                FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw SpillError(path: url.path) }
            file = try FileHandle(forUpdating: url)
            // Open: the name is no longer needed, and no exit path can leave the bytes behind.
            unlink(url.path)
        }
        try file?.write(contentsOf: memory)
        memory.removeAll(keepingCapacity: true)
    }

    /// Hands every byte written, in order, in chunks of at most 1 MiB.
    func drain(_ sink: ([UInt8]) throws -> Void) throws {
        if let file {
            try file.seek(toOffset: 0)
            while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty { try sink(Array(chunk)) }
        }
        if !memory.isEmpty { try sink(memory) }
    }
}

extension SpillBuffer {
    /// At most 1 MiB of the bytes from `offset` on (those moved to the file first, then those
    /// still in memory); empty at the end. For a reader that cannot take a closure (a response
    /// body written asynchronously).
    func chunk(from offset: Int) throws -> [UInt8] {
        let onFile = count - memory.count
        if offset < onFile, let file {
            try file.seek(toOffset: UInt64(offset))
            return Array(try file.read(upToCount: min(1 << 20, onFile - offset)) ?? Data())
        }
        let start = offset - onFile
        guard start >= 0, start < memory.count else { return [] }
        return Array(memory[start..<min(memory.count, start + (1 << 20))])
    }
}

/// A document written once, then read back a chunk at a time: a few MiB in memory, the rest in
/// an unlinked file in `$TMPDIR` (`SpillBuffer`). How the server answers with a document as large
/// as the ledger's findings without holding it.
public final class SpooledDocument: @unchecked Sendable {
    private let spill: SpillBuffer
    private let lock = NSLock()

    init(threshold: Int?, _ write: (([UInt8]) throws -> Void) throws -> Void) throws {
        spill = SpillBuffer(threshold: threshold)
        try write { try spill.append($0) }
    }

    /// Its length in bytes.
    public var count: Int { spill.count }

    /// At most 1 MiB from `offset` on; empty at the end.
    public func chunk(from offset: Int) throws -> [UInt8] {
        try lock.withLock { try spill.chunk(from: offset) }
    }
}

/// The temporary directory cannot hold the findings being listed.
struct SpillError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write \(path) (set TMPDIR to a writable directory with room)" }
}
