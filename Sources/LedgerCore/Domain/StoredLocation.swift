/// Where a copy of an artifact's bytes is kept, as the ledger records it, and whose view of the
/// path that is (issue 13, item 7).
///
/// A location registered on the ledger's own machine (`weightledger register PATH`) is an absolute
/// path of that machine: *local*. A location a client sends the server is the client's path,
/// `HOST:/path`: *remote*, never opened by an audit unless the operator says that host or path
/// prefix is the auditing machine's own (`AuditRoots`). Who recorded a location decides, not how it
/// looks: a path a client sent to a 0.3.0 server without a host is remote too.
public struct StoredLocation: Equatable, Sendable {
    /// The location as recorded.
    public let text: String
    /// The machine that knows the path: nil for the ledger's own machine (local), else the
    /// client's host as it named it (nil host and `remote` true for a bare path a client sent).
    public let host: String?
    /// The path on that machine.
    public let path: String
    /// Recorded from a client of the server.
    public let remote: Bool

    /// The location as stored (`text`), recorded by `actor`.
    public init(recorded text: String, by actor: String) {
        self.text = text
        if let (host, path) = Self.split(text) {
            self.host = host
            self.path = path
            remote = true
        } else {
            host = nil
            path = text
            remote = ActorName.isClient(actor)
        }
    }

    /// `HOST:/path` split in two, when `text` has that form.
    static func split(_ text: String) -> (host: String, path: String)? {
        guard !text.hasPrefix("/") else { return nil }
        // An IPv6 address has colons of its own: its host ends at "]:".
        let end = text.hasPrefix("[") ? text.range(of: "]:").map { text.index(after: $0.lowerBound) } : nil
        guard let colon = end ?? text.firstIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        let path = String(text[text.index(after: colon)...])
        guard isHost(host), path.hasPrefix("/") else { return nil }
        return (host, path)
    }

    /// A DNS name or an IPv4 address (letters, digits, `.`, `-`, `_`), or an IPv6 address in brackets.
    static func isHost(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            return text.dropFirst().dropLast().unicodeScalars.allSatisfy {
                $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "."
            }
        }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    /// Absolute, without empty, `.` or `..` parts, control or formatting characters, at most
    /// 4,096 bytes: a path that means one file, however it is joined to a root.
    public static func isPlainAbsolutePath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path.utf8.count <= 4_096, path != "/" else { return false }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            && !path.unicodeScalars.contains(where: FreeText.isHidden)
    }

    /// The location a client sends (`location` of `POST /api/v1/artifacts`): `HOST:/path`, with
    /// a plain absolute path. Refused otherwise, naming the field.
    public static func submitted(_ text: String, field: FieldKey) throws -> String {
        guard let (_, path) = split(text), isPlainAbsolutePath(path) else {
            throw DomainError.invalid(
                field: field, value: text,
                expected:
                    "HOST:/absolute/path, the client's host and path (no empty, . or .. parts, no control or "
                    + "formatting characters, at most 4,096 bytes)")
        }
        return text
    }

    /// A location given on the ledger's own machine (`location move … --to`): a plain absolute
    /// path, or a remote `HOST:/path`.
    public static func given(_ text: String, field: FieldKey) throws -> String {
        if split(text) != nil { return try submitted(text, field: field) }
        guard isPlainAbsolutePath(text) else {
            throw DomainError.invalid(
                field: field, value: text,
                expected: "an absolute path without empty, . or .. parts, or HOST:/path for another machine")
        }
        return text
    }
}

/// How the ledger names who did something: a CLI user as they are known on the machine, a
/// server client as `token:<name>`. The one place that spells the server's form.
public enum ActorName {
    /// The actor of a request made with the token called `name`.
    public static func client(_ name: String) -> String { "token:\(name)" }

    /// True when `actor` is a client of the server.
    public static func isClient(_ actor: String) -> Bool { actor.hasPrefix("token:") }
}
