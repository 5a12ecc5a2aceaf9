import Foundation
import TestSupport
import Testing

/// Issue 14, pages: a name typed as a path (`/artifacts/acme/frontier:chat`) is the artifact, not a
/// blank 404 (0.3.0 needed `%2F`); with a destination the artifact page opens with the verdict box,
/// saying apart what the rules' text requires and whether it is enforced on the date.
@Suite struct PagePathTests {
    @Test func plainNamePathsAndTheVerdictOnTheArtifactPage() throws {
        let (cli, reviewer, _) = try ServerPageTests.ledger()
        let server = try LiveServer(cli: cli)
        let jar = cli.directory.file("jar")
        _ = try ServerTests.curl(["-c", jar, "--data-urlencode", "token=\(reviewer)", "\(server.base)/login"])
        let plain = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts/acme/frontier:chat?to=CN&on=2026-11-25"])
        let encoded = try ServerTests.curl([
            "-b", jar, "\(server.base)/artifacts/acme%2Ffrontier%3Achat?to=CN&on=2026-11-25",
        ])
        #expect(plain.status == 200 && encoded.status == 200, "\(plain.status) \(encoded.status)")
        for page in [plain.body, encoded.body] {
            #expect(page.contains("<h1>acme/frontier:chat"), "\(page.prefix(400))")
            #expect(page.contains("Verdict: LICENSE REQUIRED by the rule"), "no verdict box")
            #expect(page.contains("Enforced on 2026-11-25") && page.contains("NO: the rule is not enforced"))
        }
        let box = try #require(plain.body.range(of: "class=\"verdict"))
        let findings = try #require(plain.body.range(of: "Findings, most severe first"))
        #expect(box.lowerBound < findings.lowerBound)
        // The review under a plain path, for a name and for a digest.
        let review = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts/acme/frontier:chat/review?to=CN"])
        #expect(review.status == 200 && review.body.contains("Report digest"), "\(review.status)")
        let digest = try #require(
            (try JSONSerialization.jsonObject(with: Data(try cli.ok("show", "acme/frontier:chat", "--json").utf8))
                as? [String: Any])?["digest"] as? String)
        let byDigest = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts/\(digest)/review?to=CN"])
        #expect(byDigest.status == 200 && byDigest.body.contains("Report digest"), "\(byDigest.status)")
        let missing = try ServerTests.curl(["-b", jar, "\(server.base)/artifacts/acme/nope:v1"])
        #expect(missing.status == 404 && missing.body.contains("Not found"))
    }
}
