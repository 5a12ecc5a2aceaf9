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

    /// Creates a hasher reading `chunkSize` bytes at a time.
    public init(chunkSize: Int = 4 << 20) { self.chunkSize = chunkSize }

    /// The SHA-256 and size of the file at `path` (symlinks are followed).
    public func hash(path: String) throws -> (digest: Digest, size: Int64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HashingError.fromErrno(errno, path: path) }
        defer { close(fd) }
        let before = try FileIdentity(fd: fd, path: path)
        guard before.isRegular else { throw HashingError.notRegularFile(path: path) }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        let hasher = try SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw HashingError.fromErrno(errno, path: path)
            }
            if count == 0 { break }
            try hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            total += Int64(count)
        }
        let after = try FileIdentity(fd: fd, path: path)
        guard before == after, total == before.size else { throw HashingError.changedWhileHashing(path: path) }
        return (try hasher.finish(), total)
    }
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
