import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TestSupport

@testable import LedgerServer

/// A ledger with one registered artifact and a token per role, and a server on it, for
/// in-process router tests (`app.test(.router)`): no process, no port, no curl.
final class ServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let ledger: SQLiteLedger
    let server: LedgerServer
    /// The bearer token of each role.
    let tokens: [Role: String]
    /// The registered artifact.
    let digest: ArtifactDigest
    static let name = "acme/a:v1"

    init() throws {
        directory = try TemporaryDirectory()
        let location = SQLiteLocation(path: directory.file("ledger.db"))
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
        ledger = try SQLiteLedger.open(path: location.path, mode: .existing, concurrentReaders: true)
        server = LedgerServer(location: location, ledger: ledger, library: try PolicyLibrary.load(directory: nil))
    }

    deinit { try? ledger.close() }

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
