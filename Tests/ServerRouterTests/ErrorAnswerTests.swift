import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerCore
import Testing

@testable import LedgerServer

/// How the server answers what goes wrong, in process: input errors name the field as a JSON
/// key with nothing written, and an error it has no answer for is a bare 500 with an id that
/// carries none of the internals (the log has them).
@Suite struct ErrorAnswerTests {
    struct BadBody: Sendable, CustomTestStringConvertible {
        let uri: String
        let body: String
        let status: HTTPResponse.Status
        let field: String
        var testDescription: String { "\(uri) \(body)" }
    }

    /// A registration of one valid file with `facts` (JSON members) beside it.
    static func oneFile(_ facts: String) -> String {
        let digest = "sha256:" + String(repeating: "ef", count: 32)
        return #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 1, "#
            + #""files": [{"path": "m", "size": 1, "sha256": "\#(digest)"}], \#(facts)}"#
    }

    static let badBodies: [BadBody] = [
        BadBody(uri: "/api/v1/deployments", body: "{not json", status: .badRequest, field: "body"),
        BadBody(uri: "/api/v1/deployments", body: #"{"to": "IN"}"#, status: .unprocessableContent, field: "artifact"),
        BadBody(
            uri: "/api/v1/deployments", body: #"{"artifact": "acme/a:v1", "to": "XX"}"#, status: .unprocessableContent,
            field: "to"),
        BadBody(
            uri: "/api/v1/deployments", body: #"{"artifact": "acme/a:v1", "to": "IN", "kind": "smuggle"}"#,
            status: .unprocessableContent, field: "kind"),
        BadBody(
            uri: "/api/v1/deployments", body: #"{"artifact": "acme/a:v1", "to": "IN", "recipient": " "}"#,
            status: .unprocessableContent, field: "recipient"),
        BadBody(
            uri: "/api/v1/deployments", body: #"{"artifact": "acme/a:v1", "to": "IN", "on": "2026-02-30"}"#,
            status: .unprocessableContent, field: "on"),
        BadBody(
            uri: "/api/v1/licenses",
            body: #"{"authority": "BIS", "number": "1", "artifacts": ["acme/a:v1"], "destinations": ["IN", "ZZ"]}"#,
            status: .unprocessableContent, field: "destinations[1]"),
        BadBody(
            uri: "/api/v1/licenses",
            body:
                #"{"authority": "BIS", "number": "1", "artifacts": ["acme/a:v1"], "destinations": ["IN"], "#
                + #""validFrom": "2026-02-01", "validUntil": "2026-01-01"}"#,
            status: .unprocessableContent, field: "validUntil"),
        BadBody(
            uri: "/api/v1/audits", body: #"{"rehash": "sometimes"}"#, status: .unprocessableContent, field: "rehash"),
        BadBody(uri: "/api/v1/audits", body: #"{"maxBytes": 0}"#, status: .unprocessableContent, field: "maxBytes"),
        BadBody(
            uri: "/api/v1/tokens", body: #"{"name": "x", "role": "boss"}"#, status: .unprocessableContent, field: "role"
        ),
        BadBody(
            uri: "/api/v1/tokens", body: #"{"name": "has space", "role": "admin"}"#, status: .unprocessableContent,
            field: "name"),
        BadBody(
            uri: "/api/v1/artifacts", body: #"{"digest": "sha256:00", "form": "file", "sizeBytes": 1, "files": []}"#,
            status: .unprocessableContent, field: "digest"),
        BadBody(
            uri: "/api/v1/artifacts",
            body:
                oneFile(#""compute": {"operations": 1, "tokens": 2}"#),
            status: .unprocessableContent, field: "compute.operations"),
        BadBody(
            uri: "/api/v1/artifacts",
            body:
                oneFile(#""trainedIn": "UK""#),
            status: .unprocessableContent, field: "trainedIn"),
    ]

    /// The role allowed to call each route (so the answer is about the body, not the token).
    static func role(for uri: String) -> Role {
        switch uri {
        case "/api/v1/artifacts": return .registrar
        case "/api/v1/audits": return .auditor
        case "/api/v1/tokens": return .admin
        default: return .reviewer
        }
    }

    @Test(arguments: badBodies)
    func badBodiesNameTheirFieldAndWriteNothing(_ bad: BadBody) async throws {
        let fixture = try ServerFixture()
        let before = try fixture.eventCount()
        let response = try await fixture.test { client in
            try await client.execute(
                uri: bad.uri, method: .post, headers: fixture.headers(Self.role(for: bad.uri)), body: .text(bad.body))
        }
        #expect(response.status == bad.status, "\(response.text)")
        #expect(response.errorField == bad.field, "\(response.text)")
        #expect(
            response.errorMessage?.contains("--") == false,
            "API messages spell JSON keys, not options: \(response.text)")
        #expect(try fixture.eventCount() == before)
    }

    @Test(ServerFixture.fileOnly) func anUnexpectedErrorIsABare500WithAnID() async throws {
        let fixture = try ServerFixture()
        // Damage the ledger under the running server: the artifacts query now fails inside SQLite.
        try DamagedLedger.dropView("names", in: fixture.directory.file("ledger.db"))
        let response = try await fixture.test { client in
            try await client.execute(uri: "/api/v1/artifacts", method: .get, headers: fixture.headers(.auditor))
        }
        #expect(response.status == .internalServerError)
        let message = response.errorMessage ?? ""
        #expect(
            message.hasPrefix("internal error (id ") && message.contains("the server's log has the details"),
            "\(message)")
        for secret in ["names", "SQL", "sqlite", "no such"] {
            #expect(!response.text.contains(secret), "\(response.text)")
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let fixture = try ServerFixture()
        let big =
            #"{"artifact": "acme/a:v1", "to": "IN", "recipient": ""# + String(repeating: "x", count: 70 << 10) + #""}"#
        let response = try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/deployments", method: .post, headers: fixture.headers(.reviewer), body: .text(big))
        }
        #expect(response.status == .contentTooLarge && response.errorField == nil)
    }
}
