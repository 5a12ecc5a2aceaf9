import Foundation
import TestSupport
import Testing

/// `token create --out FILE` (a new file, mode 600) and `token list` (names and roles, never tokens).
@Suite struct TokenCommandsTests {
    @Test func aTokenFileIsNewAndPrivateAndWorksAsTheTokenFile() throws {
        let cli = try CLI()
        let path = cli.directory.file("cluster-a.token")
        // A permissive umask does not widen the file.
        let said = try Subprocess.run(
            "/bin/sh",
            [
                "-c", "umask 000; exec \"$0\" \"$@\"", CLI.binary, "token", "create", "--role", "registrar",
                "--name", "cluster-a", "--out", path,
            ], environment: cli.environment, directory: cli.directory.path)
        #expect(said.status == 0, "\(said.stderr)")
        #expect(said.stdout.contains("written to \(path)") && !said.stdout.contains("wlt_"), "\(said.stdout)")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let token = try String(contentsOfFile: path, encoding: .utf8)
        #expect(token.hasPrefix("wlt_") && token.hasSuffix("\n") && token.count > 40)
        // It is the token: the server knows it by its name.
        let server = try LiveServer(cli: cli)
        let reply = try server.call(
            token.trimmingCharacters(in: .whitespacesAndNewlines), ["\(server.base)/api/v1/whoami"])
        #expect(reply.status == 200 && reply.json["name"] as? String == "cluster-a")
        server.stop()

        // An existing file (or a link to one) is refused and no token is made.
        let events = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events"]).stdout
        let again = try cli.run(["token", "create", "--role", "admin", "--name", "other", "--out", path])
        #expect(again.status == 2 && again.stderr.contains(path), "\(again.stderr)")
        let link = cli.directory.file("link.token")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.directory.file("nowhere"))
        let linked = try cli.run(["token", "create", "--role", "admin", "--name", "other", "--out", link])
        #expect(linked.status == 2, "\(linked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("nowhere")))
        let missing = try cli.run([
            "token", "create", "--role", "admin", "--name", "other", "--out", cli.directory.file("no/such/dir/t"),
        ])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT COUNT(*) FROM events"]).stdout == events)
    }

    @Test func tokenListShowsNamesAndRolesOfTokensNotRevoked() throws {
        let cli = try CLI()
        #expect(try cli.run("token", "list").status == 2, "no ledger")
        _ = try cli.ok("init")
        #expect(try cli.ok("token", "list") == "no tokens\n")
        let secrets = try ["registrar", "reviewer", "admin"].map {
            try ServerAPITests.token(cli, $0, "t-\($0)")
        }
        _ = try cli.ok("token", "revoke", "t-reviewer")
        let text = try cli.ok("token", "list")
        #expect(text == "t-admin      admin\nt-registrar  registrar\n", "\(text)")
        let listed = try cli.json("token", "list") as? [[String: String]]
        #expect(listed == [["name": "t-admin", "role": "admin"], ["name": "t-registrar", "role": "registrar"]])
        for secret in secrets { #expect(!text.contains(secret)) }
    }
}
