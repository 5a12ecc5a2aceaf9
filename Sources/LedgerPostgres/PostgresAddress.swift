import Foundation
import LedgerStore

/// A `postgresql://` URL as `--database` and `$WEIGHTLEDGER_DATABASE` take it:
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require&host=/socket/dir]`.
/// The password never appears in a message: `description` leaves it out.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// The role to sign in as.
    public let user: String
    /// Its password (scram-sha-256 or md5), if the server asks for one.
    public let password: String?
    /// A host name or address; nil with `socketPath`.
    public let host: String?
    /// The TCP port, or the number in the socket's name (5432 unless given).
    public let port: Int
    /// A Unix socket (`host=/run/postgresql` in the query: the directory, as libpq takes it).
    public let socketPath: String?
    /// The database's name.
    public let database: String
    /// `disable` (no TLS) or `require` (TLS with the certificate and host name verified).
    public let tls: Bool

    /// Parses `text`; throws `AddressError` with a reason for a URL that is not one.
    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "postgresql" || scheme == "postgres"
        else {
            throw AddressError("'\(Self.redacted(text))' is not a postgresql:// URL")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw AddressError("\(Self.redacted(text)) names no user (postgresql://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw AddressError("\(Self.redacted(text)) names no database (postgresql://USER@HOST/DATABASE)")
        }
        var socketDirectory: String?
        var tls = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"): tls = false
            case ("sslmode", "require"), ("sslmode", "verify-full"): tls = true
            case ("sslmode", let other):
                throw AddressError("sslmode '\(other)' is not supported: use disable or require (verify-full)")
            case ("host", let directory) where directory.hasPrefix("/"): socketDirectory = directory
            case ("application_name", _): break
            case (let name, _):
                throw AddressError("unknown parameter '\(name)' in \(Self.redacted(text)) (sslmode, host)")
            }
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw AddressError("port \(port) is out of range") }
        self.user = user
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        self.port = port
        self.database = database
        self.tls = tls
        if let socketDirectory {
            self.host = nil
            self.socketPath = socketDirectory + "/.s.PGSQL.\(port)"
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw AddressError("\(Self.redacted(text)) names no host")
            }
            self.host = host
            self.socketPath = nil
        }
    }

    /// The URL without its password, as messages name the ledger.
    public var description: String {
        let place = socketPath.map { "[\($0)]" } ?? "\(host ?? ""):\(port)"
        return "postgresql://\(user)@\(place)/\(database)"
    }

    /// Whether `text` is meant as a database URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// `text` with anything between `://user:` and `@` replaced, for messages about a bad URL.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// A database URL that cannot be used; the message says why.
public struct AddressError: Error, CustomStringConvertible, Sendable {
    /// Why the URL cannot be used.
    public let description: String
    init(_ description: String) { self.description = description }
}
