import Foundation
import LedgerCore

/// Where a path leads once its symbolic links are resolved.
enum LinkedPath {
    /// True when `path`, with every symbolic link resolved, is still `prefix` (also resolved) or
    /// below it: a link planted under an audit root cannot make the audit read elsewhere.
    static func stays(_ path: String, under prefix: String) -> Bool {
        guard let real = resolved(path), let root = resolved(prefix) else { return false }
        return AuditRoots.path(real, isUnder: root)
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
