import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerPostgres
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TestSupport
import Testing

@testable import LedgerServer

/// A ledger with one registered artifact and a token per role, and a server on it, for
/// in-process router tests (`app.test(.router)`): no process, no port, no curl.
/// With `WEIGHTLEDGER_TEST_BACKEND=postgresql` the ledger is a database of the test's own (its
/// mirror at `ledger.db`), as `.ci/run` runs the suite a second time; the tests that reach into the
/// SQLite file itself are `fileOnly`.
final class ServerFixture: @unchecked Sendable {
    /// Whether the suite runs on PostgreSQL.
    static let onPostgres = ProcessInfo.processInfo.environment["WEIGHTLEDGER_TEST_BACKEND"] == "postgresql"
    /// For tests that change the SQLite file behind the server's back (GRDB, sqlite3): file backend only.
    static let fileOnly = Testing.ConditionTrait.enabled(if: !onPostgres, "tampers with the ledger file")

    let directory: TemporaryDirectory
    /// The test's database on PostgreSQL (nil: a file).
    let database: TestDatabase?
    /// Where the ledger is: the file, or the database with its mirror in the directory.
    let location: any LedgerLocation
    let ledger: any LedgerStore
    let server: LedgerServer
    /// The bearer token of each role.
    let tokens: [Role: String]
    /// The registered artifact.
    let digest: ArtifactDigest
    static let name = "acme/a:v1"

    init() throws {
        directory = try TemporaryDirectory()
        let mirror = directory.file("ledger.db")
        if Self.onPostgres {
            let database = try TestDatabase { _ = try PostgresLocation(url: $0).migrate() }
            self.database = database
            location = try PostgresLocation(url: database.url, environment: ["WEIGHTLEDGER_MIRROR": mirror])
        } else {
            database = nil
            location = SQLiteLocation(path: mirror)
        }
        let setup = AppContext(location: location, actor: "setup")
        let hex = String(repeating: "ab", count: 32)
        digest = try ArtifactDigest("sha256:" + hex)
        let submission = ArtifactSubmission(
            digest: digest, form: .file, sizeBytes: 10,
            files: [ArtifactFile(path: "m.bin", size: 10, sha256: digest)], model: nil, location: nil)
        let facts = Registration.Draft(names: [Self.name], trainedIn: "US", compute: ComputeDraft(operations: 3e26))
        _ = try Register(context: setup).record(submission, try Registration(facts))
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            tokens[role] = try Tokens(context: setup).create(try TokenGrant(name: "t-\(role.rawValue)", role: role))
        }
        self.tokens = tokens
        ledger = try location.openShared()
        server = LedgerServer(location: location, ledger: ledger, library: try PolicyLibrary.load(directory: nil))
    }

    deinit { try? ledger.close() }

    /// The SQLite file's connection pool, for the `fileOnly` tests.
    var file: SQLiteLedger {
        get throws {
            guard let file = ledger as? SQLiteLedger else { throw TestDatabaseError("not a file ledger") }
            return file
        }
    }

    /// Runs `body` against the server's router in process.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: server.router())
        return try await app.test(.router, body)
    }

    /// `Authorization: Bearer …` for `role`, plus JSON content type.
    func headers(_ role: Role?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
        return fields
    }

    /// The number of events in the ledger now.
    func eventCount() throws -> Int64 { try ledger.read { try $0.eventCount() } }
}

extension ByteBuffer {
    /// A buffer holding `text`'s UTF-8 bytes.
    static func text(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    /// `error.field` of an error body.
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    /// `error.message` of an error body.
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
}

/// Damage done to a ledger behind the server's back, as a careless operator or an attacker would.
enum DamagedLedger {
    /// Drops one of the ledger's views from another connection.
    static func dropView(_ name: String, in path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DROP VIEW \(name)") }
        try queue.close()
    }
}
