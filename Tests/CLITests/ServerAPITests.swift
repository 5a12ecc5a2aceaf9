import Foundation
import TestSupport
import Testing

/// The write routes of the API, remote registration, input errors and logging, over real HTTP.
@Suite struct ServerAPITests {
    static func token(_ cli: CLI, _ role: String, _ name: String) throws -> String {
        try cli.ok("token", "create", "--role", role, "--name", name).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func registerOverHTTPFromTheCLI() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3e26",
            "--trained-in", "US")
        let registrar = try Self.token(cli, "registrar", "cluster-a")
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli, extra: ["--log-requests"])
        let tokenFile = try cli.directory.write("registrar.token", Array((registrar + "\n").utf8))
        let reviewerFile = try cli.directory.write("reviewer.token", Array(reviewer.utf8))
        // A directory artifact, hashed by the client; the server checks the manifest digest.
        let shards = cli.directory.file("tuned")
        try FileManager.default.createDirectory(atPath: shards, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: try cli.model("a.safetensors", seed: 7), toPath: shards + "/model-00001.safetensors")
        try FileManager.default.moveItem(
            atPath: try cli.model("b.safetensors", seed: 8), toPath: shards + "/model-00002.safetensors")
        let local = (try cli.json("hash", shards) as? [[String: Any]])?.first
        let remote = try cli.run([
            "register", shards, "--server", server.base, "--token-file", tokenFile, "--name", "acme/tuned:v1",
            "--parent", "acme/base:v1", "--params", "auto", "--tokens", "1e12", "--trained-in", "FR", "--json",
        ])
        #expect(remote.status == 0, "\(remote.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(remote.stdout.utf8)) as? [String: Any]
        let artifact = answer?["artifact"] as? [String: Any]
        #expect(answer?["status"] as? String == "registered")
        #expect(
            artifact?["digest"] as? String == local?["digest"] as? String,
            "the server records the digest the client computed")
        #expect((artifact?["compute"] as? [String: Any])?["method"] as? String == "6ND")
        #expect((artifact?["locations"] as? [String])?.first?.hasSuffix(":" + shards) == true)
        // The same event a local register writes, with the token's name as actor.
        let actor = try Subprocess.run(
            "/usr/bin/sqlite3",
            [cli.ledger, "SELECT actor FROM events WHERE type = 'artifact.registered' ORDER BY seq DESC LIMIT 1"]
        ).stdout
        #expect(actor.trimmingCharacters(in: .whitespacesAndNewlines) == "token:cluster-a")
        // Again: known bytes, 200, nothing new; text output names the server.
        let again = try cli.run(["register", shards, "--server", server.base, "--token-file", tokenFile])
        #expect(again.status == 0 && again.stdout.hasPrefix("unchanged "), "\(again.stdout)\(again.stderr)")
        // The wrong role: exit 2, one line naming the role, before anything is hashed (the server's
        // GET /api/v1/whoami says what the token may do).
        let refused = try cli.run([
            "register", shards, "--server", server.base, "--token-file", reviewerFile, "--name", "acme/tuned:v2",
        ])
        #expect(
            refused.status == 2 && refused.stderr.contains("has role reviewer, which may not register")
                && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try cli.run(["register", shards, "--server", server.base]).status == 2, "--server needs --token-file")
        // No token text in the server's log, though it logged every request.
        server.stop()
        #expect(server.log.contains("/api/v1/artifacts"))
        #expect(!server.log.contains(registrar) && !server.log.contains(reviewer))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func badInputIsRefusedNamingTheFieldAndWritesNothing() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3e26")
        let registrar = try Self.token(cli, "registrar", "cluster-a")
        let reviewer = try ServerAPITests.token(cli, "reviewer", "legal-1")
        let server = try LiveServer(cli: cli)
        let before = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events"]).stdout
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let file = #"{"path": "m.safetensors", "size": 10, "sha256": "\#(digest)"}"#
        let cases: [(body: String, status: Int, field: String?)] = [
            ("{not json", 400, "body"),
            (#"{"form": "file", "sizeBytes": 10, "files": [\#(file)]}"#, 422, "digest"),
            (#"{"digest": "sha256:xyz", "form": "file", "sizeBytes": 10, "files": [\#(file)]}"#, 422, "digest"),
            (#"{"digest": "\#(digest)", "form": "file", "sizeBytes": "ten", "files": [\#(file)]}"#, 422, "sizeBytes"),
            (
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 10, "files": [{"path": "m", "size": -1, "sha256": "\#(digest)"}]}"#,
                422, "files[0].size"
            ),
            (
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 10, "files": [{"path": "../m", "size": 10, "sha256": "\#(digest)"}]}"#,
                422, "files[0].path"
            ),
            (
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 10, "files": [\#(file)], "trainedIn": "XX"}"#,
                422, "trainedIn"
            ),
            // The digest must be what the files say.
            (
                #"{"digest": "sha256:\#(String(repeating: "cd", count: 32))", "form": "file", "sizeBytes": 10, "files": [\#(file)]}"#,
                422, nil
            ),
            (
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 10, "files": [\#(file)], "parents": ["acme/nope:v1"]}"#,
                404, nil
            ),
            (
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 10, "files": [\#(file)], "compute": {"operations": 1e20, "tokens": 5}}"#,
                422, nil
            ),
        ]
        for (body, status, field) in cases {
            let reply = try server.call(
                registrar,
                ["-X", "POST", "-H", "Content-Type: application/json", "-d", body, "\(server.base)/api/v1/artifacts"])
            let error = reply.json["error"] as? [String: Any]
            #expect(reply.status == status, "\(body) → \(reply.status) \(reply.body)")
            #expect(error?["message"] as? String != nil, "\(reply.body)")
            if let field { #expect(error?["field"] as? String == field, "\(body) → \(reply.body)") }
        }
        // Over the size limits (registrations: serve --max-body, 1 MiB here; other bodies 64 KiB): 413.
        let limited = try LiveServer(cli: cli, extra: ["--max-body", "1"])
        let huge = try cli.directory.write("huge.json", Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1))
        let tooLarge = try limited.call(
            registrar, ["-X", "POST", "--data-binary", "@" + huge, "\(limited.base)/api/v1/artifacts"])
        #expect(
            tooLarge.status == 413 && (tooLarge.json["error"] as? [String: Any])?["message"] != nil, "\(tooLarge.body)")
        let bigDeployment = try cli.directory.write("big.json", Array(repeating: UInt8(ascii: " "), count: 65 << 10))
        #expect(
            try limited.call(
                reviewer, ["-X", "POST", "--data-binary", "@" + bigDeployment, "\(limited.base)/api/v1/deployments"]
            ).status == 413)
        limited.stop()
        let after = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events"]).stdout
        #expect(before == after, "refused requests wrote nothing")
    }

    @Test func licenseReviewLogAndAuditRoutes() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US")
        let reviewer = try Self.token(cli, "reviewer", "legal-1")
        let auditor = try Self.token(cli, "auditor", "nightly")
        let admin = try Self.token(cli, "admin", "root")
        let server = try LiveServer(cli: cli)
        let license =
            #"{"authority": "US BIS", "number": "D-1", "artifacts": ["acme/a:v1"], "destinations": ["IN"], "validFrom": "2026-01-01"}"#
        #expect(
            try server.call(auditor, ["-X", "POST", "-d", license, "\(server.base)/api/v1/licenses"]).status == 403)
        let added = try server.call(reviewer, ["-X", "POST", "-d", license, "\(server.base)/api/v1/licenses"])
        #expect(added.status == 201 && added.json["number"] as? String == "D-1", "\(added.body)")
        let check = try server.call(reviewer, ["\(server.base)/api/v1/check?artifact=acme/a:v1&to=IN&on=2026-11-25"])
        #expect(check.json["licensed"] as? Bool == true)
        let review = try server.call(
            reviewer, ["\(server.base)/api/v1/artifacts/acme%2Fa%3Av1/review?to=IN&on=2026-11-25"])
        #expect(review.status == 200 && (review.json["licenses"] as? [Any])?.count == 1, "\(review.body)")
        #expect(try server.call(auditor, ["\(server.base)/api/v1/artifacts/acme%2Fa%3Av1/review"]).status == 403)

        let checkpoint = try server.call(auditor, ["-X", "POST", "\(server.base)/api/v1/log/checkpoints"])
        #expect(checkpoint.status == 201, "\(checkpoint.body)")
        let note = try #require(checkpoint.json["note"] as? String)
        let proof = try server.call(reviewer, ["\(server.base)/api/v1/log/proofs/acme%2Fa%3Av1"])
        #expect(proof.status == 200 && proof.json["verified"] as? Bool == true, "\(proof.body)")
        let body = try JSONSerialization.data(withJSONObject: ["checkpoint": note])
        let consistency = try server.call(
            reviewer,
            [
                "-X", "POST", "--data-binary", String(decoding: body, as: UTF8.self),
                "\(server.base)/api/v1/log/consistency",
            ])
        #expect(consistency.status == 200 && consistency.json["consistent"] as? Bool == true, "\(consistency.body)")
        let audit = try server.call(
            auditor, ["-X", "POST", "-d", #"{"rehash": "all"}"#, "\(server.base)/api/v1/audits"])
        #expect(audit.status == 201 && audit.json["checkedArtifacts"] as? Int == 1, "\(audit.body)")
        #expect(try server.call(reviewer, ["-X", "POST", "-d", "{}", "\(server.base)/api/v1/audits"]).status == 403)

        // Admin makes and revokes tokens over HTTP; the new one works once made.
        let made = try server.call(
            admin, ["-X", "POST", "-d", #"{"name": "cluster-b", "role": "registrar"}"#, "\(server.base)/api/v1/tokens"])
        let newToken = try #require(made.json["token"] as? String)
        #expect(try server.call(newToken, ["\(server.base)/api/v1/artifacts"]).status == 200)
        #expect(try server.call(admin, ["-X", "DELETE", "\(server.base)/api/v1/tokens/cluster-b"]).status == 204)
        #expect(try server.call(newToken, ["\(server.base)/api/v1/artifacts"]).status == 401)
        #expect(
            try server.call(
                reviewer, ["-X", "POST", "-d", #"{"name": "x", "role": "admin"}"#, "\(server.base)/api/v1/tokens"]
            ).status == 403)
        server.stop()
        let actors = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT type || '=' || actor FROM events WHERE seq > 4 ORDER BY seq"]
        ).stdout
        #expect(
            actors.contains("license.added=token:legal-1") && actors.contains("log.checkpoint=token:nightly")
                && actors.contains("audit.completed=token:nightly") && actors.contains("token.created=token:root"),
            "\(actors)")
        #expect(try cli.run("verify").status == 0)
    }

    @Test func openAPIDocumentIsServedAsCommitted() throws {
        let cli = try CLI()
        _ = try Self.token(cli, "admin", "root")
        let server = try LiveServer(cli: cli)
        let served = try ServerTests.curl(["\(server.base)/openapi.yaml"])
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        #expect(served.status == 200)
        #expect(
            served.body + "\n" == committed || served.body == committed,
            "run scripts/embed-openapi.py after editing docs/openapi.yaml")
    }
}
