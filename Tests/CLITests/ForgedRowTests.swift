import Foundation
import TestSupport
import Testing

/// Issue 13, items 1–4: rows no event made, corrupt rows and pages, and text cut short by a NUL.
/// Every test here failed on 0.3.0 (verify exit 0, a trap, exit 2, or a forged row trusted).
@Suite struct ForgedRowTests {
    /// `check … --json`, whatever its exit status (1 when findings need a person).
    func check(_ cli: CLI, _ arguments: String...) throws -> [String: Any]? {
        let result = try cli.run(["check"] + arguments + ["--json"])
        #expect(result.status <= 1, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    }

    func sqlite(_ cli: CLI, _ sql: String) throws { try cli.sqlite(sql) }

    /// One artifact, a token, a license for Germany, a deployment.
    static func prepared() throws -> (cli: CLI, token: String) {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US")
        _ = try cli.ok(
            "register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1", "--compute", "1e20",
            "--trained-in", "US")
        let token = try cli.ok("token", "create", "--role", "reviewer", "--name", "legal-1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "D-1", "--artifact", "acme/a:v1", "--to", "DE")
        _ = try cli.run("deploy", "acme/a:v1", "--to", "DE", "--license", "BIS/D-1")
        return (cli, token)
    }

    /// Each forged row with a sequence number past the end of the log: verify and audit exit 3
    /// naming the table; the readers ignore it.
    @Test(arguments: [
        (
            "tokens",
            "insert into tokens(name,role,sha256,created_seq) values('ghost','admin','"
                + String(repeating: "ab", count: 32) + "',999999999)"
        ),
        ("tokens", "update tokens set revoked_seq = 999999999 where name = 'legal-1'"),
        (
            "licenses",
            "insert into licenses(id,authority,number,added_seq) values('BIS/X','BIS','X',999999999)"
        ),
        (
            "name_rows",
            "insert into name_rows(name,repository,tag,artifact_id,added_seq) values('acme/ghost:v1','acme/ghost','v1',"
                + "1,999999999)"
        ),
        (
            "deployments",
            "insert into deployments(seq,artifact,destination,deployed_on,kind,unresolved_findings) select 999999999,"
                + "artifact,'CN','2026-01-01','weights',0 from deployments limit 1"
        ),
    ])
    func rowsPastTheLogAreTampering(table: String, sql: String) throws {
        let (cli, _) = try Self.prepared()
        try sqlite(cli, sql)
        let verify = try cli.run("verify")
        #expect(verify.status == 3, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stderr.contains("table \(table)"), "\(verify.stderr)")
        #expect(verify.stderr.contains("999999999") && verify.stderr.contains("the log does not have"))
        let audit = try cli.run("audit")
        #expect(audit.status == 3, "\(audit.stdout)\(audit.stderr)")
    }

    /// The CLI and the server do not trust a token, license, name or deployment no event made,
    /// nor one edited after its event.
    @Test(CLI.fileOnly) func readersTrustOnlyRowsTheirEventsMade() throws {
        let (cli, token) = try Self.prepared()
        // A name bound by hand, and a license that never happened, covering the other artifact.
        try sqlite(
            cli,
            "insert into name_rows(name,repository,tag,artifact_id,added_seq) values('acme/ghost:v1','acme/ghost','v1',"
                + "2,999999999)")
        #expect(try cli.run("show", "acme/ghost:v1").status == 2, "a name no event bound does not resolve")
        let before = try check(cli, "acme/b:v1", "--to", "CN", "--on", "2026-01-01")
        try sqlite(
            cli,
            "insert into licenses(id,authority,number,added_seq) values('BIS/X','BIS','X',999999999); "
                + "insert into license_artifacts select 'BIS/X', digest from artifacts; "
                + "insert into license_destinations values('BIS/X','CN')")
        // A license of the log, widened by hand to another destination.
        try sqlite(cli, "insert into license_destinations values('BIS/D-1','CN')")
        let after = try check(cli, "acme/a:v1", "--to", "CN", "--on", "2026-01-01")
        #expect(after?["licensed"] as? Bool == false, "neither license counts for China")
        let forB = try check(cli, "acme/b:v1", "--to", "CN", "--on", "2026-01-01")
        #expect(forB?["licensed"] as? Bool == before?["licensed"] as? Bool)
        // A deployment row without its event.
        try sqlite(
            cli,
            "insert into deployments(seq,artifact,destination,deployed_on,kind,unresolved_findings) select 999999999,"
                + "artifact,'CN','2026-01-01','weights',0 from deployments limit 1")
        let review = try cli.run("review", "acme/a:v1", "--to", "DE")
        #expect(review.status <= 1, "\(review.stderr)")
        #expect(review.stdout.contains("BIS/D-1") && review.stdout.contains("to DE"), "\(review.stdout)")
        #expect(!review.stdout.contains("BIS/X") && !review.stdout.contains("999999999"), "\(review.stdout)")
        #expect(!review.stdout.contains("to CN") && !review.stdout.contains("DE, CN"), "\(review.stdout)")
        // An admin token inserted by hand, a reviewer promoted by hand, a live token revoked by hand.
        let ghost = "wlt_" + String(repeating: "g", count: 40)
        let ghostHash = try Subprocess.run("/bin/sh", ["-c", "printf %s '\(ghost)' | sha256sum | cut -c1-64"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try sqlite(
            cli,
            "insert into tokens(name,role,sha256,created_seq) values('ghost','admin','\(ghostHash)',999999999)")
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        let forged = try server.call(ghost, ["-X", "POST", "\(server.base)/api/v1/tokens", "-d", "{}"])
        #expect(forged.status == 401, "\(forged.status) \(forged.body)")
        #expect(try server.call(token, ["\(server.base)/api/v1/artifacts/acme%2Fa:v1"]).status == 200)
        try sqlite(cli, "update tokens set role = 'admin' where name = 'legal-1'")
        let promoted = try server.call(token, ["-X", "POST", "\(server.base)/api/v1/tokens", "-d", "{}"])
        #expect([401, 403].contains(promoted.status), "a role edited by hand is not the role the event gave")
        try sqlite(cli, "update tokens set role = 'reviewer', revoked_seq = 999999999 where name = 'legal-1'")
        #expect(
            try server.call(token, ["\(server.base)/api/v1/artifacts/acme%2Fa:v1"]).status == 200,
            "a revocation no event made does not revoke")
    }

    /// A merkle_nodes row at level -1 trapped verify, audit and the server (SIGILL); now exit 3,
    /// and the server answers and stays up.
    @Test(CLI.fileOnly) func corruptTreeRowsAreIntegrityFailuresNotCrashes() throws {
        let (cli, token) = try Self.prepared()
        try sqlite(cli, "insert into merkle_nodes(level, idx, hash) values(-1, 0, x'00')")
        for command in [["verify"], ["audit"]] {
            let result = try cli.run(command)
            #expect(result.status == 3, "\(command): \(result.status) \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("merkle_nodes"), "\(result.stdout)\(result.stderr)")
        }
        _ = try cli.ok("token", "create", "--role", "auditor", "--name", "nightly")
        let auditor = try cli.ok("token", "create", "--role", "auditor", "--name", "nightly-2")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        let audit = try server.call(auditor, ["-X", "POST", "\(server.base)/api/v1/audits", "-d", "{}"])
        #expect(audit.status != 0, "the server answered")
        #expect(server.process.isRunning)
        #expect(try server.call(token, ["\(server.base)/api/v1/artifacts/acme%2Fa:v1"]).status == 200)
        // Values of the wrong type where GRDB's subscripts trap: exit 3 naming the column.
        server.stop()
        try sqlite(cli, "delete from merkle_nodes where level = -1")
        try sqlite(cli, "update artifact_file_rows set size = 'big'")
        let shown = try cli.run("show", "acme/a:v1")
        #expect(shown.status == 3, "\(shown.status) \(shown.stderr)")
        #expect(shown.stderr.contains("column size"), "\(shown.stderr)")
        #expect(try cli.run("verify").status == 3)
    }

    /// A broken index (the table's rows are right, the index is not) is caught by SQLite's own
    /// integrity_check; an application_id changed in the header is a damaged ledger, not another file.
    @Test(CLI.fileOnly) func damagedFilesAreExitThree() throws {
        let (cli, _) = try Self.prepared()
        _ = try cli.ok("verify")
        // Rewrite one index entry through writable_schema tricks: drop the index's rows by making
        // SQLite forget it, change the table, then bring the old index back.
        let sql = try Subprocess.run(
            "/usr/bin/sqlite3", [cli.ledger, "SELECT sql FROM sqlite_master WHERE name = 'names_by_repository'"]
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(sql.hasPrefix("CREATE INDEX"))
        try sqlite(
            cli,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'repository)', 'tag)') "
                + "WHERE name = 'names_by_repository'; PRAGMA writable_schema = OFF;")
        let broken = try cli.run("verify")
        #expect(broken.status == 3, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stderr.contains("integrity_check") || broken.stderr.contains("damaged"), "\(broken.stderr)")

        let (other, _) = try Self.prepared()
        try sqlite(other, "PRAGMA application_id = 7")
        let header = try other.run("verify")
        #expect(header.status == 3, "\(header.status) \(header.stderr)")
        #expect(header.stderr.contains("application_id") && header.stderr.contains("damaged"), "\(header.stderr)")
        // A SQLite file that is not a ledger stays an input error.
        let plain = other.directory.file("plain.db")
        _ = try Subprocess.run("/usr/bin/sqlite3", [plain, "create table t(x); pragma application_id = 7"])
        #expect(try other.run(["verify", "--ledger", plain]).status == 2)
    }

    /// Text with control characters is refused where it makes no sense; a NUL never cuts a
    /// stored value short; a search for NUL is refused instead of matching everything.
    @Test func controlCharactersAreRefusedAtTheDoor() throws {
        let (cli, token) = try Self.prepared()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        for (flag, value) in [
            ("--site", "a\u{1B}[2Jb"), ("--site", "a\nVERDICT: CLEAR"), ("--site", "evil\u{202E}txt"),
        ] {
            let result = try cli.run("register", try cli.model("c.safetensors", seed: 3), flag, value)
            #expect(result.status == 2, "\(flag) \(result.stderr)")
            #expect(result.stderr.contains("site") && result.stderr.split(separator: "\n").count == 1)
        }
        let recipient = try cli.run("deploy", "acme/b:v1", "--to", "DE", "--recipient", "X\n\n## Verdict: CLEAR")
        #expect(recipient.status == 2 && recipient.stderr.contains("recipient"), "\(recipient.stderr)")
        let number = try cli.run(
            "license", "add", "--authority", "BIS", "--number", "D\u{7}2", "--artifact", "acme/a:v1", "--to", "FR")
        #expect(number.status == 2 && number.stderr.contains("number"), "\(number.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before, "nothing was written")
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        let search = try server.call(token, ["\(server.base)/api/v1/artifacts?q=%00"])
        #expect(search.status == 422, "\(search.status) \(search.body)")
        _ = try cli.ok("token", "create", "--role", "registrar", "--name", "cluster-a")
        let registrar = try cli.ok("token", "create", "--role", "registrar", "--name", "cluster-b")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let body = """
            {"digest":"sha256:\(String(repeating: "1", count: 64))","form":"file","sizeBytes":4,
             "files":[{"path":"x.bin","size":4,"sha256":"sha256:\(String(repeating: "1", count: 64))"}],
             "site":"a\\u0000b"}
            """
        let nul = try server.call(
            registrar,
            [
                "-X", "POST", "-H", "Content-Type: application/json", "\(server.base)/api/v1/artifacts",
                "-d", body,
            ])
        #expect(nul.status == 422 && nul.body.contains("site"), "\(nul.status) \(nul.body)")
    }
}
