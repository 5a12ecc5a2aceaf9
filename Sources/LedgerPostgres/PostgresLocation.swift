import Foundation
import Hashing
import LedgerSQLite
import LedgerStore

/// A ledger in a PostgreSQL database: where `--database postgresql://…` (or
/// `$WEIGHTLEDGER_DATABASE`) points, with the mirror file this process reads from.
public struct PostgresLocation: LedgerLocation {
    /// The database.
    public let address: PostgresAddress
    /// The mirror file: `$WEIGHTLEDGER_MIRROR`, else one per database under the cache directory.
    public let mirrorPath: String

    /// The database at `url`; the mirror where `environment` says (`mirrorPath(for:environment:)`).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let address = try PostgresAddress(url)
        self.address = address
        self.mirrorPath = try Self.mirrorPath(for: address, environment: environment)
    }

    /// `$WEIGHTLEDGER_MIRROR`; else `mirrors/<16 hex of the URL's SHA-256>.db` under
    /// `$CACHE_DIRECTORY` (systemd's `CacheDirectory=`), `$XDG_CACHE_HOME/weightledger`, or
    /// `$HOME/.cache/weightledger`.
    public static func mirrorPath(for address: PostgresAddress, environment: [String: String]) throws -> String {
        if let path = environment["WEIGHTLEDGER_MIRROR"], !path.isEmpty { return path }
        let base: String
        if let directory = environment["CACHE_DIRECTORY"], !directory.isEmpty {
            base = directory.split(separator: ":").first.map(String.init) ?? directory
        } else if let directory = environment["XDG_CACHE_HOME"], directory.hasPrefix("/") {
            base = directory + "/weightledger"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache/weightledger"
        } else {
            throw StoreError.unavailable(
                path: address.description,
                reason: "no place for the mirror file: set WEIGHTLEDGER_MIRROR (or HOME, XDG_CACHE_HOME)")
        }
        let name = try SHA256.hash(Array(address.description.utf8)).hex.prefix(16)
        return base + "/mirrors/\(name).db"
    }

    /// Whether the database holds a ledger (it answers, its schema is current, it has events).
    public func exists() -> Bool {
        let pool = PostgresPool(address)
        defer { pool.close() }
        return
            (try? pool.with { session in
                guard try PostgresSchema.standing(session, place: address.description) == .current else { return false }
                return try PostgresLog(session: session).count() > 0
            }) ?? false
    }

    /// For a one-shot process (the CLI): one connection to the mirror.
    public func open(_ mode: OpenMode) throws -> any LedgerStore {
        try PostgresLedger.open(address: address, mode: mode, mirrorPath: mirrorPath)
    }

    /// For the server: a pool of connections to the mirror and group commit into one transaction.
    public func openShared() throws -> any LedgerStore {
        try PostgresLedger.open(address: address, mode: .existing, mirrorPath: mirrorPath, shared: true)
    }

    /// Creates or upgrades the database's schema; returns the migrations applied.
    public func migrate() throws -> [String] {
        let pool = PostgresPool(address)
        defer { pool.close() }
        return try pool.with { try PostgresSchema.migrate($0, place: address.description) }
    }

    /// Beside this process's mirror (`MIRROR.findings`): the mirror answers the reads it is made from.
    public func findingsCache() throws -> (any FindingsCache)? {
        try FindingsCacheFile(path: mirrorPath + ".findings")
    }

    public var description: String { address.description }
}
