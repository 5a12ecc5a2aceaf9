import Foundation
import LedgerStore

/// An exclusive flock on a file beside the ledger, released when the process ends however it
/// ends (no stale lock files to clean up after a crash).
final class FileLock: LedgerLock, @unchecked Sendable {
    private let fd: Int32

    init(path: String, ledger: String, purpose: LedgerLockPurpose, wait: Bool) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
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
        flock(fd, LOCK_UN)
        close(fd)
    }
}
