#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a path could not be hashed. Each case renders as one line naming the path.
public enum HashingError: Error, Equatable, CustomStringConvertible, Sendable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case symlink(path: String)
    case symlinkLoop(path: String)
    case notRegularFile(path: String)
    case badFileName(path: String, reason: String)
    case changedWhileHashing(path: String)
    case emptyDirectory(path: String)

    public var description: String {
        switch self {
        case .missing(let path): return "\(path): no such file or directory"
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .symlink(let path): return "\(path): is a symbolic link (pass --follow-symlinks to hash what it points to)"
        case .symlinkLoop(let path): return "\(path): symbolic link loop"
        case .notRegularFile(let path): return "\(path): not a regular file or directory"
        case .badFileName(let path, let reason): return "\(path): file name \(reason)"
        case .changedWhileHashing(let path):
            return "\(path): changed while it was being hashed (size, mtime or inode differ); nothing recorded"
        case .emptyDirectory(let path): return "\(path): directory holds no files to hash"
        }
    }

    static func fromErrno(_ code: Int32, path: String) -> HashingError {
        if code == ENOENT || code == ENOTDIR { return .missing(path: path) }
        return .unreadable(path: path, reason: String(cString: strerror(code)))
    }
}
