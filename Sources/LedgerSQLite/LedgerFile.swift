import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the path of a ledger is before SQLite opens it: a regular file or not, and whether this
/// process may write it (an auditor's copy may be mode 444, in a directory of mode 555, or on a
/// read-only mount: such a ledger is opened read-only and still read, verified and reviewed).
enum LedgerFile {
    /// `stat` of the path (following symlinks): nil when nothing is there.
    static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// Why this process cannot write the ledger at `path` and its `-wal`/`-shm` files beside it,
    /// or nil when it can.
    static func readOnlyReason(_ path: String) -> String? {
        if access(path, W_OK) != 0 {
            return errno == EROFS ? "it is on a read-only file system" : "the file is not writable by this user"
        }
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory.isEmpty ? "." : directory, W_OK) != 0 {
            return errno == EROFS
                ? "it is on a read-only file system" : "its directory is not writable by this user"
        }
        return nil
    }

    /// An SQLite URI opening `path` read-only; `immutable` also tells SQLite that no one changes
    /// the file, so it needs no `-shm` file (which a read-only directory cannot hold).
    static func readOnlyURI(_ path: String, immutable: Bool) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?" + (immutable ? "immutable=1" : "mode=ro")
    }
}
