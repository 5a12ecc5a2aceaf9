import Foundation
import TestSupport
import Testing

/// `weightledger backup --to FILE`: the copy holds every event byte for byte, verifies, and is the
/// only thing left behind; a refused or failed backup leaves nothing and replaces nothing.
@Suite struct BackupTests {
    /// The events' numbers and payload hashes, in order, as sqlite3 reads them from a file.
    static func events(_ file: String) throws -> String {
        try Subprocess.run("/usr/bin/sqlite3", [file, "SELECT seq, type, payload_sha256 FROM events ORDER BY seq"])
            .stdout
    }

    /// Every name in the directory but the ones the test made itself.
    static func leftovers(_ directory: String, besides: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !besides.contains($0) }.sorted()
    }

    @Test func theCopyHoldsEveryEventAndVerifies() throws {
        let cli = try AuditCLITests.prepared()
        let backups = cli.directory.file("backups")
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        let target = backups + "/ledger-2026-12-04.db"
        let result = try cli.run("backup", "--to", target, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(view.keys) == ["ledger", "file", "events", "root", "bytes", "verified"])
        #expect(view["file"] as? String == target && view["verified"] as? Bool == true)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int)
        #expect(view["bytes"] as? Int == size)
        // The source's own verify names the same size and root.
        let source = try cli.run("verify", "--json")
        let verified = try #require(try JSONSerialization.jsonObject(with: Data(source.stdout.utf8)) as? [String: Any])
        #expect(view["events"] as? Int == verified["events"] as? Int, "\(source.stdout)")
        #expect(view["root"] as? String == verified["root"] as? String, "\(source.stdout)")
        // Byte for byte the same events (on PostgreSQL the mirror holds the database's), and the
        // copy verifies as a ledger of its own.
        #expect(try Self.events(target) == Self.events(cli.ledger))
        #expect(try Self.events(target).split(separator: "\n").count == view["events"] as? Int)
        let copy = try cli.run(["verify", "--ledger", target])
        #expect(copy.status == 0 && copy.stdout.contains(view["root"] as? String ?? "?"), "\(copy.stdout)")
        #expect(
            try Self.leftovers(backups, besides: ["ledger-2026-12-04.db", "ledger-2026-12-04.db.audit-lock"]) == [])
        // Text output names both and the root.
        let second = try cli.run("backup", "--to", backups + "/second.db")
        #expect(second.status == 0 && second.stdout.contains("the copy verifies"), "\(second.stderr)")
    }

    @Test func refusalsLeaveEverythingAsItWas() throws {
        let cli = try AuditCLITests.prepared()
        let existing = cli.directory.file("existing.db")
        try Data("not mine to replace".utf8).write(to: URL(fileURLWithPath: existing))
        let cases: [([String], String)] = [
            (["--to", existing], "already there"),
            (["--to", cli.directory.file("missing/b.db")], "no directory"),
            (["--to", ""], "--to"),
        ]
        let before = try Self.leftovers(cli.directory.path, besides: [])
        for (arguments, message) in cases {
            let result = try cli.run(["backup"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains(message) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "not mine to replace")
        #expect(try Self.leftovers(cli.directory.path, besides: []) == before)
        let missing = try cli.run([
            "backup", "--ledger", cli.directory.file("none.db"), "--to", cli.directory.file("b.db"),
        ])
        #expect(missing.status == 2 && missing.stderr.contains("no ledger"), "\(missing.stderr)")
    }

    /// A ledger whose tables no longer match its events is not backed up: exit 3, nothing kept.
    @Test(CLI.fileOnly) func aDamagedLedgerIsNotBackedUp() throws {
        let cli = try AuditCLITests.prepared()
        _ = try Subprocess.run("/usr/bin/sqlite3", [cli.ledger, "UPDATE artifacts SET size_bytes = size_bytes + 1"])
        let before = try Self.leftovers(cli.directory.path, besides: [])
        let result = try cli.run("backup", "--to", cli.directory.file("b.db"))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("does not verify") && result.stderr.contains("artifacts"), "\(result.stderr)")
        #expect(try Self.leftovers(cli.directory.path, besides: []) == before)
    }
}
