import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerCore
import LedgerUseCases
import Testing

@testable import LedgerServer

/// Issue 14, sign-off over the API: `requireApproval` refuses a deployment (409, an error naming
/// the report's digest, nothing written) until an approval of the report as it stands is recorded;
/// then the same request is recorded (201). The review's JSON names the digest and the approval.
@Suite struct ApprovalGateTests {
    func deploy(_ fixture: ServerFixture) async throws -> TestResponse {
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/deployments", method: .post, headers: fixture.headers(.reviewer),
                body: .text(#"{"artifact": "acme/a:v1", "to": "IN", "on": "2026-12-01", "requireApproval": true}"#))
        }
    }

    @Test func aDeploymentWaitsForTheApprovalOfItsReport() async throws {
        let fixture = try ServerFixture()
        let before = try fixture.eventCount()
        let refused = try await deploy(fixture)
        #expect(refused.status == .conflict, "\(refused.text)")
        #expect(refused.text.contains("refused (--require-approval)") && refused.text.contains("sha256:"))
        #expect(try fixture.eventCount() == before)
        // A reviewer approves the report (as `weightledger approve` does) …
        let approval = try ApprovalRequest(artifact: "acme/a:v1", to: "IN", on: "2026-12-01", by: "J. Doe")
        let app = AppContext(location: fixture.server.location, actor: "legal@test", shared: fixture.ledger)
        let outcome = try Approve(context: app, library: fixture.server.library).run(approval)
        // … and the same request goes through.
        let recorded = try await deploy(fixture)
        #expect(recorded.status == .created, "\(recorded.text)")
        let review = try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/artifacts/acme%2Fa%3Av1/review?to=IN&on=2026-12-01", method: .get,
                headers: fixture.headers(.reviewer))
        }
        #expect(review.json["reportDigest"] as? String == outcome.approval.reportDigest)
        let approvals = review.json["approvals"] as? [[String: Any]] ?? []
        #expect(approvals.count == 1 && approvals.first?["holds"] as? Bool == true, "\(review.text.prefix(300))")
    }
}
