import LedgerCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where header bytes come from: a file (pread) or memory (tests, fuzzing). Readers ask only for
/// ranges they have checked against `size`, so a header claiming a huge length never makes
/// them allocate it.
public protocol ByteSource {
    var size: Int64 { get }
    /// Exactly `count` bytes at `offset`; the caller guarantees `offset + count <= size`.
    func read(at offset: Int64, count: Int) throws -> [UInt8]
}

/// Bytes in memory.
public struct MemorySource: ByteSource {
    /// The bytes.
    public let bytes: [UInt8]
    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// How many bytes.
    public var size: Int64 { Int64(bytes.count) }
    /// `count` bytes at `offset`; a range outside the bytes is an error, as a short file read is.
    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= Int64(bytes.count), Int64(count) <= Int64(bytes.count) - offset
        else {
            throw ModelFileError(path: "(memory)", reason: "read of \(count) bytes at \(offset) is past the end")
        }
        return Array(bytes[Int(offset)..<Int(offset) + count])
    }
}

/// A file opened for reading.
public final class FileSource: ByteSource {
    /// The file's path.
    public let path: String
    /// Its size when opened.
    public let size: Int64
    private let fd: Int32

    /// Opens the file for reading.
    public init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ModelFileError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw ModelFileError(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))")
        }
        self.path = path
        size = Int64(info.st_size)
    }

    deinit { close(fd) }

    /// `count` bytes at `offset` with pread, refusing short reads.
    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ModelFileError(path: path, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { throw ModelFileError(path: path, reason: "the file shrank while its header was read") }
            done += got
        }
        return bytes
    }
}

/// A model file whose header cannot be read: which file, and what is wrong with it.
public struct ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String
    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// Reads a header front to back in blocks, so a reader never holds more than it has checked.
struct SequentialReader {
    let source: ByteSource
    let path: String
    /// Numbers are big-endian (a GGUF written for a big-endian machine); little-endian otherwise.
    var bigEndian = false
    private(set) var offset: Int64
    private var block: [UInt8] = []
    private var blockStart: Int64 = 0
    static let blockSize = 1 << 20

    init(source: ByteSource, path: String, offset: Int64 = 0) {
        self.source = source
        self.path = path
        self.offset = offset
    }

    var remaining: Int64 { source.size - offset }

    func fail(_ reason: String) -> ModelFileError {
        ModelFileError(path: path, reason: "\(reason) (at byte \(offset))")
    }

    /// The next `count` bytes; refuses to read past the end (a truncated header).
    mutating func bytes(_ count: Int, what: String) throws -> [UInt8] {
        guard count >= 0, Int64(count) <= remaining else {
            throw fail("truncated: \(what) needs \(count) bytes, \(remaining) remain")
        }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var needed = count
        while needed > 0 {
            let inBlock = offset - blockStart
            if inBlock >= 0 && inBlock < Int64(block.count) {
                let take = min(needed, block.count - Int(inBlock))
                out += block[Int(inBlock)..<Int(inBlock) + take]
                offset += Int64(take)
                needed -= take
            } else {
                let size = Int(min(Int64(SequentialReader.blockSize), remaining))
                block = try source.read(at: offset, count: size)
                blockStart = offset
            }
        }
        return out
    }

    /// Skips `count` bytes without keeping them.
    mutating func skip(_ count: UInt64, what: String) throws {
        guard count <= UInt64(max(remaining, 0)) else {
            throw fail("truncated: \(what) needs \(count) bytes, \(remaining) remain")
        }
        offset += Int64(count)
    }

    mutating func u16(_ what: String) throws -> UInt16 { UInt16(try unsigned(2, what)) }

    mutating func u32(_ what: String) throws -> UInt32 { UInt32(try unsigned(4, what)) }

    mutating func u64(_ what: String) throws -> UInt64 { try unsigned(8, what) }

    private mutating func unsigned(_ count: Int, _ what: String) throws -> UInt64 {
        let read = try bytes(count, what: what)
        return (bigEndian ? read : read.reversed()).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
