import Foundation
import LedgerStore

/// A ledger file: where `--ledger PATH` points.
public struct SQLiteLocation: LedgerLocation, FileBackup {
    /// The ledger file's path as given.
    public let path: String

    /// The ledger file at `path`.
    public init(path: String) { self.path = path }

    /// Whether a file (not a directory) is at the path.
    public func exists() -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// One connection, for a one-shot process (the CLI).
    public func open(_ mode: OpenMode) throws -> any LedgerStore {
        try SQLiteLedger.open(path: path, mode: mode)
    }

    /// A connection pool with group commit, for a long-running process with many writers (the server).
    public func openShared() throws -> any LedgerStore {
        try SQLiteLedger.open(path: path, mode: .existing, concurrentReaders: true)
    }

    /// Applies pending migrations by opening the file (as every command does), creating it when missing.
    public func migrate() throws -> [String] {
        let pending = try SQLiteLedger.pendingMigrations(path: path)
        try SQLiteLedger.open(path: path, mode: .createIfMissing).close()
        return pending
    }

    /// `LEDGER.findings` beside the ledger file.
    public func findingsCache() throws -> (any FindingsCache)? { try FindingsCacheFile(path: path + ".findings") }

    /// SQLite's online backup of the ledger (opened as every command opens it, so a file that is
    /// not a ledger is refused) into the new file `path`, in one step: one snapshot.
    public func backup(to path: String) throws {
        let ledger = try SQLiteLedger.open(path: self.path, mode: .existing)
        defer { try? ledger.close() }
        try ledger.backup(to: path)
    }

    public var description: String { path }
}
