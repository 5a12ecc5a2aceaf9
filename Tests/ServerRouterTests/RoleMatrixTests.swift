import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerCore
import Testing

@testable import LedgerServer

/// Every route with every role, in process: the role's answer is 403 exactly when
/// `Role.may` says no, the allowed role gets the route's success status, no token is 401
/// (pages: a redirect to the login form), and only the allowed writes reach the ledger.
@Suite struct RoleMatrixTests {
    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let body: String?
        let permission: Permission
        /// The status the allowed role gets.
        let success: HTTPResponse.Status
        /// A page: without a session it redirects instead of answering 401.
        var page = false
        /// How many events the allowed call appends.
        var writes = 0
        var description: String { "\(method) \(uri)" }
    }

    static let ref = "acme%2Fa%3Av1"
    static let emptyTree = "weightledger/test\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
    static let registration = """
        {"digest": "sha256:\(String(repeating: "cd", count: 32))", "form": "file", "sizeBytes": 4,
         "files": [{"path": "n.bin", "size": 4, "sha256": "sha256:\(String(repeating: "cd", count: 32))"}],
         "names": ["acme/n:v1"], "parents": ["acme/a:v1"], "trainedIn": "DE", "compute": {"operations": 1e20}}
        """

    /// Every route the server has, in an order where each one's preconditions hold.
    static let routes: [Route] = [
        Route(method: .get, uri: "/api/v1/artifacts", body: nil, permission: .read, success: .ok),
        Route(method: .get, uri: "/api/v1/artifacts?q=acme&limit=5", body: nil, permission: .read, success: .ok),
        Route(
            method: .post, uri: "/api/v1/artifacts", body: registration, permission: .register, success: .created,
            writes: 1),
        Route(method: .get, uri: "/api/v1/artifacts/\(ref)", body: nil, permission: .read, success: .ok),
        Route(
            method: .get, uri: "/api/v1/artifacts/\(ref)?on=2025-01-01&history=true", body: nil, permission: .read,
            success: .ok),
        Route(
            method: .post, uri: "/api/v1/artifacts/\(ref)/publications",
            body: #"{"url": "https://example.org/a", "on": "2026-01-01"}"#, permission: .recordFacts,
            success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/artifacts/\(ref)/withdrawals",
            body: #"{"on": "2026-02-01", "reason": "taken down"}"#, permission: .recordFacts, success: .created,
            writes: 1),
        Route(
            method: .post, uri: "/api/v1/artifacts/\(ref)/corrections",
            body: #"{"reason": "the site was wrong", "site": "Berlin"}"#, permission: .recordFacts,
            success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/organisations", body: #"{"name": "Acme Labs", "headquarters": "US"}"#,
            permission: .manageOrganisations, success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/organisations/Acme%20Labs/changes",
            body: #"{"revenueUSD": 1e8, "revenueYear": 2025}"#, permission: .manageOrganisations, success: .created,
            writes: 1),
        Route(method: .get, uri: "/api/v1/organisations?on=2026-01-01", body: nil, permission: .read, success: .ok),
        Route(
            method: .get, uri: "/api/v1/artifacts/\(ref)/lineage?direction=descendants", body: nil, permission: .read,
            success: .ok),
        Route(
            method: .get, uri: "/api/v1/artifacts/\(ref)/review?to=IN&on=2026-11-25", body: nil, permission: .review,
            success: .ok),
        Route(
            method: .get, uri: "/api/v1/check?artifact=acme/a:v1&to=IN&on=2026-11-25", body: nil, permission: .read,
            success: .ok),
        Route(method: .get, uri: "/api/v1/flags?on=2026-11-25", body: nil, permission: .read, success: .ok),
        Route(
            method: .post, uri: "/api/v1/deployments",
            body: #"{"artifact": "acme/a:v1", "to": "DE", "on": "2026-11-25"}"#,
            permission: .deploy, success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/approvals",
            body: #"{"artifact": "acme/a:v1", "to": "IN", "on": "2026-11-25", "by": "Dana Legal"}"#,
            permission: .approve, success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/licenses",
            body: #"{"authority": "BIS", "number": "L-1", "artifacts": ["acme/a:v1"], "destinations": ["IN"]}"#,
            permission: .recordLicense, success: .created, writes: 1),
        Route(
            method: .post, uri: "/api/v1/audits", body: #"{"on": "2026-11-25"}"#, permission: .audit, success: .created,
            writes: 1),
        Route(
            method: .post, uri: "/api/v1/log/checkpoints", body: nil, permission: .checkpoint, success: .created,
            writes: 1),
        Route(method: .get, uri: "/api/v1/log/proofs/2", body: nil, permission: .read, success: .ok),
        Route(
            method: .post, uri: "/api/v1/log/consistency",
            body: #"{"checkpoint": "\#(emptyTree.replacingOccurrences(of: "\n", with: "\\n"))"}"#,
            permission: .read, success: .ok),
        Route(
            method: .post, uri: "/api/v1/tokens", body: #"{"name": "new-one", "role": "auditor"}"#,
            permission: .manageTokens,
            success: .created, writes: 1),
        Route(
            method: .delete, uri: "/api/v1/tokens/new-one", body: nil, permission: .manageTokens, success: .noContent,
            writes: 1),
        Route(method: .get, uri: "/artifacts?q=acme", body: nil, permission: .read, success: .ok, page: true),
        Route(
            method: .get, uri: "/artifacts/\(ref)?to=CN&on=2026-11-25", body: nil, permission: .read, success: .ok,
            page: true),
        Route(
            method: .get, uri: "/artifacts/\(ref)/review?to=IN", body: nil, permission: .review, success: .ok,
            page: true),
        Route(
            method: .get, uri: "/artifacts/\(ref)/review?to=IN&format=pdf", body: nil, permission: .review,
            success: .ok, page: true),
        Route(
            method: .post, uri: "/artifacts/\(ref)/approvals", body: "to=IN&on=2026-11-25&by=Dana+Legal",
            permission: .approve, success: .seeOther, page: true, writes: 1),
        Route(method: .get, uri: "/flags?severity=block&to=IN", body: nil, permission: .read, success: .ok, page: true),
        Route(method: .get, uri: "/deployments?to=DE", body: nil, permission: .read, success: .ok, page: true),
        Route(method: .get, uri: "/licenses", body: nil, permission: .read, success: .ok, page: true),
    ]

    @Test func everyRouteWithEveryRole() async throws {
        let fixture = try ServerFixture()
        let before = try fixture.eventCount()
        let outcomes = try await fixture.test { client in
            var outcomes: [String] = []
            for route in Self.routes {
                let body = route.body.map(ByteBuffer.text)
                let anonymous = try await client.execute(
                    uri: route.uri, method: route.method, headers: fixture.headers(nil), body: body)
                let expected: HTTPResponse.Status = route.page ? .seeOther : .unauthorized
                if anonymous.status != expected { outcomes.append("\(route) without a token: \(anonymous.status)") }
                for role in Role.allCases {
                    let response = try await client.execute(
                        uri: route.uri, method: route.method, headers: fixture.headers(role), body: body)
                    let want: HTTPResponse.Status = role.may(route.permission) ? route.success : .forbidden
                    if response.status != want {
                        outcomes.append("\(route) as \(role): \(response.status) \(response.text.prefix(200))")
                    }
                }
            }
            return outcomes
        }
        #expect(outcomes.isEmpty, "\(outcomes.joined(separator: "\n"))")
        // Each allowed write appended its one event; no refused call wrote anything.
        let writes = Self.routes.filter { $0.writes > 0 }.map { Int64($0.writes * Role.allowed($0.permission).count) }
            .reduce(0, +)
        #expect(try fixture.eventCount() == before + writes)
    }

    @Test func theTableMatchesWhatTheRolesAreFor() {
        // Reads are open to every role; each write belongs to exactly one.
        #expect(Role.allowed(.read) == Role.allCases)
        let owners: [Permission: Role] = [
            .register: .registrar, .recordFacts: .registrar, .manageOrganisations: .reviewer, .deploy: .reviewer,
            .recordLicense: .reviewer, .review: .reviewer, .approve: .reviewer,
            .audit: .auditor, .checkpoint: .auditor, .manageTokens: .admin,
        ]
        for (permission, role) in owners { #expect(Role.allowed(permission) == [role], "\(permission)") }
        #expect(Set(owners.keys).union([.read]) == Set(Permission.allCases))
    }
}
