#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files below a directory make up an artifact.
public struct HashOptions: Sendable {
    /// Names left out of every directory by default: version-control metadata, not weights.
    public static let defaultIgnores = [".git/", ".github/", ".gitattributes", ".gitignore"]

    /// Glob patterns (fnmatch) for entries to leave out. A pattern ending in `/` matches
    /// directories only. A pattern matches an entry's relative path or its name.
    public var ignore: [String]
    /// Hash what symlinks point to instead of refusing them.
    public var followSymlinks: Bool

    /// Options with extra ignore globs and the symbolic-link rule.
    public init(extraIgnores: [String] = [], followSymlinks: Bool = false) {
        self.ignore = HashOptions.defaultIgnores + extraIgnores
        self.followSymlinks = followSymlinks
    }

    /// Whether the entry at `relativePath` (a directory when `isDirectory`) is left out.
    func isIgnored(relativePath: String, name: String, isDirectory: Bool) -> Bool {
        for pattern in ignore {
            var glob = pattern
            if glob.hasSuffix("/") {
                guard isDirectory else { continue }
                glob.removeLast()
            }
            if fnmatch(glob, relativePath, 0) == 0 || fnmatch(glob, name, 0) == 0 { return true }
        }
        return false
    }
}
