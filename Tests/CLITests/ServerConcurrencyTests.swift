import Foundation
import TestSupport
import Testing

/// The CLI and the server writing one ledger at once: every acknowledged write is there afterwards.
@Suite struct ServerConcurrencyTests {
    @Test func cliAndServerWriteTheSameLedgerAtOnce() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/base:v1", "--compute", "1e24")
        let registrar = try ServerAPITests.token(cli, "registrar", "cluster-a")
        let server = try LiveServer(cli: cli)
        // 64 registrations over HTTP, 16 at a time, each a distinct single-file artifact.
        var digests: [String] = []
        for index in 0..<64 {
            let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            let digest = "sha256:" + hex
            digests.append(digest)
            let body =
                #"{"digest": "\#(digest)", "form": "file", "sizeBytes": \#(1000 + index), "files": [{"path": "shard.bin", "size": \#(1000 + index), "sha256": "\#(digest)"}], "names": ["acme/http:\#(index)"], "parents": ["acme/base:v1"], "compute": {"operations": 1e20}}"#
            _ = try cli.directory.write("body-\(index).json", Array(body.utf8))
        }
        let script = """
            seq 0 63 | xargs -P 16 -I{} curl -s -o /dev/null -w '{} %{http_code}\\n' -H 'Authorization: Bearer \(registrar)' \
              -H 'Content-Type: application/json' --data-binary @body-{}.json \(server.base)/api/v1/artifacts > http.out
            """
        let http = Process()
        http.executableURL = URL(fileURLWithPath: "/bin/bash")
        http.arguments = ["-c", script]
        http.currentDirectoryURL = URL(fileURLWithPath: cli.directory.path)
        try http.run()
        // Meanwhile, the CLI registers its own files (each its own process and transaction).
        var local: [String] = []
        for index in 0..<12 {
            let result = try cli.run([
                "register", try cli.model("local-\(index).safetensors", seed: UInt64(100 + index)), "--name",
                "acme/cli:\(index)",
                "--parent", "acme/base:v1", "--compute", "1e20", "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            if result.status == 0,
                let digest = ((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any])?[
                    "artifact"] as? [String: Any]
            {
                local.append(digest["digest"] as? String ?? "")
            }
        }
        http.waitUntilExit()
        // Killed, not stopped: an acknowledged registration must not depend on a clean shutdown.
        server.crash()
        let outcome = try String(contentsOfFile: cli.directory.file("http.out"), encoding: .utf8)
        let acknowledged = outcome.split(separator: "\n").filter { $0.hasSuffix(" 201") }.compactMap {
            Int($0.split(separator: " ")[0])
        }
        #expect(acknowledged.count == 64, "every HTTP registration succeeded: \(outcome)")
        let stored = Set(
            try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT digest FROM artifacts"]).stdout.split(
                separator: "\n"
            ).map(String.init))
        for index in acknowledged {
            #expect(stored.contains(digests[index]), "acknowledged HTTP registration \(index) is in the ledger")
        }
        for digest in local { #expect(stored.contains(digest), "CLI registration \(digest) is in the ledger") }
        #expect(stored.count == 1 + 64 + 12)
        // One event each, the log intact.
        let events = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events WHERE type = 'artifact.registered'"]
        ).stdout
        #expect(events.trimmingCharacters(in: .whitespacesAndNewlines) == "77")
        #expect(try cli.run("verify").status == 0)
    }
}
