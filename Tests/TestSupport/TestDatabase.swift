import Foundation

/// A PostgreSQL database of one test's own on the test server (`$WEIGHTLEDGER_TEST_POSTGRES`: the
/// URL of a role that may create databases; `.ci/run` starts a throwaway cluster and sets it),
/// dropped when the last copy of the value goes. Tests reach it with the real `psql`, as an
/// operator (or an attacker with the database's password) would.
public final class TestDatabase: @unchecked Sendable {
    /// The administrator's URL, or nil when no test server is configured.
    public static let admin: String? = {
        let url = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TEST_POSTGRES"] ?? ""
        return url.isEmpty ? nil : url
    }()

    /// Whether PostgreSQL tests run: a server is configured. `.ci/run` sets
    /// `WEIGHTLEDGER_REQUIRE_POSTGRES=1`, so a CI run without one fails instead of skipping.
    public static var available: Bool {
        if admin == nil, ProcessInfo.processInfo.environment["WEIGHTLEDGER_REQUIRE_POSTGRES"] == "1" {
            fatalError("WEIGHTLEDGER_REQUIRE_POSTGRES=1 but WEIGHTLEDGER_TEST_POSTGRES is not set")
        }
        return admin != nil
    }

    /// The database's name.
    public let name: String
    /// The database's URL (the administrator's role).
    public let url: String

    /// A new empty database, then `migrate` with its URL (the CLI's tests run `weightledger
    /// migrate`, the server's migrate in process).
    public init(migrate: (String) throws -> Void) throws {
        guard let admin = Self.admin, let base = URLComponents(string: admin) else {
            throw TestDatabaseError("no test PostgreSQL server: set WEIGHTLEDGER_TEST_POSTGRES")
        }
        name = "wl_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        var components = base
        components.path = "/" + name
        url = components.string!
        _ = try Self.psql(admin, "CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
        try migrate(url)
    }

    deinit {
        if let admin = Self.admin { _ = try? Self.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// The URL of this database as another role (with its password).
    public func url(user: String, password: String) -> String {
        var components = URLComponents(string: url)!
        components.user = user
        components.password = password
        return components.string!
    }

    /// Runs `sql` in this database with psql; returns its unaligned output. Throws on an error.
    @discardableResult
    public func sql(_ sql: String) throws -> String { try Self.psql(url, sql) }

    /// Runs `sql`, expecting psql to fail; returns its stderr.
    public func refused(_ sql: String) throws -> String {
        let result = try Subprocess.run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])
        guard result.status != 0 else { throw TestDatabaseError("psql accepted: \(sql)") }
        return result.stderr
    }

    /// Runs `sql` on the database at `url` with psql; returns its unaligned output.
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try Subprocess.run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])
        guard result.status == 0 else { throw TestDatabaseError("psql exited \(result.status): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A test database that could not be made or used.
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
