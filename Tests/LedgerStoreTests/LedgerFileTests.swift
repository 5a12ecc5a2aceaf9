import Foundation
import GRDB
import LedgerCore
import LedgerSQLite
import LedgerUseCases
import TestSupport
import Testing

@testable import LedgerStore

/// Opening files: what is a ledger, what is refused, and that refusing touches nothing.
@Suite struct LedgerFileTests {
    /// Bytes of the file plus whether SQLite side files appeared.
    func snapshot(_ path: String) throws -> (bytes: Data, sideFiles: [Bool]) {
        (
            try Data(contentsOf: URL(fileURLWithPath: path)),
            ["-wal", "-shm", "-journal"].map { FileManager.default.fileExists(atPath: path + $0) }
        )
    }

    @Test func missingLedgerIsAnErrorForReaders() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: StoreError.noLedger(path: directory.file("none.db"))) {
            try SQLiteLedger.open(path: directory.file("none.db"), mode: .existing)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("none.db")))
    }

    @Test func randomBytesAreRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.writeRandom("junk.db", count: 8192, seed: 4)
        let before = try snapshot(path)
        #expect(throws: StoreError.notALedger(path: path, reason: "not an SQLite database")) {
            try SQLiteLedger.open(path: path, mode: .createIfMissing)
        }
        let after = try snapshot(path)
        #expect(after.bytes == before.bytes)
        #expect(after.sideFiles == [false, false, false])
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')") }
        try queue.close()
        let before = try snapshot(path)
        #expect(throws: StoreError.self) { try SQLiteLedger.open(path: path, mode: .createIfMissing) }
        #expect(try snapshot(path).bytes == before.bytes)
        #expect(try snapshot(path).sideFiles == [false, false, false])
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("future.db")
        try SQLiteLedger.open(path: path, mode: .createIfMissing).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01-from-the-future')")
        }
        try queue.close()
        let before = try snapshot(path)
        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["2099-01-01-from-the-future"])) {
            try SQLiteLedger.open(path: path, mode: .existing)
        }
        #expect(try snapshot(path).bytes == before.bytes)
    }

    @Test func directoryIsNotALedger() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: StoreError.self) { try SQLiteLedger.open(path: directory.path, mode: .createIfMissing) }
    }

    /// The server's mode: a pool of readers beside the writer, reading while a write is open.
    @Test func concurrentReadersSeeTheLastCommit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("pool.db")
        try SQLiteLedger.open(path: path, mode: .createIfMissing).close()
        let ledger = try SQLiteLedger.open(path: path, mode: .existing, concurrentReaders: true)
        defer { try? ledger.close() }
        try ledger.write { writer in
            try writer.createIfNeeded(actor: "t", at: "2026-01-01T00:00:00.000Z", id: "test-ledger")
            // A reader on another connection still sees the committed state (no events yet).
            #expect(try ledger.read { try $0.eventCount() } == 0)
        }
        #expect(try ledger.read { try $0.eventCount() } == 1)
    }

    @Test func emptyFileBecomesALedger() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("empty.db", [])
        let ledger = try SQLiteLedger.open(path: path, mode: .createIfMissing)
        _ = try ledger.write { try $0.createIfNeeded(actor: "t", at: "2026-01-01T00:00:00.000Z", id: "test-ledger") }
        #expect(try ledger.read { try $0.eventCount() } == 1)
        try ledger.close()
    }
}

/// The shared ledger's change token: what lets the server keep cached answers without reading.
@Suite struct ChangeTokenTests {
    @Test func changesWhenAnyConnectionCommitsAndOnlyThen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.db")
        _ = try SQLiteLedger.open(path: path, mode: .createIfMissing).write {
            try $0.createIfNeeded(actor: "t", at: "2026-01-01T00:00:00.000Z", id: "one")
        }
        let shared = try SQLiteLedger.open(path: path, mode: .existing, concurrentReaders: true)
        defer { try? shared.close() }
        let first = try #require(shared.changeToken())
        #expect(shared.changeToken() == first, "nothing committed")
        _ = try shared.read { try $0.eventCount() }
        #expect(shared.changeToken() == first, "a read is not a change")
        // Another process's commit (another connection) and the shared ledger's own writer both count.
        let other = try SQLiteLedger.open(path: path, mode: .existing)
        try other.write {
            _ = try $0.append(.tokenCreated(TokenCreated(name: "x", role: "admin", sha256: "00")), actor: "t", at: "t")
        }
        try other.close()
        let second = try #require(shared.changeToken())
        #expect(second != first)
        try shared.write { _ = try $0.append(.tokenRevoked(TokenRevoked(name: "x")), actor: "t", at: "t") }
        #expect(shared.changeToken() != second)
        // A one-connection ledger cannot tell cheaply: the server then reads the version.
        let single = try SQLiteLedger.open(path: path, mode: .existing)
        defer { try? single.close() }
        #expect(single.changeToken() == nil)
    }
}

/// `verify` compares only the rows the first N events made: a publication recorded after them
/// (while verify runs) is the next run's to check, not a mismatch.
@Suite struct ReplayWindowTests {
    @Test func aLaterPublicationIsNotComparedWithAnEarlierReplay() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.db")
        let context = AppContext(location: SQLiteLocation(path: path), actor: "t")
        let digest = try ArtifactDigest("sha256:" + String(repeating: "ab", count: 32))
        let submission = ArtifactSubmission(
            digest: digest, form: .file, sizeBytes: 1, files: [ArtifactFile(path: "m", size: 1, sha256: digest)],
            model: nil, location: nil)
        _ = try Register(context: context).record(submission, try Registration(.init(names: ["acme/m:v1"])))
        let ledger = try SQLiteLedger.open(path: path, mode: .existing)
        defer { try? ledger.close() }
        let firstTwo = try ledger.read { try $0.events(1...2) }
        _ = try Publish(context: context).run(
            try PublishRequest(artifact: "acme/m:v1", url: "https://x.org/m", on: "2026-06-01"))
        // A replay of the first two events against the file that now holds three.
        let replay = try ledger.makeReplay()
        try replay.apply(
            try firstTwo.map {
                ReplayedEvent(
                    event: try LedgerEvent.decode(type: $0.type, payload: Array($0.payload.utf8)), seq: $0.seq,
                    time: $0.recordedAt)
            })
        #expect(try replay.differences(upTo: 2).isEmpty)
        // And the whole log still replays to exactly what is stored.
        #expect(try LogVerifier.run(ledger).holds)
    }

    @Test func aLaterCorrectionIsNotComparedWithAnEarlierReplay() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.db")
        let context = AppContext(location: SQLiteLocation(path: path), actor: "t")
        for (byte, name) in [("ab", "acme/m:v1"), ("cd", "acme/p:v1")] {
            let digest = try ArtifactDigest("sha256:" + String(repeating: byte, count: 32))
            let submission = ArtifactSubmission(
                digest: digest, form: .file, sizeBytes: 1,
                files: [ArtifactFile(path: "m", size: 1, sha256: digest)], model: nil, location: nil)
            _ = try Register(context: context).record(submission, try Registration(.init(names: [name])))
        }
        let ledger = try SQLiteLedger.open(path: path, mode: .existing)
        defer { try? ledger.close() }
        let firstThree = try ledger.read { try $0.events(1...3) }
        _ = try Correct(context: context).run(
            try Correction(
                artifact: "acme/m:v1", .init(reason: "made from p", kind: "finetune", addParents: ["acme/p:v1"])))
        // A replay of the first three events against the file whose rows the correction replaced.
        let replay = try ledger.makeReplay()
        try replay.apply(
            try firstThree.map {
                ReplayedEvent(
                    event: try LedgerEvent.decode(type: $0.type, payload: Array($0.payload.utf8)), seq: $0.seq,
                    time: $0.recordedAt)
            })
        #expect(try replay.differences(upTo: 3).isEmpty)
        // The whole log replays to exactly what is stored, and an edit of the corrected row is caught.
        #expect(try LogVerifier.run(ledger).holds)
        let edit = try GRDB.DatabaseQueue(path: path)
        try edit.write {
            try $0.execute(sql: "UPDATE training_record_rows SET kind = 'pretrain' WHERE corrected_seq = 4")
        }
        try edit.close()
        #expect(try !LogVerifier.run(ledger).holds)
    }
}
