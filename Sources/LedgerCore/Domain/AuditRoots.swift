/// Which remote locations an audit may open as files of its own machine (`--audit-roots`): the
/// operator's statement that a client host, or a path prefix, is this machine's own storage.
/// Without roots an audit opens only local locations (issue 13, item 7).
///
/// Each root is one of:
/// - `HOST`: every path a client on HOST recorded (the audit runs on HOST, or sees its disks
///   at the same paths);
/// - `HOST:/prefix`: paths under `/prefix` that HOST recorded;
/// - `/prefix`: paths under `/prefix` whoever recorded them (shared storage mounted everywhere at
///   the same place).
///
/// Hosts compare without regard to case; a prefix matches whole path components (`/data` covers
/// `/data/x`, not `/database`). A remote path with empty, `.` or `..` parts is never opened.
public struct AuditRoots: Equatable, Sendable {
    /// One root.
    public struct Root: Equatable, Sendable {
        /// Nil: any host.
        public let host: String?
        /// Nil: any path of the host.
        public let prefix: String?
    }

    /// The roots, in the order given.
    public let roots: [Root]

    /// No roots: remote locations are never opened.
    public static let none = AuditRoots(roots: [])

    private init(roots: [Root]) { self.roots = roots }

    /// Roots from `--audit-roots` values, each a comma-separated list. Refused naming `field`.
    public init(parsing values: [String], field: FieldKey) throws {
        var roots: [Root] = []
        for value in values {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = String(part).trimmingSpaces
                roots.append(try Self.root(text, field: field))
            }
        }
        self.roots = roots
    }

    private static func root(_ text: String, field: FieldKey) throws -> Root {
        func refused() -> DomainError {
            DomainError.invalid(
                field: field, value: text, expected: "HOST, HOST:/path/prefix or /path/prefix (comma-separated)")
        }
        if text.hasPrefix("/") {
            guard let prefix = normalised(text) else { throw refused() }
            return Root(host: nil, prefix: prefix)
        }
        if let (host, path) = StoredLocation.split(text) {
            guard let prefix = normalised(path) else { throw refused() }
            return Root(host: host.lowercased(), prefix: prefix)
        }
        guard StoredLocation.isHost(text) else { throw refused() }
        return Root(host: text.lowercased(), prefix: nil)
    }

    /// A prefix without its trailing slashes ("/" stays "/"), when it is a plain absolute path.
    private static func normalised(_ prefix: String) -> String? {
        var trimmed = Substring(prefix)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let text = String(trimmed)
        return text == "/" || StoredLocation.isPlainAbsolutePath(text) ? text : nil
    }

    /// True when `path` is `prefix` or below it, by whole components.
    public static func path(_ path: String, isUnder prefix: String) -> Bool {
        prefix == "/" || path == prefix || path.hasPrefix(prefix + "/")
    }

    /// The path an audit may open for `location`, with the prefix it must stay under once
    /// symbolic links are resolved (nil: no limit): local locations always, remote ones when a
    /// root covers them; nil when it may not be opened.
    public func openable(_ location: StoredLocation) -> (path: String, within: String?)? {
        guard location.remote else { return (location.path, nil) }
        guard StoredLocation.isPlainAbsolutePath(location.path) else { return nil }
        let host = location.host?.lowercased()
        for root in roots {
            if let rootHost = root.host, rootHost != host { continue }
            guard let prefix = root.prefix else { return (location.path, nil) }
            if Self.path(location.path, isUnder: prefix) { return (location.path, prefix) }
        }
        return nil
    }
}
