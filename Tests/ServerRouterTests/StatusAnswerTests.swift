import Foundation
import GRDB
import Hashing
import Hummingbird
import HummingbirdTesting
import LedgerCore
import Testing

@testable import LedgerSQLite
@testable import LedgerServer

/// Issue 13, item 9: each failure gets the status a client can act on. On 0.3.0 a full disk was a
/// 422 (permanent, so clients dropped the registration), `2^63` and `1e-400` were 400 "not valid
/// JSON", a repeated key was recorded by its first value, `bearer` was 401 and a form body was parsed.
@Suite struct StatusAnswerTests {
    /// A valid registration of a directory of `files` files (so it needs fresh pages to store).
    static func directory(files count: Int, name: String) throws -> String {
        let entries = try (0..<count).map { index in
            ManifestEntry(path: "shard-\(index).bin", size: 1, sha256: try SHA256.hash(Array("\(index)".utf8)))
        }
        let digest = "sha256:" + (try Manifest(entries: entries).digest().hex)
        let files = entries.map { #"{"path": "\#($0.path)", "size": 1, "sha256": "sha256:\#($0.sha256.hex)"}"# }
        return #"{"digest": "\#(digest)", "form": "directory", "sizeBytes": \#(count), "#
            + #""files": [\#(files.joined(separator: ", "))], "names": ["\#(name)"], "trainedIn": "US", "#
            + #""compute": {"operations": 1e20}}"#
    }

    func post(
        _ fixture: ServerFixture, _ uri: String, _ body: String, headers: HTTPFields
    ) async throws -> TestResponse {
        try await fixture.test { client in
            try await client.execute(uri: uri, method: .post, headers: headers, body: .text(body))
        }
    }

    @Test(ServerFixture.fileOnly) func aFullDiskIs507WithRetryAfterAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        // SQLite's own limit on the file's pages: a write past it fails with SQLITE_FULL, as on a full disk.
        try await fixture.file.database.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let before = try fixture.eventCount()
        let response = try await post(
            fixture, "/api/v1/artifacts", try Self.directory(files: 400, name: "acme/big:v1"),
            headers: fixture.headers(.registrar))
        #expect(response.status.code == 507, "\(response.status) \(response.text)")
        #expect(response.headers[.retryAfter] == "60")
        #expect(response.errorMessage?.contains("no space left") == true, "\(response.text)")
        #expect(try fixture.eventCount() == before)
        // Room again: the same request succeeds.
        try await fixture.file.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA max_page_count = 1073741823")
        }
        let retried = try await post(
            fixture, "/api/v1/artifacts", try Self.directory(files: 400, name: "acme/big:v1"),
            headers: fixture.headers(.registrar))
        #expect(retried.status == .created, "\(retried.text)")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let uri: String
        let body: String
        let status: Int
        let field: String
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "2^63 bytes", uri: "/api/v1/audits", body: #"{"maxBytes": 9223372036854775808}"#, status: 422,
            field: "maxBytes"),
        Case(
            label: "a fraction of a byte", uri: "/api/v1/audits", body: #"{"maxBytes": 1.5}"#, status: 422,
            field: "maxBytes"),
        Case(
            label: "1e-400 operations", uri: "/api/v1/artifacts",
            body: ErrorAnswerTests.oneFile(#""compute": {"operations": 1e-400}"#), status: 422,
            field: "compute.operations"),
        Case(
            label: "1e400 tokens", uri: "/api/v1/artifacts",
            body: ErrorAnswerTests.oneFile(#""compute": {"parameters": 1e9, "tokens": 1e400}"#), status: 422,
            field: "compute.tokens"),
        Case(
            label: "a repeated key", uri: "/api/v1/artifacts",
            body: ErrorAnswerTests.oneFile(#""trainedIn": "US", "trainedIn": "CN""#), status: 400, field: "body"),
        Case(
            label: "a repeated nested key", uri: "/api/v1/deployments",
            body: #"{"artifact": "acme/a:v1", "to": "DE", "to": "CN"}"#, status: 400, field: "body"),
    ]

    @Test(arguments: cases)
    func numbersAndKeys(_ bad: Case) async throws {
        let fixture = try ServerFixture()
        let before = try fixture.eventCount()
        let role: Role =
            bad.uri.hasSuffix("audits") ? .auditor : bad.uri.hasSuffix("artifacts") ? .registrar : .reviewer
        let response = try await post(fixture, bad.uri, bad.body, headers: fixture.headers(role))
        #expect(Int(response.status.code) == bad.status, "\(response.text)")
        #expect(response.errorField == bad.field, "\(response.text)")
        #expect(try fixture.eventCount() == before)
    }

    @Test func schemesAndMediaTypes() async throws {
        let fixture = try ServerFixture()
        let token = fixture.tokens[.reviewer]!
        for scheme in ["bearer", "BEARER", "Bearer"] {
            let response = try await fixture.test { client in
                try await client.execute(
                    uri: "/api/v1/flags", method: .get, headers: [.authorization: "\(scheme) \(token)"])
            }
            #expect(response.status == .ok, "\(scheme): \(response.status)")
        }
        let body = #"{"artifact": "acme/a:v1", "to": "DE"}"#
        for type in ["text/plain", "application/x-www-form-urlencoded", "application/jsonx", nil] as [String?] {
            var headers: HTTPFields = [.authorization: "Bearer \(token)"]
            if let type { headers[.contentType] = type }
            let response = try await post(fixture, "/api/v1/deployments", body, headers: headers)
            #expect(response.status == .unsupportedMediaType, "\(type ?? "none"): \(response.status) \(response.text)")
        }
        let before = try fixture.eventCount()
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        headers[.contentType] = "Application/JSON; charset=utf-8"
        let accepted = try await post(fixture, "/api/v1/deployments", body, headers: headers)
        #expect(accepted.status == .created, "\(accepted.text)")
        #expect(try fixture.eventCount() == before + 1)
    }
}
