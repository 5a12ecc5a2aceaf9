import Foundation
import GRDB
import Hashing
import LedgerSQLite
import ModelFiles
import TestSupport
import Testing
import TransparencyLog

@testable import LedgerCore
@testable import LedgerStore
@testable import LedgerUseCases

/// The append-only log: the database refuses edits, every change is one event, projections follow.
@Suite struct EventLogTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_780_000_000)

    func context(_ directory: TemporaryDirectory) -> AppContext {
        AppContext(
            location: SQLiteLocation(path: directory.file("ledger.db")), actor: "tester",
            now: { EventLogTests.fixedTime })
    }

    func register(
        _ directory: TemporaryDirectory, _ name: String, seed: UInt64,
        configure: (inout Registration.Draft) -> Void = { _ in }
    ) throws -> RegisterOutcome {
        let path = try directory.write(
            "models/\(seed).safetensors", SafetensorsWriter.bytes(tensors: [.init("w", "U8", [1000])], seed: seed))
        var facts = Registration.Draft(names: [name])
        configure(&facts)
        return try Register(context: context(directory)).run(path: path, try Registration(facts))
    }

    @Test func databaseRefusesUpdateDeleteAndOutOfSequenceInserts() throws {
        let directory = try TemporaryDirectory()
        _ = try register(directory, "acme/a:v1", seed: 1)
        let queue = try DatabaseQueue(path: directory.file("ledger.db"))
        defer { try? queue.close() }
        for sql in [
            "UPDATE events SET actor = 'mallory' WHERE seq = 1", "DELETE FROM events WHERE seq = 2",
            "INSERT INTO events VALUES (9, 't', 'a', 'x', '{}', 'h')",
            "INSERT INTO events VALUES (1, 't', 'a', 'x', '{}', 'h')",
            "INSERT OR REPLACE INTO events VALUES (2, 't', 'a', 'x', '{}', 'h')",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { try $0.execute(sql: sql) } }
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM events") } == 2)
    }

    @Test func eachChangeIsOneEventWithCanonicalPayloadAndHash() throws {
        let directory = try TemporaryDirectory()
        let first = try register(directory, "acme/base:v1", seed: 1) {
            $0.trainedIn = "US"
            $0.compute = ComputeDraft(operations: 3e26)
        }
        _ = try register(directory, "acme/ft:v1", seed: 2) {
            $0.parents = ["acme/base:v1"]
            $0.compute = ComputeDraft(parameters: 1e9, tokens: 1e12)
        }
        _ = try NameAdd(context: context(directory)).run(
            reference: .digest(first.record.digest), name: try ArtifactName("acme/base:latest"))
        let queue = try DatabaseQueue(path: directory.file("ledger.db"))
        defer { try? queue.close() }
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM events ORDER BY seq") }
        #expect(
            rows.map { $0["type"] as String } == [
                "ledger.created", "artifact.registered", "artifact.registered", "name.added",
            ])
        #expect(rows.map { $0["seq"] as Int } == [1, 2, 3, 4])
        for row in rows {
            let payload: String = row["payload"]
            #expect(try CanonicalJSON.canonicalize(Array(payload.utf8)) == Array(payload.utf8))
            #expect(try SHA256.hash(Array(payload.utf8)).hex == row["payload_sha256"] as String)
            #expect(row["actor"] as String == "tester")
        }
        let payload = try JSONParser.parse(Array((rows[1]["payload"] as String).utf8))
        #expect(payload["training"]?["compute"]?["operations"] == .number(3e26))
        #expect(payload["training"]?["trainedIn"] == .string("US"))
    }

    @Test func rejectedRegistrationWritesNothing() throws {
        let directory = try TemporaryDirectory()
        _ = try register(directory, "acme/a:v1", seed: 1)
        let ledger = try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)
        let before = try ledger.read { try $0.eventCount() }
        try ledger.close()
        // Name already bound to other bytes: checked inside the transaction, after the parent resolved.
        #expect(throws: InputError.self) {
            _ = try register(directory, "acme/a:v1", seed: 2) { $0.parents = ["acme/a:v1"] }
        }
        #expect(throws: StoreError.self) {
            _ = try register(directory, "acme/b:v1", seed: 3) { $0.parents = ["acme/missing:v1"] }
        }
        let after = try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)
        defer { try? after.close() }
        #expect(try after.read { try $0.eventCount() } == before)
        #expect(try after.read { try $0.records().count } == 1)
    }

    @Test func sameBytesTwiceIsOneArtifact() throws {
        let directory = try TemporaryDirectory()
        let first = try register(directory, "acme/a:v1", seed: 1) { $0.compute = ComputeDraft(operations: 5e24) }
        #expect(first.status == .registered)
        let copy = directory.file("copy.safetensors")
        try FileManager.default.copyItem(atPath: directory.file("models/1.safetensors"), toPath: copy)
        var request = Registration.Draft(names: ["acme/a:latest"])
        let second = try Register(context: context(directory)).run(path: copy, try Registration(request))
        #expect(second.status == .reregistered)
        #expect(second.record.digest == first.record.digest)
        #expect(second.addedNames.map(\.description) == ["acme/a:latest"])
        #expect(second.record.locations.count == 2)
        #expect(second.record.training.compute.operations == 5e24)
        let third = try Register(context: context(directory)).run(path: copy, try Registration(request))
        #expect(third.status == .unchanged)
        // Facts may be repeated but never changed by re-registering.
        request.compute = ComputeDraft(operations: 1e20)
        #expect(throws: InputError.self) {
            try Register(context: context(directory)).run(path: copy, try Registration(request))
        }
        let ledger = try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)
        defer { try? ledger.close() }
        #expect(try ledger.read { try $0.eventCount() } == 3)
        #expect(try ledger.read { try $0.records().count } == 1)
    }

    @Test func referencesResolveByDigestPrefixAndName() throws {
        let directory = try TemporaryDirectory()
        let a = try register(directory, "acme/a:v1", seed: 1)
        _ = try register(directory, "acme/a:v2", seed: 2)
        let ledger = try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)
        defer { try? ledger.close() }
        func resolve(_ text: String) throws -> ArtifactDigest {
            let reference = try ArtifactReference(text)
            return try ledger.read { try $0.resolve(reference) }
        }
        #expect(try resolve(a.record.digest.value) == a.record.digest)
        #expect(try resolve(String(a.record.digest.hex.prefix(12))) == a.record.digest)
        #expect(try resolve("acme/a:v1") == a.record.digest)
        #expect(throws: StoreError.self) { try resolve("acme/a") }
        #expect(throws: StoreError.unknownReference("acme/zzz")) { try resolve("acme/zzz") }
        #expect(throws: StoreError.unknownReference("000000000000")) { try resolve("000000000000") }
    }
}

/// A payload larger than `StoredEvent.leafBuffer` is hashed where it lies, in pieces: the leaf is
/// the same as the one-buffer leaf and as `sha256sum` of 0x00 and the leaf bytes, the stored tree
/// has it, and `verify` is clean.
@Suite struct LargePayloadLeafTests {
    @Test func aLargeAuditEventsLeafIsHashedInPiecesAlike() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.db")
        let context = AppContext(location: SQLiteLocation(path: path), actor: "tester")
        let keys = (0..<20_000).map { "pack/rule/CODE/sha256:\(String(repeating: "ab", count: 32))/CN@\($0)" }.sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        let ledger = try SQLiteLedger.open(path: path, mode: .createIfMissing)
        _ = try ledger.write {
            try $0.createIfNeeded(actor: "tester", at: context.timestamp(), id: context.newLedgerID())
        }
        let event = AuditRecorded(
            date: try LedgerDate("2026-11-25"), rehash: "none", status: "findings", interrupted: false, treeSize: 1,
            rootHash: "", checkedBytes: 0, locations: [], newFindings: keys, resolvedFindings: [],
            openFindings: Int64(keys.count))
        let seq = try ledger.write { try $0.append(.auditRecorded(event), actor: "tester", at: context.timestamp()) }
        let stored = try #require(try ledger.read { try $0.events(seq...seq).first })
        try ledger.close()
        #expect(stored.payload.utf8.count > StoredEvent.leafBuffer)
        let bytes = EventLeaf.bytes(
            seq: stored.seq, recordedAt: stored.recordedAt, actor: stored.actor, type: stored.type,
            payload: Array(stored.payload.utf8))
        #expect(stored.leafHash == Merkle.leafHash(bytes))
        let file = try directory.write("leaf.bin", [0x00] + bytes)
        #expect(Hex.encode(stored.leafHash) == (try Subprocess.sha256sum(file)))
        let queue = try DatabaseQueue(path: path)
        let leaf = try queue.read {
            try Data.fetchOne(
                $0, sql: "SELECT hash FROM merkle_nodes WHERE level = 0 AND idx = ?", arguments: [seq - 1])
        }.map { Array($0) }
        try queue.close()
        #expect(leaf == stored.leafHash)
        let outcome = try Verify(context: context).run(checkpointNote: nil, key: nil)
        #expect(outcome.holds, "\(outcome.problems)")
    }
}
