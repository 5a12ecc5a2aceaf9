import Foundation
import TestSupport
import Testing

/// The PostgreSQL backend (issue 17) against a real server: the same answers as a file, appends
/// from several processes, the log's guards against rewriting, roles, migrations, copies.
@Suite(.enabled(if: TestDatabase.available, "needs WEIGHTLEDGER_TEST_POSTGRES (a PostgreSQL server)"))
struct PostgresTests {
    /// A file ledger with lineage, organisations, publications, names, a deployment and a license.
    static func fileLedger() throws -> CLI {
        let cli = try CLI(postgres: false)
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US", "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1", "--parent", "acme/a:v1",
            "--compute", "1e24", "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("c.safetensors", seed: 3), "--name", "acme/c:v1", "--kind", "quantize",
            "--parent", "acme/b:v1")
        _ = try cli.ok("name", "add", "acme/a:v1", "acme/a:stable")
        _ = try cli.ok("publish", "acme/b:v1", "--url", "https://example.com/b", "--on", "2026-06-01")
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "D123", "--artifact", "acme/a:v1", "--to", "IN",
            "--valid-until", "2027-01-01")
        let deployed = try cli.run("deploy", "acme/a:v1", "--to", "DE", "--policy", "us-bis-ai-diffusion-2025")
        #expect(deployed.status <= 1, "\(deployed.stderr)")
        _ = try cli.ok("key", "generate", "--name", "ledger.example.com/acme", "--out", cli.directory.file("k.pem"))
        _ = try cli.ok(
            "log", "checkpoint", "--sign", cli.directory.file("k.pem"), "--out", cli.directory.file("cp.txt"))
        return cli
    }

    /// Runs `arguments` on `cli`'s ledger and on `url`'s (a database, with `mirror`), returning both stdouts.
    static func both(_ cli: CLI, _ url: String, mirror: String, _ arguments: [String]) throws -> (String, String) {
        let file = try cli.run(arguments + ["--ledger", cli.ledger])
        let database = try cli.run(arguments + ["--database", url], environment: ["WEIGHTLEDGER_MIRROR": mirror])
        #expect(file.status == database.status, "\(arguments): \(file.stderr) | \(database.stderr)")
        return (file.stdout, database.stdout)
    }

    /// A database that cannot be reached is exit 4 (try again later), as a server that cannot be;
    /// one that answers and refuses (no such role, no schema) stays exit 2.
    @Test func anUnreachableDatabaseIsExitFourAndARefusalExitTwo() throws {
        let cli = try CLI(postgres: false)
        let port = ServerTests.freePort()
        for arguments in [["list"], ["show", "acme/x:v1"], ["audit", "--rehash", "none"], ["verify"]] {
            let result = try cli.run(arguments + ["--database", "postgresql://wl@127.0.0.1:\(port)/ledger"])
            #expect(result.status == 4, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot reach") && result.stderr.contains("127.0.0.1:\(port)"))
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let admin = try #require(TestDatabase.admin)
        var refused = try #require(URLComponents(string: admin))
        refused.user = "no_such_role_here"
        let url = try #require(refused.string)
        let result = try cli.run(["list", "--database", url])
        #expect(result.status == 2 && result.stderr.contains("cannot use"), "\(result.stderr)")
        let empty = try TestDatabase { _ in }
        let unmigrated = try cli.run(["list", "--database", empty.url])
        #expect(unmigrated.status == 2 && unmigrated.stderr.contains("migrate"), "\(unmigrated.stderr)")
    }

    @Test func aCopyInPostgreSQLAnswersAsTheFileDoesAndCopiesBack() throws {
        let cli = try Self.fileLedger()
        let database = try TestDatabase()
        let mirror = cli.directory.file("pg-mirror.db")
        let copied = try cli.run(
            ["copy", "--from", cli.ledger, "--to", database.url, "--json"], environment: ["WEIGHTLEDGER_MIRROR": mirror]
        )
        #expect(copied.status == 0, "\(copied.stderr)")
        let copy = try JSONSerialization.jsonObject(with: Data(copied.stdout.utf8)) as? [String: Any] ?? [:]
        // The same root, from the database's own subtrees, and verify proves the rest.
        let (fileVerify, databaseVerify) = try Self.both(cli, database.url, mirror: mirror, ["verify", "--json"])
        let fileRoot =
            (try JSONSerialization.jsonObject(with: Data(fileVerify.utf8)) as? [String: Any])?["root"] as? String
        let databaseRoot =
            (try JSONSerialization.jsonObject(with: Data(databaseVerify.utf8)) as? [String: Any])?["root"] as? String
        #expect(fileRoot != nil && fileRoot == databaseRoot && copy["root"] as? String == fileRoot)
        #expect(try database.sql("SELECT COUNT(*) FROM events") == String(copy["events"] as? Int ?? -1))
        // Every read answers byte for byte as the file does.
        for arguments in [
            ["show", "acme/c:v1", "--json"], ["lineage", "acme/c:v1", "--json"], ["list", "--json"],
            ["flags", "--json"], ["flags", "--all"], ["list"], ["log", "prove", "acme/b:v1"],
            ["log", "prove", "3", "--json"],
            ["check", "acme/b:v1", "--to", "CN", "--on", "2026-11-25", "--json"],
        ] {
            let (file, db) = try Self.both(cli, database.url, mirror: mirror, arguments)
            #expect(file == db, "\(arguments.joined(separator: " ")) differs")
            #expect(!file.isEmpty, "\(arguments.joined(separator: " ")) printed nothing")
        }
        // A write on the database, then the same write on the file: the same answers again.
        for ledger in [["--ledger", cli.ledger], ["--database", database.url]] {
            let result = try cli.run(
                ["register", try cli.model("d.safetensors", seed: 4), "--name", "acme/d:v1", "--parent", "acme/c:v1"]
                    + ledger, environment: ["WEIGHTLEDGER_MIRROR": mirror])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let (fileShow, dbShow) = try Self.both(cli, database.url, mirror: mirror, ["show", "acme/d:v1", "--json"])
        // Written at different instants, so only the times may differ; every other key is the same.
        let fileObject = try JSONSerialization.jsonObject(with: Data(fileShow.utf8)) as? [String: Any] ?? [:]
        let dbObject = try JSONSerialization.jsonObject(with: Data(dbShow.utf8)) as? [String: Any] ?? [:]
        #expect(fileObject["digest"] as? String != nil && Set(fileObject.keys) == Set(dbObject.keys))
        let differing = fileObject.keys.filter { key in
            !NSDictionary(dictionary: [key: fileObject[key] ?? NSNull()]).isEqual(
                to: [key: dbObject[key] ?? NSNull()])
        }
        #expect(Set(differing).isSubset(of: ["registeredAt", "asOf"]), "differing: \(differing.sorted())")
        // And back to a new file, which verifies with the database's root.
        let back = cli.directory.file("back.db")
        let returned = try cli.run(
            ["copy", "--from", database.url, "--to", back, "--json"], environment: ["WEIGHTLEDGER_MIRROR": mirror])
        #expect(returned.status == 0, "\(returned.stderr)")
        let verified = try cli.run(["verify", "--ledger", back, "--json"])
        #expect(verified.status == 0, "\(verified.stderr)")
        let returnedRoot = (try JSONSerialization.jsonObject(with: Data(returned.stdout.utf8)) as? [String: Any])?[
            "root"]
        let verifiedRoot = (try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])?[
            "root"]
        #expect(returnedRoot as? String != nil && returnedRoot as? String == verifiedRoot as? String)
        // A target with events is refused, untouched.
        let again = try cli.run(
            ["copy", "--from", cli.ledger, "--to", database.url], environment: ["WEIGHTLEDGER_MIRROR": mirror])
        #expect(again.status == 2 && again.stderr.contains("copy fills an empty ledger only"), "\(again.stderr)")
    }

    @Test func appendsFromSeveralProcessesAreNumberedWithoutGaps() throws {
        let cli = try CLI(postgres: true)
        let database = try #require(cli.database)
        _ = try cli.ok("init")
        let writers = 4
        let each = 5
        let processes: [Process] = try (0..<writers).map { writer in
            let script = try (0..<each).map { index -> String in
                let model = cli.directory.file("m\(writer)-\(index).bin")
                try Data("model \(writer) \(index)".utf8).write(to: URL(fileURLWithPath: model))
                return "'\(CLI.binary)' register '\(model)' --name acme/w\(writer):v\(index) --compute 1e20 || exit 1"
            }.joined(separator: "\n")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            var environment = ProcessInfo.processInfo.environment
            environment["WEIGHTLEDGER_DATABASE"] = database.url
            environment["WEIGHTLEDGER_MIRROR"] = cli.directory.file("mirror-\(writer).db")
            environment["WEIGHTLEDGER_ACTOR"] = "writer\(writer)@test"
            process.environment = environment
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let total = writers * each + 1
        #expect(try database.sql("SELECT COUNT(*) || ' ' || MAX(seq) FROM events") == "\(total) \(total)")
        #expect(try database.sql("SELECT COUNT(*) FROM merkle_nodes") == String(2 * total - total.nonzeroBitCount))
        // A new mirror is built from the log and verifies; every writer's artifacts are there.
        let fresh = try cli.run(
            ["verify", "--json"], environment: ["WEIGHTLEDGER_MIRROR": cli.directory.file("new.db")])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let list = try cli.run(["list"], environment: ["WEIGHTLEDGER_MIRROR": cli.directory.file("new.db")])
        #expect(list.stdout.split(separator: "\n").count == writers * each)
    }

    @Test func theLogRefusesRewritesAndARewrittenLogIsAnIntegrityFailure() throws {
        let cli = try CLI(postgres: true)
        let database = try #require(cli.database)
        for seed in 1...3 as ClosedRange<UInt64> {
            _ = try cli.ok("register", try cli.model("m\(seed).safetensors", seed: seed), "--name", "acme/m:v\(seed)")
        }
        // The triggers refuse whoever asks, the owner too.
        for statement: String in [
            "UPDATE events SET actor = 'mallory' WHERE seq = 2", "DELETE FROM events WHERE seq = 4",
            "TRUNCATE events", "UPDATE merkle_nodes SET idx = idx + 100", "DELETE FROM merkle_nodes",
            "INSERT INTO events VALUES (9, 't', 'a', 'x', '{}', 'h')",
        ] {
            let refused = try database.refused(statement)
            #expect(refused.contains("append-only") || refused.contains("in sequence only"), "\(statement): \(refused)")
        }
        #expect(try cli.run("verify").status == 0)
        // With a trigger disabled (the owner can), a rewritten event is found.
        try database.sql(
            "ALTER TABLE events DISABLE TRIGGER events_refuse_change; "
                + "UPDATE events SET actor = 'mallory' WHERE seq = 2; "
                + "ALTER TABLE events ENABLE TRIGGER events_refuse_change")
        let rewritten = try cli.run("verify")
        #expect(rewritten.status == 3 && rewritten.stderr.contains("event 2"), "\(rewritten.stderr)")
        // A rewrite of the tree too (to hide the first): the mirror, which holds the old tree, refuses the log.
        try database.sql(
            "ALTER TABLE merkle_nodes DISABLE TRIGGER merkle_nodes_refuse_change; "
                + "UPDATE merkle_nodes SET hash = sha256(hash) WHERE (level, idx) IN ((0, 1), (1, 0), (2, 0)); "
                + "ALTER TABLE merkle_nodes ENABLE TRIGGER merkle_nodes_refuse_change")
        let shown = try cli.run("list")
        #expect(shown.status == 3 && shown.stderr.contains("rewritten"), "\(shown.stderr)")
        // A dropped guard is named.
        let second = try CLI(postgres: true)
        _ = try second.ok("register", try second.model("x.safetensors", seed: 9))
        try #require(second.database).sql("DROP TRIGGER events_in_sequence ON events")
        let unguarded = try second.run("verify")
        #expect(unguarded.status == 3 && unguarded.stderr.contains("events_in_sequence"), "\(unguarded.stderr)")
    }

    @Test func aDatabaseThatLostEventsIsRefusedByTheMirrorThatHoldsThem() throws {
        let cli = try CLI(postgres: true)
        let database = try #require(cli.database)
        for seed in 1...2 as ClosedRange<UInt64> {
            _ = try cli.ok("register", try cli.model("m\(seed).safetensors", seed: seed), "--name", "acme/m:v\(seed)")
        }
        // As a restore from an older backup would: the last event and its subtrees are gone.
        try database.sql(
            "ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE merkle_nodes DISABLE TRIGGER USER; "
                + "DELETE FROM events WHERE seq = 3; DELETE FROM merkle_nodes WHERE (level = 0 AND idx = 2); "
                + "ALTER TABLE events ENABLE TRIGGER USER; ALTER TABLE merkle_nodes ENABLE TRIGGER USER")
        let result = try cli.run("show", "acme/m:v1")
        #expect(result.status == 3 && result.stderr.contains("lost events"), "\(result.stderr)")
        // Nothing is written on top of the gap.
        let write = try cli.run("register", try cli.model("m9.safetensors", seed: 9))
        #expect(write.status == 3 && write.stderr.contains("lost events"), "\(write.stderr)")
        #expect(try database.sql("SELECT COUNT(*) FROM events") == "2")
    }

    @Test func aChangedMirrorIsRefusedAndADeletedOneIsRebuilt() throws {
        let cli = try CLI(postgres: true)
        for seed in 1...3 as ClosedRange<UInt64> {
            _ = try cli.ok("register", try cli.model("m\(seed).safetensors", seed: seed), "--name", "acme/m:v\(seed)")
        }
        let expected = try cli.ok("list")
        // A subtree of the mirror edited: verify names the mirror.
        try cli.sqlite(
            "DROP TRIGGER IF EXISTS merkle_nodes_refuse_update; UPDATE merkle_nodes SET hash = zeroblob(32) "
                + "WHERE level = 0 AND idx = 0")
        let verify = try cli.run("verify")
        #expect(verify.status == 3 && verify.stderr.contains("mirror"), "\(verify.stderr)")
        // Its last event deleted (its subtrees left): catching up finds the mirror contradicts itself.
        try FileManager.default.removeItem(atPath: cli.ledger)
        #expect(try cli.ok("list") == expected, "a deleted mirror is rebuilt from the log")
        try cli.sqlite("DROP TRIGGER events_refuse_delete; DELETE FROM events WHERE seq = 4")
        let next = try cli.run("list")
        #expect(next.status == 3 && next.stderr.contains("mirror"), "\(next.stderr)")
        #expect(try #require(cli.database).sql("SELECT COUNT(*) FROM events") == "4")
    }

    @Test func theServersRoleCanAppendButNotRewrite() throws {
        let database = try TestDatabase()
        let role = "wl_server_" + database.name.suffix(8)
        // The grants docs/postgresql.md gives the servers' role.
        try database.sql(
            """
            CREATE ROLE \(role) LOGIN PASSWORD 'pw-\(role)';
            GRANT CONNECT ON DATABASE \(database.name) TO \(role);
            GRANT USAGE ON SCHEMA public TO \(role);
            GRANT SELECT, INSERT ON events, merkle_nodes TO \(role);
            GRANT SELECT ON weightledger_migrations TO \(role);
            """)
        defer { _ = try? database.sql("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let url = database.url(user: role, password: "pw-\(role)")
        let cli = try CLI(postgres: false)
        let environment = ["WEIGHTLEDGER_DATABASE": url, "WEIGHTLEDGER_MIRROR": cli.directory.file("m.db")]
        let registered = try cli.run(
            ["register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1"], environment: environment)
        #expect(registered.status == 0, "\(registered.stderr)")
        // Its password never appears in a message.
        let missing = try cli.run(["show", "acme/nope:v1"], environment: environment)
        #expect(missing.status == 2 && !missing.stderr.contains("pw-"), "\(missing.stderr)")
        for statement: String in [
            "UPDATE events SET actor = 'x'", "DELETE FROM events", "DROP TABLE events",
            "ALTER TABLE events DISABLE TRIGGER USER",
        ] {
            let refused = try Subprocess.run("/usr/bin/psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", statement])
            #expect(
                refused.status != 0
                    && (refused.stderr.contains("permission denied") || refused.stderr.contains("must be owner")),
                "\(statement): \(refused.stderr)")
        }
        // A current schema needs nothing from it; a pending migration is the owner's to apply.
        let current = try cli.run(["migrate", "--database", url])
        #expect(current.status == 0 && current.stdout.contains("nothing changed"), "\(current.stderr)")
        try database.sql("DELETE FROM weightledger_migrations WHERE id LIKE '%-v2-sessions'")
        let pending = try cli.run(["migrate", "--database", url])
        #expect(pending.status == 2 && pending.stderr.contains("permission denied"), "\(pending.stderr)")
        #expect(try database.sql("SELECT COUNT(*) FROM weightledger_migrations") == "1")
        try database.sql("INSERT INTO weightledger_migrations (id) VALUES ('2026-12-04-v2-sessions')")
        #expect(try cli.run(["verify"], environment: environment).status == 0)
    }

    @Test func migrationsAreRequiredAndANewerOrForeignSchemaIsRefused() throws {
        let cli = try CLI(postgres: false)
        let bare = try TestDatabase(migrated: false)
        let environment = ["WEIGHTLEDGER_MIRROR": cli.directory.file("m.db")]
        let unmigrated = try cli.run(["list", "--database", bare.url], environment: environment)
        #expect(unmigrated.status == 2 && unmigrated.stderr.contains("weightledger migrate"), "\(unmigrated.stderr)")
        let migrated = try cli.run(["migrate", "--database", bare.url, "--json"])
        #expect(migrated.status == 0 && migrated.stdout.contains("v1-log"), "\(migrated.stderr)")
        #expect(try cli.run(["migrate", "--database", bare.url]).stdout.contains("nothing changed"))
        try bare.sql("INSERT INTO weightledger_migrations (id) VALUES ('2099-01-01-v99-future')")
        let newer = try cli.run(["list", "--database", bare.url], environment: environment)
        #expect(newer.status == 2 && newer.stderr.contains("newer WeightLedger"), "\(newer.stderr)")
        let foreign = try TestDatabase(migrated: false)
        try foreign.sql("CREATE TABLE events (id INT)")
        let refused = try cli.run(["migrate", "--database", foreign.url])
        #expect(refused.status == 2 && refused.stderr.contains("another application"), "\(refused.stderr)")
        // URLs that cannot be used are refused with the reason, never the password.
        for url in [
            "postgresql://localhost/db", "postgresql://u:secret@localhost/db?sslmode=allow",
            "postgresql://u:secret@localhost/", "postgresql://u:secret@localhost/db?color=blue",
        ] {
            let result = try cli.run(["list", "--database", url], environment: environment)
            #expect(
                result.status == 2 && !result.stderr.contains("secret") && !result.stderr.isEmpty,
                "\(url): \(result.stderr)")
        }
        let both = try cli.run(["list", "--database", bare.url, "--ledger", cli.ledger])
        #expect(both.status == 2 && both.stderr.contains("not both"))
    }

    @Test func twoServersOnOneDatabaseSeeEachOthersWrites() throws {
        let cli = try CLI(postgres: true)
        _ = try cli.ok("register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1")
        let token = try cli.ok("token", "create", "--role", "registrar", "--name", "ci").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let tokenFile = try cli.directory.write("token", Array(token.utf8))
        let one = try LiveServer(cli: cli, mirror: cli.directory.file("one.db"))
        let two = try LiveServer(cli: cli, mirror: cli.directory.file("two.db"))
        for (index, server) in [one, two, one, two].enumerated() {
            let result = try cli.run([
                "register", try cli.model("s\(index).safetensors", seed: UInt64(10 + index)), "--name",
                "acme/s:v\(index)", "--server", server.base, "--token-file", tokenFile,
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for server in [one, two] {
            let list = try server.call(token, ["\(server.base)/api/v1/artifacts"])
            #expect(list.status == 200 && (0..<4).allSatisfy { list.body.contains("acme/s:v\($0)") }, "\(list.body)")
        }
        // A browser signed in through one server is signed in on the other; signing out on one ends it on both.
        let reviewer = try SessionSecurityTests.token(cli, "reviewer", "legal-1")
        let jar = cli.directory.file("jar")
        let signIn = try SessionSecurityTests.post(
            "\(one.base)/login",
            ["-c", jar, "--data-raw", "token=\(reviewer)", "-H", "Content-Type: application/x-www-form-urlencoded"])
        #expect(signIn.status == 303, "\(signIn.body)")
        let elsewhere = try ServerTests.curl(["-b", jar, "\(two.base)/artifacts"])
        #expect(elsewhere.status == 200 && elsewhere.body.contains("signed in as legal-1"), "\(elsewhere.status)")
        #expect(try #require(cli.database).sql("SELECT COUNT(*) FROM sessions") == "1")
        let signOut = try SessionSecurityTests.post("\(two.base)/logout", ["-b", jar])
        #expect(signOut.status == 303)
        let after = try ServerTests.curl(["-b", jar, "\(one.base)/artifacts"])
        #expect(after.status == 303, "\(after.status)")
        #expect(try #require(cli.database).sql("SELECT COUNT(*) FROM sessions") == "0")
        // The audit lock is the database's: while another session holds it, an audit anywhere is refused.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        holder.arguments = [
            try #require(cli.database).url, "-qAt", "-c", "SELECT pg_advisory_lock(95985074634754)", "-c",
            "SELECT pg_sleep(30)",
        ]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        var held = false
        for _ in 0..<400 where !held {
            held =
                try #require(cli.database).sql(
                    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database())")
                == "1"
            if !held { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(held)
        let locked = try cli.run("audit", "--rehash", "none")
        #expect(locked.status == 2 && locked.stderr.contains("another audit"), "\(locked.stderr)")
        holder.terminate()
        holder.waitUntilExit()
        // The database ends the holder's session (and its advisory lock) after the process has
        // gone, not with it: the next audit waits for it rather than racing it.
        let audited = try cli.run("audit", "--rehash", "none", "--wait")
        #expect(audited.status <= 1, "\(audited.stderr)")
        #expect(try cli.run("verify").status == 0)
        #expect(Int(try #require(cli.database).sql("SELECT MAX(seq) FROM events")) ?? 0 >= 8)
    }
}
