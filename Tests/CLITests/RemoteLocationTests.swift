import Foundation
import LedgerCore
import LedgerSQLite
import LedgerUseCases
import TestSupport
import Testing

/// Issue 13, item 7: a registrar cannot make the operator's audit read a file. On 0.3.0 a
/// location sent to the server was opened by `audit` as the operator (it recorded `bytes changed
/// (now sha256:…)` for a secret), and a location could never be removed, so every later audit
/// failed.
@Suite struct RemoteLocationTests {
    /// `audit --json` with `arguments`, parsed, and its exit status.
    func audit(_ cli: CLI, _ arguments: String...) throws -> (status: Int32, json: [String: Any]) {
        let result = try cli.run(["audit", "--rehash", "all", "--json"] + arguments)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
        return (result.status, json)
    }

    /// A registration body claiming `path` on `host` holds the bytes of digest `digest`.
    static func claim(_ digest: String, at location: String, name: String) -> String {
        #"{"digest": "\#(digest)", "form": "file", "sizeBytes": 5, "#
            + #""files": [{"path": "x.bin", "size": 5, "sha256": "\#(digest)"}], "location": "\#(location)", "#
            + #""names": ["\#(name)"], "trainedIn": "US", "compute": {"operations": 1e20}}"#
    }

    @Test func clientLocationsAreOpenedOnlyUnderTheOperatorsRoots() throws {
        let cli = try CLI()
        let host = ProcessInfo.processInfo.hostName
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "3e26",
            "--trained-in", "US")
        let registrar = try ServerAPITests.token(cli, "registrar", "cluster-a")
        let tokenFile = try cli.directory.write("registrar.token", Array(registrar.utf8))
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        // An honest client registers a checkpoint of its own: recorded as HOST:/path.
        let models = cli.directory.file("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        let checkpoint = models + "/tuned.safetensors"
        try FileManager.default.moveItem(atPath: try cli.model("tuned.safetensors", seed: 2), toPath: checkpoint)
        _ = try cli.ok(
            "register", checkpoint, "--server", server.base, "--token-file", tokenFile, "--name", "acme/tuned:v1",
            "--parent", "acme/base:v1", "--compute", "1e20", "--trained-in", "US")
        // A hostile registrar claims the operator's secret, directly and through a link it planted
        // under the models directory; and once without a host.
        let secret = try cli.directory.write("secret.key", Array("hunter2-secret".utf8))
        try FileManager.default.createSymbolicLink(atPath: models + "/link.bin", withDestinationPath: secret)
        let fake = "sha256:" + String(repeating: "0f", count: 32)
        let fake2 = "sha256:" + String(repeating: "1e", count: 32)
        let direct = try server.call(
            registrar,
            [
                "-X", "POST", "\(server.base)/api/v1/artifacts", "-H", "Content-Type: application/json", "-d",
                Self.claim(fake, at: "\(host):\(secret)", name: "evil/a:v1"),
            ])
        #expect(direct.status == 201, "\(direct.body)")
        let linked = try server.call(
            registrar,
            [
                "-X", "POST", "\(server.base)/api/v1/artifacts", "-H", "Content-Type: application/json", "-d",
                Self.claim(fake2, at: "\(host):\(models)/link.bin", name: "evil/b:v1"),
            ])
        #expect(linked.status == 201, "\(linked.body)")
        let bare = try server.call(
            registrar,
            [
                "-X", "POST", "\(server.base)/api/v1/artifacts", "-H", "Content-Type: application/json", "-d",
                Self.claim(fake2, at: secret, name: "evil/c:v1"),
            ])
        #expect(bare.status == 422 && bare.body.contains("location"), "a bare path is refused: \(bare.body)")
        server.stop()

        // No roots: the three client locations are not opened; the local one is re-hashed.
        let plain = try audit(cli)
        #expect(plain.status <= 1, "\(plain.json)")
        #expect(plain.json["remoteSkipped"] as? Int == 3, "\(plain.json)")
        #expect(plain.json["checkedArtifacts"] as? Int == 1)
        #expect((plain.json["mismatches"] as? [Any])?.isEmpty == true, "\(plain.json)")
        // Roots that cover the models directory only: the honest checkpoint is re-hashed and
        // clean, the secret stays closed, the planted link is refused without being read.
        let rooted = try audit(cli, "--audit-roots", "\(host):\(models)")
        #expect(rooted.status == 3, "\(rooted.json)")
        #expect(rooted.json["remoteSkipped"] as? Int == 1, "\(rooted.json)")
        #expect(rooted.json["checkedArtifacts"] as? Int == 3, "base, tuned and the refused link: \(rooted.json)")
        let problems = (rooted.json["mismatches"] as? [[String: Any]]) ?? []
        #expect(problems.count == 1 && problems[0]["path"] as? String == "\(host):\(models)/link.bin")
        #expect((problems.first?["problem"] as? String)?.contains("outside the audit root") == true, "\(problems)")
        let everything = try cli.run(["audit", "--rehash", "all", "--audit-roots", "\(host):\(models)"])
        #expect(
            !everything.stdout.contains("now sha256:"), "nothing of the secret's hash is told: \(everything.stdout)")
        // A root for another host opens nothing of this one's; a root that is not one is exit 2.
        #expect(try audit(cli, "--audit-roots", "other-host").json["remoteSkipped"] as? Int == 3)
        let badRoot = try cli.run(["audit", "--audit-roots", "relative/dir"])
        #expect(badRoot.status == 2 && badRoot.stderr.contains("--audit-roots"), "\(badRoot.stderr)")
    }

    /// A location a client sent a 0.3.0 server without a host is remote too: who recorded it decides.
    @Test func aBarePathAClientRecordedIsNeverOpened() throws {
        let cli = try CLI()
        let secret = try cli.directory.write("secret.key", Array("hunter2".utf8))
        let client = AppContext(location: try cli.location, actor: ActorName.client("old-client"))
        let digest = try ArtifactDigest("sha256:" + String(repeating: "2d", count: 32))
        let submission = ArtifactSubmission(
            digest: digest, form: .file, sizeBytes: 5, files: [ArtifactFile(path: "x", size: 5, sha256: digest)],
            model: nil, location: secret)
        _ = try Register(context: client).record(
            submission,
            try Registration(
                Registration.Draft(names: ["old/a:v1"], trainedIn: "US", compute: ComputeDraft(operations: 1e20))))
        let result = try audit(cli)
        #expect(result.status <= 1 && result.json["remoteSkipped"] as? Int == 1, "\(result.json)")
        #expect(try audit(cli, "--audit-roots", cli.directory.path).status == 3, "under a root it is opened")
    }

    @Test func aMovedOrDeletedCheckpointStopsFailingTheAudit() throws {
        let cli = try CLI()
        let first = try cli.model("m.safetensors", seed: 3)
        _ = try cli.ok("register", first, "--name", "acme/m:v1", "--compute", "1e20", "--trained-in", "US")
        let copy = cli.directory.file("copy.safetensors")
        try FileManager.default.copyItem(atPath: first, toPath: copy)
        _ = try cli.ok("register", copy, "--name", "acme/m:v1")
        #expect(try audit(cli).status == 0)
        // The operator moves one copy and deletes the other: every audit now fails.
        let moved = cli.directory.file("new-disk/m.safetensors")
        try FileManager.default.createDirectory(
            atPath: cli.directory.file("new-disk"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: first, toPath: moved)
        try FileManager.default.removeItem(atPath: copy)
        let failing = try audit(cli)
        #expect(failing.status == 3 && (failing.json["missing"] as? [Any])?.count == 2, "\(failing.json)")

        // Bad input: one line, exit 2, nothing recorded.
        func eventCount() throws -> String {
            try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events"]).stdout
        }
        let events = try eventCount()
        for arguments in [
            ["location", "remove", "acme/m:v1", "/no/such/place", "--reason", "x"],
            ["location", "remove", "acme/m:v1", copy],
            ["location", "remove", "acme/m:v1", copy, "--reason", "  "],
            ["location", "move", "acme/m:v1", first, "--to", cli.directory.file("absent.bin"), "--reason", "x"],
            ["location", "move", "acme/m:v1", first, "--to", "host:/a/../b", "--reason", "x"],
            ["location", "move", "acme/m:v1", first, "--to", copy, "--reason", "x"],
        ] {
            let refused = try cli.run(arguments)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(arguments): \(refused.stderr)")
        }
        #expect(try eventCount() == events)

        let move = try cli.json("location", "move", "acme/m:v1", first, "--to", moved, "--reason", "disk swap")
        #expect((move as? [String: Any])?["to"] as? String == moved)
        _ = try cli.ok("location", "remove", "acme/m:v1", copy, "--reason", "copy deleted")
        let show = try cli.json("show", "acme/m:v1") as? [String: Any]
        #expect(show?["locations"] as? [String] == [moved], "\(show ?? [:])")
        let clean = try audit(cli)
        #expect(clean.status == 0 && clean.json["checkedArtifacts"] as? Int == 1, "\(clean.json)")
        #expect(try cli.run("verify").status == 0, "the replay of the log gives the same locations")
        // Both changes are events with their reasons; registering the copy again brings it back.
        let types = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT type || ' ' || json_extract(payload, '$.reason') FROM events"]
        ).stdout
        #expect(types.contains("location.moved disk swap") && types.contains("location.removed copy deleted"))
        try FileManager.default.copyItem(atPath: moved, toPath: copy)
        _ = try cli.ok("register", copy, "--name", "acme/m:v1")
        let again = try cli.json("show", "acme/m:v1") as? [String: Any]
        #expect(Set(again?["locations"] as? [String] ?? []) == [moved, copy])
        #expect(try cli.run("verify").status == 0)
    }
}
