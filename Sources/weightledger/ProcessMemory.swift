#if canImport(Glibc)
import Glibc
#endif

/// How the process asks glibc's allocator for memory.
enum ProcessMemory {
    /// Blocks of 128 KiB and more are mapped on their own and returned when freed. glibc starts
    /// there but raises the threshold each time such a block is freed (up to 32 MiB), after which
    /// those blocks come from the main heap and, freed between longer-lived ones, stay resident:
    /// the first `audit` of a 10 M-artifact ledger held 3.4 GB with 125 MB in use (malloc_stats),
    /// and stayed at 190 MB with the threshold fixed (docs/scale.md). Fixing it (any mallopt of
    /// it) stops the raising.
    static func configure() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: mallopt is looked up by name, and
        // M_MMAP_THRESHOLD is -3 there.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 128 << 10)
        #endif
    }
}
