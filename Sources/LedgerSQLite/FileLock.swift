import Foundation
import LedgerStore

/// An exclusive flock on a file beside the ledger, released when the process ends however it
/// ends (no stale lock files to clean up after a crash).
final class FileLock: LedgerLock, @unchecked Sendable {
    private let fd: Int32

    /// On a ledger opened read-only, the lock file is opened read-only when it exists (flock
    /// works on it, so a writer elsewhere is still waited for), and no lock is taken when it
    /// cannot be created: no one can change the ledger through this path.
    init(path: String, ledger: String, purpose: LedgerLockPurpose, wait: Bool, readOnly: Bool) throws {
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0, readOnly, errno == EACCES || errno == EROFS || errno == EPERM {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                self.fd = -1
                return
            }
        }
        self.fd = fd
        guard fd >= 0 else { throw StoreError.cannotLock(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            throw busy
                ? StoreError.locked(path: ledger, purpose: purpose.rawValue)
                : StoreError.cannotLock(path: path, reason: reason)
        }
    }

    deinit {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }
}
