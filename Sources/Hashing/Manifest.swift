/// One file of an artifact: its path relative to the artifact root, size and SHA-256.
public struct ManifestEntry: Hashable, Sendable {
    /// Relative path with `/` separators, valid UTF-8, no control characters.
    public let path: String
    /// Size in bytes.
    public let size: Int64
    /// SHA-256 of the file's bytes.
    public let sha256: Digest

    /// An entry with every field given.
    public init(path: String, size: Int64, sha256: Digest) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// The canonical manifest of a directory artifact (format described in schema/manifest.md).
///
/// Text, so an auditor can rebuild it with coreutils:
///
///     weightledger-manifest-v1\n
///     <sha256 hex> <size> <path>\n     (one line per file, sorted by the path's UTF-8 bytes)
///
/// The directory's digest is the SHA-256 of these bytes.
public struct Manifest: Sendable {
    /// The first line of every version-1 manifest.
    public static let header = "weightledger-manifest-v1"

    /// The entries, sorted by the UTF-8 bytes of their paths.
    public let entries: [ManifestEntry]

    /// Sorts `entries` into canonical order. Paths must be unique.
    public init(entries: [ManifestEntry]) {
        self.entries = entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// The canonical bytes.
    public var bytes: [UInt8] {
        var out = Array((Manifest.header + "\n").utf8)
        for entry in entries {
            out += Array("\(entry.sha256.hex) \(entry.size) \(entry.path)\n".utf8)
        }
        return out
    }

    /// The directory artifact's digest: SHA-256 of the canonical bytes.
    public func digest() throws -> Digest { try SHA256.hash(bytes) }

    /// Total size of all files.
    public var totalSize: Int64 { entries.reduce(0) { $0 + $1.size } }

    /// Longest path a manifest holds, in UTF-8 bytes (Linux's PATH_MAX).
    public static let maxPathBytes = 4_096
    /// Longest part of a path, in UTF-8 bytes (Linux's NAME_MAX).
    public static let maxNameBytes = 255

    /// What is wrong with `relativePath` as a manifest path, or nil: the one rule for the files
    /// `hash`/`register` find and the files a client lists. A path is relative, `/`-separated,
    /// without empty, `.` or `..` parts, backslashes (a `..\` part on Windows), control or
    /// invisible formatting characters (a right-to-left override shows a name other than the
    /// bytes), at most 255 bytes a part and 4,096 in all.
    public static func validate(relativePath: String) -> String? {
        if relativePath.isEmpty { return "is empty" }
        if relativePath.hasPrefix("/") { return "is absolute" }
        if relativePath.utf8.count > maxPathBytes { return "is longer than \(maxPathBytes) bytes" }
        for scalar in relativePath.unicodeScalars {
            if scalar == "\\" { return "contains a backslash" }
            if scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7f { continue }
            switch scalar.properties.generalCategory {
            case .control: return "contains a control character (\(code(scalar)))"
            case .format, .lineSeparator, .paragraphSeparator:
                return "contains an invisible formatting character (\(code(scalar)))"
            default: continue
            }
        }
        for part in relativePath.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty || part == "." || part == ".." { return "has an empty, . or .. part" }
            if part.utf8.count > maxNameBytes { return "has a part longer than \(maxNameBytes) bytes" }
        }
        return nil
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
