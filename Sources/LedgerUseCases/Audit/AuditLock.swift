import LedgerCore
import Foundation

/// One audit at a time per ledger: an exclusive flock on `<ledger>.audit-lock`, released when the
/// process ends however it ends (no stale lock files to clean up after a crash).
final class AuditLock {
    private let fd: Int32

    init(ledgerPath: String, wait: Bool) throws {
        let path = ledgerPath + ".audit-lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError("cannot open the audit lock \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let busy = errno == EWOULDBLOCK
            close(fd)
            throw InputError(busy ? "another audit of \(ledgerPath) is running; try again later or pass --wait"
                                  : "cannot lock \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// SIGTERM and SIGINT ask a running audit to stop after the location it is hashing; it then
/// records what it did.
enum StopSignal {
    nonisolated(unsafe) static var requested: sig_atomic_t = 0

    static func install() {
        signal(SIGTERM) { _ in StopSignal.requested = 1 }
        signal(SIGINT) { _ in StopSignal.requested = 1 }
        // A parent may have started us with these signals blocked (they are inherited): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static var isRequested: Bool { requested != 0 }
}
