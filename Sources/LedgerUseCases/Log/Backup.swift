import Foundation
import Hashing
import LedgerCore
import LedgerStore

/// `weightledger backup --to FILE`: a copy of the ledger as it is at one instant, proven by a full
/// `verify` of the copy before it takes its name. A file ledger is copied by SQLite's online
/// backup (writers go on meanwhile); a PostgreSQL ledger is copied event by event into a new file
/// (`copy`), in one snapshot of the database. Until it is verified the copy lives under a hidden
/// name beside FILE; a backup that fails leaves nothing behind, and an existing FILE is never
/// replaced.
public struct Backup {
    /// The backup: where, how many events, the root they make, its size.
    public struct Result: Sendable, Equatable {
        /// The backup file.
        public let file: String
        /// Events in the copy.
        public let events: Int64
        /// The copy's root at that size, hex (what `verify` of it printed).
        public let root: String
        /// The file's size in bytes.
        public let bytes: Int64
    }

    /// Where a backup file is opened as a ledger (the file backend's location for a path).
    let fileLocation: @Sendable (String) -> any LedgerLocation
    /// Who is named as the actor of the copy's checks (no event is written to either ledger).
    let actor: String

    /// A backup use case; `fileLocation` opens a path as a file ledger.
    public init(actor: String, fileLocation: @escaping @Sendable (String) -> any LedgerLocation) {
        self.actor = actor
        self.fileLocation = fileLocation
    }

    /// Copies `source` to the new file `path`, verifies the copy, then gives it its name.
    public func run(from source: any LedgerLocation, to path: String) throws -> Result {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BackupRefused("--to \(path): no directory \(directory)")
        }
        guard !Self.exists(path) else {
            throw BackupRefused("--to \(path): a file is already there (a backup never replaces one)")
        }
        guard source.exists() else { throw StoreError.noLedger(path: source.description) }
        let staging = directory + "/." + target.lastPathComponent + ".partial-" + UUID().uuidString.prefix(8)
        defer { Self.remove(staging) }
        if let file = source as? any FileBackup {
            try file.backup(to: staging)
        } else {
            _ = try Copy().run(from: source, to: fileLocation(staging))
        }
        let outcome = try Verify(context: AppContext(location: fileLocation(staging), actor: actor))
            .run(checkpointNote: nil, key: nil)
        guard outcome.holds else {
            let first = "the backup does not verify, so nothing was kept: " + (outcome.problems.first ?? "")
            throw IntegrityFailure(problems: [first] + outcome.problems.dropFirst())
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: staging)[.size] as? Int64) ?? 0
        try Self.name(staging, path)
        return Result(file: path, events: outcome.report.events, root: Hex.encode(outcome.report.root), bytes: bytes)
    }

    /// Gives the verified copy its name without replacing a file that appeared meanwhile (a hard
    /// link fails on an existing name), then makes the name durable.
    private static func name(_ staging: String, _ path: String) throws {
        guard link(staging, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw BackupRefused(
                errno == EEXIST
                    ? "--to \(path): a file appeared there during the backup (a backup never replaces one)"
                    : "--to \(path): cannot create it: \(reason)")
        }
        let directory = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The staging file and what SQLite or `verify` left beside it.
    private static func remove(_ staging: String) {
        for suffix in ["", "-wal", "-shm", "-journal", ".findings", ".audit-lock"] { unlink(staging + suffix) }
    }
}

/// A backup that cannot be made as asked (exit 2).
public struct BackupRefused: Error, CustomStringConvertible, Sendable {
    /// Why.
    public let description: String
    /// A refusal saying why.
    public init(_ description: String) { self.description = description }
}
