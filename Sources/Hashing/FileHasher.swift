import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hashes one regular file with SHA-256, reading it in large sequential chunks.
///
/// The file's size, mtime and inode are compared before and after reading: a file that
/// changes while it is hashed is an error, never a digest of bytes that no longer exist.
public struct FileHasher: Sendable {
    /// Bytes read per `read(2)` call; large reads keep syscalls off the profile.
    public var chunkSize: Int
    /// Files at least this large are read on a second thread while this one hashes
    /// (`overlap` must be on): reading and hashing then cost the slower of the two, not the sum.
    public var overlapThreshold: Int64
    /// Called after each chunk is hashed; tests use it to change a file mid-read.
    var afterChunk: (@Sendable () -> Void)?

    /// Creates a hasher reading `chunkSize` bytes at a time.
    public init(chunkSize: Int = 4 << 20, overlapThreshold: Int64 = 64 << 20) {
        self.chunkSize = chunkSize
        self.overlapThreshold = overlapThreshold
    }

    /// The SHA-256 and size of the file at `path` (symlinks are followed).
    /// `overlap`: read on a second thread when the file is large; `progress` counts bytes as they are hashed.
    public func hash(
        path: String, overlap: Bool = false, progress: HashProgress? = nil
    ) throws -> (digest: Digest, size: Int64) {
        let buffers = HashBuffers(count: overlap ? 3 : 1, size: chunkSize)
        defer { buffers.deallocate() }
        return try hash(path: path, buffers: buffers, overlap: overlap, progress: progress)
    }

    /// As `hash(path:)`, reusing `buffers` (one per worker, so memory stays bounded).
    func hash(
        path: String, buffers: HashBuffers, overlap: Bool, progress: HashProgress?
    ) throws -> (digest: Digest, size: Int64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HashingError.fromErrno(errno, path: path) }
        defer { close(fd) }
        let before = try FileIdentity(fd: fd, path: path)
        guard before.isRegular else { throw HashingError.notRegularFile(path: path) }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        let hasher = try SHA256()
        let total: Int64
        if overlap && buffers.count >= 2 && before.size >= overlapThreshold {
            total = try OverlappedReader(fd: fd, path: path, buffers: buffers).run { chunk in
                try hasher.update(chunk)
                progress?.add(chunk.count)
                afterChunk?()
            }
        } else {
            let buffer = buffers[0]
            var count: Int64 = 0
            while true {
                let read = try FileHasher.read(fd, into: buffer, path: path)
                if read == 0 { break }
                try hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
                progress?.add(read)
                afterChunk?()
                count += Int64(read)
            }
            total = count
        }
        let after = try FileIdentity(fd: fd, path: path)
        guard before == after, total == before.size else { throw HashingError.changedWhileHashing(path: path) }
        return (try hasher.finish(), total)
    }

    /// One `read(2)` into `buffer`, retried on EINTR. Returns 0 at the end of the file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw HashingError.fromErrno(errno, path: path) }
        }
    }
}

/// Page-aligned read buffers, allocated once per worker and reused for every file it hashes.
final class HashBuffers: @unchecked Sendable {
    private let storage: [UnsafeMutableRawBufferPointer]
    var count: Int { storage.count }

    init(count: Int, size: Int) {
        storage = (0..<count).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096) }
    }

    subscript(index: Int) -> UnsafeMutableRawBufferPointer { storage[index] }

    func deallocate() { storage.forEach { $0.deallocate() } }
}

/// Reads a file on a second thread into a ring of buffers while the caller hashes the previous
/// ones: with the page cache warm, the copy out of the kernel then overlaps the hashing.
struct OverlappedReader {
    let fd: Int32
    let path: String
    let buffers: HashBuffers

    /// Calls `consume` with each chunk in file order; returns the byte count.
    func run(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let ring = buffers.count
        let free = DispatchSemaphore(value: ring)
        let filled = DispatchSemaphore(value: 0)
        let state = ReaderState(ring: ring)
        let (fd, path, buffers) = (self.fd, self.path, self.buffers)
        let reader = Thread {
            var slot = 0
            while true {
                free.wait()
                if state.cancelled { break }
                do {
                    let count = try FileHasher.read(fd, into: buffers[slot], path: path)
                    state.setLength(slot, count)
                    filled.signal()
                    if count == 0 { break }
                } catch {
                    state.fail(error)
                    filled.signal()
                    break
                }
                slot = (slot + 1) % ring
            }
            state.finish()
        }
        reader.stackSize = 1 << 20
        reader.start()
        var slot = 0
        var total: Int64 = 0
        defer {
            state.cancel()
            free.signal()
            state.waitUntilFinished()
        }
        while true {
            filled.wait()
            if let error = state.error { throw error }
            let count = state.length(slot)
            if count == 0 { break }
            try consume(UnsafeRawBufferPointer(rebasing: buffers[slot][0..<count]))
            total += Int64(count)
            free.signal()
            slot = (slot + 1) % ring
        }
        return total
    }
}

/// What the reader thread shares with the hashing thread.
private final class ReaderState: @unchecked Sendable {
    private let lock = NSLock()
    private var lengths: [Int]
    private(set) var error: Error?
    private var stop = false
    private let done = DispatchSemaphore(value: 0)

    init(ring: Int) { lengths = Array(repeating: 0, count: ring) }

    var cancelled: Bool { lock.withLock { stop } }
    func cancel() { lock.withLock { stop = true } }
    func setLength(_ slot: Int, _ count: Int) { lock.withLock { lengths[slot] = count } }
    func length(_ slot: Int) -> Int { lock.withLock { lengths[slot] } }
    func fail(_ failure: Error) { lock.withLock { error = failure } }
    func finish() { done.signal() }
    func waitUntilFinished() { done.wait() }
}

/// What identifies a file's contents cheaply: device, inode, size and modification time.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let mtimeSeconds: Int
    let mtimeNanoseconds: Int
    let isRegular: Bool

    init(fd: Int32, path: String) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw HashingError.fromErrno(errno, path: path) }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Glibc)
        mtimeSeconds = Int(info.st_mtim.tv_sec)
        mtimeNanoseconds = Int(info.st_mtim.tv_nsec)
        #else
        mtimeSeconds = Int(info.st_mtimespec.tv_sec)
        mtimeNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #endif
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
    }
}
