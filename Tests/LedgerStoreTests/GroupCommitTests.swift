import Foundation
import GRDB
import LedgerSQLite
import TestSupport
import Testing

@testable import LedgerCore
@testable import LedgerStore
@testable import LedgerUseCases

/// The shared ledger's group commit: concurrent writes batch, each is all-or-nothing on its own,
/// a job run by `writeInBatch` gets its writer and rolls back whole, and nothing returns before it is committed.
@Suite struct GroupCommitTests {
    static func submission(_ index: Int) throws -> ArtifactSubmission {
        let hex = String(format: "%064x", index + 1)
        let digest = try ArtifactDigest("sha256:" + hex)
        return ArtifactSubmission(
            digest: digest, form: .file, sizeBytes: 10, files: [ArtifactFile(path: "m.bin", size: 10, sha256: digest)],
            model: nil, location: nil)
    }

    static func shared(_ directory: TemporaryDirectory) throws -> (SQLiteLedger, AppContext) {
        let path = directory.file("ledger.db")
        _ = try InitLedger(context: AppContext(location: SQLiteLocation(path: path), actor: "setup")).run()
        let ledger = try SQLiteLedger.open(path: path, mode: .existing, concurrentReaders: true)
        return (ledger, AppContext(location: SQLiteLocation(path: path), actor: "tester", shared: ledger))
    }

    @Test func concurrentWritesAllCommitAndABadOneFailsAlone() async throws {
        let directory = try TemporaryDirectory()
        let (ledger, context) = try Self.shared(directory)
        // 200 registrations at once through both entry points; every 10th names a missing parent.
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<200 {
                group.addTask {
                    var building = Registration.Draft()
                    building.names = ["acme/m:\(index)"]
                    if index % 10 == 9 { building.parents = ["acme/missing:v1"] }
                    let request = building
                    let submission = try Self.submission(index)
                    do {
                        if index % 2 == 0 {
                            _ = try await ledger.writeInBatch { writer in
                                try Register(context: context).record(submission, try Registration(request), in: writer)
                            }
                        } else {
                            // The blocking `write`.
                            _ = try Register(context: context).record(submission, try Registration(request))
                        }
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var results: [Int: Bool] = [:]
            for try await (index, ok) in group { results[index] = ok }
            return results
        }
        try ledger.close()
        for (index, ok) in outcomes { #expect(ok == (index % 10 != 9), "registration \(index)") }
        let check = try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)
        defer { try? check.close() }
        let (artifacts, events) = try check.read { (try $0.records().count, try $0.eventCount()) }
        #expect(artifacts == 180)
        #expect(events == 181, "one event per accepted write after ledger.created, none for refused ones")
        #expect(
            try LogVerifier.run(try SQLiteLedger.open(path: directory.file("ledger.db"), mode: .existing)).problems
                .isEmpty)
    }

    @Test func aNestedWriteThatThrowsRollsBackItsWholeJob() async throws {
        let directory = try TemporaryDirectory()
        let (ledger, context) = try Self.shared(directory)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await ledger.writeInBatch { writer -> Int in
                _ = try Register(context: context).record(try Self.submission(1), try Registration(.init()), in: writer)
                throw Refused()
            }
        }
        _ = try await ledger.writeInBatch { writer in
            try Register(context: context).record(try Self.submission(2), try Registration(.init()), in: writer)
        }
        let (count, known) = try ledger.read {
            (try $0.records().count, try $0.contains(try Self.submission(1).digest))
        }
        #expect(count == 1 && !known, "the first job's registration was rolled back with it")
        try ledger.close()
    }
}
