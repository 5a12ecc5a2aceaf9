#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`ulimit -n`), which bounds how many connections it can hold.
enum FileLimit {
    /// Files kept for other than connections: the ledger's pool, its WAL and journal, packs, stdio.
    static let reserved = 64

    /// Raises the soft limit to the hard one (as servers do at start) and returns the limit in force.
    static func raiseToHard() -> Int {
        var limit = rlimit()
        guard get(&limit) else { return 1024 }
        let ceiling = min(limit.rlim_max, rlim_t(1 << 20))
        if limit.rlim_cur < ceiling {
            var raised = limit
            raised.rlim_cur = ceiling
            if set(&raised) { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// At most `wanted` connections, fewer when the file limit would be reached first.
    static func connections(_ wanted: Int, fileLimit: Int) -> Int {
        max(1, min(wanted, fileLimit - reserved))
    }

    private static func get(_ limit: inout rlimit) -> Bool {
        #if os(Linux)
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        getrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }

    private static func set(_ limit: inout rlimit) -> Bool {
        #if os(Linux)
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        setrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }
}
