import Foundation
import Hashing
import TestSupport
import Testing
import TransparencyLog

/// The tamper-evident log through the binary: keys, checkpoints, proofs, and every kind of
/// tampering `verify` must catch with exit 3.
@Suite struct LogCLITests {
    /// Three registrations, a name, a signed checkpoint kept outside (cp.txt), then one more event.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US")
        _ = try cli.ok(
            "register", try cli.model("b.safetensors", seed: 2), "--name", "acme/b:v1", "--parent", "acme/a:v1",
            "--compute", "1e24")
        _ = try cli.ok(
            "register", try cli.model("c.safetensors", seed: 3), "--name", "acme/c:v1", "--kind", "quantize",
            "--parent", "acme/b:v1")
        _ = try cli.ok("name", "add", "acme/a:v1", "acme/a:stable")
        _ = try cli.ok("key", "generate", "--name", "ledger.example.com/acme", "--out", cli.directory.file("k.pem"))
        _ = try cli.ok(
            "log", "checkpoint", "--sign", cli.directory.file("k.pem"), "--out", cli.directory.file("cp.txt"))
        // Recorded whatever it finds (no exporter is recorded, so License Exception AIA is undetermined: exit 1).
        let deployed = try cli.run("deploy", "acme/a:v1", "--to", "DE", "--policy", "us-bis-ai-diffusion-2025")
        guard deployed.status <= 1 else { throw CLI.Failure("deploy exited \(deployed.status): \(deployed.stderr)") }
        return cli
    }

    func sqlite(_ cli: CLI, _ sql: String) throws { try cli.sqlite(sql) }

    func verify(_ cli: CLI) throws -> ProcessResult {
        try cli.run([
            "verify", "--checkpoint", cli.directory.file("cp.txt"), "--public-key", cli.directory.file("k.pem.pub"),
        ])
    }

    @Test func keysArePEMThatOpensslReadsAndPrivateKeysMustBePrivate() throws {
        let cli = try CLI()
        let path = cli.directory.file("k.pem")
        let out = try cli.ok("key", "generate", "--name", "ledger.example.com/test", "--out", path)
        #expect(out.contains("verifier key: ledger.example.com/test+"))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let pkey = try Subprocess.run("/usr/bin/openssl", ["pkey", "-in", path, "-pubout"])
        #expect(pkey.status == 0)
        #expect(try String(contentsOfFile: path + ".pub", encoding: .utf8).hasSuffix(pkey.stdout))
        // Never overwritten.
        let again = try cli.run("key", "generate", "--name", "x", "--out", path)
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        // A private key others can read is refused, and nothing is recorded.
        _ = try cli.ok("register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1")
        #expect(chmod(path, 0o644) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let refused = try cli.run("log", "checkpoint", "--sign", path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("readable by others"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
        // A key made by openssl (no name line) signs with --origin.
        let genpkey = try Subprocess.run(
            "/usr/bin/openssl", ["genpkey", "-algorithm", "ed25519", "-out", cli.directory.file("o.pem")])
        #expect(genpkey.status == 0)
        #expect(chmod(cli.directory.file("o.pem"), 0o600) == 0)
        let signed = try cli.run(
            "log", "checkpoint", "--sign", cli.directory.file("o.pem"), "--origin", "ops.example.com/ledger")
        #expect(signed.status == 0 && signed.stdout.hasPrefix("ops.example.com/ledger\n2\n"), "\(signed.stderr)")
    }

    @Test func checkpointsProofsAndConsistencyHoldAndCheckOut() throws {
        let cli = try Self.prepared()
        let note = try String(contentsOfFile: cli.directory.file("cp.txt"), encoding: .utf8)
        // The note is a C2SP signed note over a tlog-checkpoint; our own parser and the key agree.
        let publicKey = try Ed25519Key.pem(try String(contentsOfFile: cli.directory.file("k.pem.pub"), encoding: .utf8))
        let signed = try SignedNote.parse(note)
        #expect(try signed.verify(with: NoteKey(name: "ledger.example.com/acme", key: publicKey)) == true)
        let checkpoint = try Checkpoint.parse(signed.text)
        #expect(checkpoint.origin == "ledger.example.com/acme" && checkpoint.size == 5)

        // A second checkpoint covers the deployment; prove an artifact's registration against it.
        _ = try cli.ok("log", "checkpoint", "--sign", cli.directory.file("k.pem"))
        let proof = try #require(try cli.json("log", "prove", "acme/b:v1") as? [String: Any])
        #expect(proof["seq"] as? Int == 3 && proof["treeSize"] as? Int == 7 && proof["verified"] as? Bool == true)
        let path = ((proof["proof"] as? [String]) ?? []).map(hexBytes)
        #expect(
            ProofVerifier.verifyInclusion(
                index: 2, size: 7, leafHash: hexBytes(proof["leafHash"] as! String), proof: path,
                root: hexBytes(proof["rootHash"] as! String)))
        #expect(try cli.run("log", "prove", "99").status == 2)

        let consistency = try #require(
            try cli.json(
                "log", "consistency", "--from", cli.directory.file("cp.txt"),
                "--public-key", cli.directory.file("k.pem.pub")) as? [String: Any])
        #expect(
            consistency["consistent"] as? Bool == true && consistency["oldSize"] as? Int == 5
                && consistency["newSize"] as? Int == 8)
        #expect(
            ProofVerifier.verifyConsistency(
                old: 5, new: 8, proof: ((consistency["proof"] as? [String]) ?? []).map(hexBytes),
                oldRoot: checkpoint.rootHash, newRoot: hexBytes(consistency["newRoot"] as! String)))

        let verified = try verify(cli)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("ok: 8 events"))
        let json = try #require(try cli.json("verify") as? [String: Any])
        #expect(json["status"] as? String == "ok" && json["checkpointsChecked"] as? Int == 2)
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let mentions: String
        var testDescription: String { name }
    }

    static let tampering: [Tamper] = [
        Tamper(
            name: "a payload byte changed",
            sql:
                "DROP TRIGGER events_refuse_update; UPDATE events SET payload = replace(payload, '1e+24', '2e+24') "
                + "WHERE seq = 3;",
            mentions: "event 3: its payload does not match"),
        Tamper(
            name: "an event deleted", sql: "DROP TRIGGER events_refuse_delete; DELETE FROM events WHERE seq = 2;",
            mentions: "event 2 is missing"),
        Tamper(
            name: "the last event deleted", sql: "DROP TRIGGER events_refuse_delete; DELETE FROM events WHERE seq = 7;",
            mentions: "events deleted"),
        Tamper(
            name: "two events swapped",
            sql: """
                DROP TRIGGER events_refuse_update;
                UPDATE events SET payload = (SELECT payload FROM events e WHERE e.seq = 5 - events.seq), type = \
                (SELECT type FROM events e WHERE e.seq = 5 - events.seq),
                    payload_sha256 = (SELECT payload_sha256 FROM events e WHERE e.seq = 5 - events.seq) WHERE seq IN \
                (2, 3);
                """, mentions: "event 2"),
        Tamper(
            name: "a projection row edited",
            sql: "UPDATE training_record_rows SET compute_operations = 1e20 WHERE compute_operations = 3e26;",
            mentions: "table training_record_rows"),
        Tamper(
            name: "a name re-pointed",
            sql:
                "UPDATE name_rows SET artifact_id = (SELECT id FROM artifacts ORDER BY registered_seq DESC LIMIT 1) "
                + "WHERE name = 'acme/a:stable';",
            mentions: "table name_rows"),
        Tamper(
            name: "a text stored as a blob of the same bytes",
            sql: "UPDATE artifacts SET registered_at = CAST(registered_at AS BLOB) WHERE id = 1;",
            mentions: "table artifacts: stored row"),
        Tamper(
            name: "a file row added",
            sql:
                "INSERT INTO artifact_file_rows (artifact_id, path, size, sha256) SELECT id, 'extra.bin', 1, digest "
                + "FROM artifacts ORDER BY id LIMIT 1;",
            mentions: "table artifact_file_rows: stored row"),
        Tamper(
            name: "a file row deleted",
            sql:
                "DELETE FROM artifact_file_rows WHERE artifact_id = (SELECT MAX(artifact_id) FROM artifact_file_rows);",
            mentions: "table artifact_file_rows: row"),
        Tamper(
            name: "a name's key changed",
            sql: "UPDATE name_rows SET name = 'acme/zz:stable' WHERE name = 'acme/a:stable';",
            mentions: "table name_rows: stored row"),
        Tamper(
            name: "a stored subtree edited",
            sql: "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 0;",
            mentions: "table merkle_nodes"),
        Tamper(
            name: "a recorded checkpoint edited",
            sql: "UPDATE checkpoints SET root_hash = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';",
            mentions: "checkpoint at event 6"),
    ]

    @Test(CLI.fileOnly, arguments: tampering)
    func tamperingIsCaught(_ tamper: Tamper) throws {
        let cli = try Self.prepared()
        #expect(try verify(cli).status == 0)
        try sqlite(cli, tamper.sql)
        let result = try verify(cli)
        #expect(result.status == 3, "\(tamper.name): exit \(result.status) \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(
            result.stderr.contains("integrity failure") && result.stderr.contains(tamper.mentions), "\(result.stderr)")
    }

    @Test(CLI.fileOnly) func aPayloadRewrittenWithAMatchingHashIsCaught() throws {
        let cli = try Self.prepared()
        let stored = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "SELECT payload FROM events WHERE seq = 2"])
            .stdout
            .trimmingCharacters(in: .newlines)
        let forged = stored.replacingOccurrences(of: "3e+26", with: "9e+25")
        #expect(forged != stored)
        let hash = try SHA256.hash(Array(forged.utf8)).hex
        try sqlite(
            cli,
            "DROP TRIGGER events_refuse_update; UPDATE events SET payload = '\(forged)', payload_sha256 = '\(hash)' "
                + "WHERE seq = 2; "
                + "UPDATE training_record_rows SET compute_operations = 9e25 WHERE compute_operations = 3e26;")
        let result = try verify(cli)
        #expect(result.status == 3)
        #expect(result.stderr.contains("event 2 does not match its leaf"), "\(result.stderr)")
    }

    @Test func aCheckpointSignedByAnotherKeyIsRefused() throws {
        let cli = try Self.prepared()
        _ = try cli.ok("key", "generate", "--name", "ledger.example.com/acme", "--out", cli.directory.file("other.pem"))
        _ = try cli.ok(
            "log", "checkpoint", "--sign", cli.directory.file("other.pem"), "--out", cli.directory.file("forged.txt"))
        let result = try cli.run([
            "verify", "--checkpoint", cli.directory.file("forged.txt"), "--public-key", cli.directory.file("k.pem.pub"),
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("not signed by the given key"), "\(result.stderr)")
        // A genuine checkpoint with one altered line fails its signature.
        let genuine = try String(contentsOfFile: cli.directory.file("cp.txt"), encoding: .utf8)
        let lines = genuine.split(separator: "\n", omittingEmptySubsequences: false)
        let altered = ([lines[0], "4"] + lines.dropFirst(2)).joined(separator: "\n")
        try Data(altered.utf8).write(to: URL(fileURLWithPath: cli.directory.file("altered.txt")))
        let alteredResult = try cli.run([
            "verify", "--checkpoint", cli.directory.file("altered.txt"), "--public-key",
            cli.directory.file("k.pem.pub"),
        ])
        #expect(
            alteredResult.status == 3 && alteredResult.stderr.contains("does not verify"), "\(alteredResult.stderr)")
    }

    @Test(CLI.fileOnly) func aLogRolledBackToAnEarlierSizeIsCaught() throws {
        let cli = try Self.prepared()
        let earlier = cli.directory.file("earlier.db")
        try FileManager.default.copyItem(atPath: cli.ledger, toPath: earlier)
        _ = try cli.ok("register", try cli.model("d.safetensors", seed: 4), "--name", "acme/d:v1")
        _ = try cli.ok(
            "log", "checkpoint", "--sign", cli.directory.file("k.pem"), "--out", cli.directory.file("cp2.txt"))
        // Someone with write access restores the older file: internally consistent, but shorter.
        try FileManager.default.removeItem(atPath: cli.ledger)
        try FileManager.default.copyItem(atPath: earlier, toPath: cli.ledger)
        #expect(try cli.run(["verify"]).status == 0, "on its own the older file is consistent")
        let result = try cli.run([
            "verify", "--checkpoint", cli.directory.file("cp2.txt"), "--public-key", cli.directory.file("k.pem.pub"),
        ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("rolled back"), "\(result.stderr)")
        let consistency = try cli.run(["log", "consistency", "--from", cli.directory.file("cp2.txt")])
        #expect(consistency.status == 3 && consistency.stderr.contains("rolled back"))
    }
}
