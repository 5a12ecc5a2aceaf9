import Foundation
import LedgerSQLite
import LedgerStore
import TestSupport
import Testing

/// Bad input: exit 2, exactly one line on stderr, and the ledger byte-for-byte as it was.
@Suite struct BadInputTests {
    /// A ledger with a base model (two tags on different bytes under one repository) and a fine-tune.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("base.safetensors", seed: 1), "--name", "acme/m:v1", "--compute", "1e25")
        _ = try cli.ok(
            "register", try cli.model("other.safetensors", seed: 2), "--name", "acme/m:v2", "--compute", "1e24")
        try cli.model("new.safetensors", seed: 3)
        // A file named .safetensors whose header claims more bytes than the file has.
        _ = try cli.directory.write(
            "broken.safetensors", withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) } + Array("{}".utf8))
        return cli
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let stderrMentions: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown country", arguments: ["register", "new.safetensors", "--trained-in", "XX"],
            stderrMentions: "'XX'"),
        Case(
            name: "UK is not an ISO code", arguments: ["register", "new.safetensors", "--trained-in", "UK"],
            stderrMentions: "ISO 3166-1"),
        Case(
            name: "negative compute", arguments: ["register", "new.safetensors", "--compute", "-5e24"],
            stderrMentions: "compute"),
        Case(
            name: "NaN compute", arguments: ["register", "new.safetensors", "--compute", "nan"],
            stderrMentions: "finite"),
        Case(
            name: "infinite compute", arguments: ["register", "new.safetensors", "--compute", "inf"],
            stderrMentions: "finite"),
        Case(
            name: "overflowing compute", arguments: ["register", "new.safetensors", "--compute", "1e400"],
            stderrMentions: "finite"),
        Case(
            name: "negative tokens", arguments: ["register", "new.safetensors", "--params", "7e9", "--tokens", "-1"],
            stderrMentions: "tokens"),
        Case(
            name: "not a number", arguments: ["register", "new.safetensors", "--compute", "lots"],
            stderrMentions: "lots"),
        Case(
            name: "two compute methods",
            arguments: ["register", "new.safetensors", "--compute", "1", "--params", "1", "--tokens", "1"],
            stderrMentions: "one compute method"),
        Case(
            name: "unknown accelerator",
            arguments: ["register", "new.safetensors", "--accelerator", "TPU9", "--count", "1", "--hours", "1"],
            stderrMentions: "TPU9"),
        Case(
            name: "unknown parent", arguments: ["register", "new.safetensors", "--parent", "acme/nope:v1"],
            stderrMentions: "acme/nope:v1"),
        Case(
            name: "ambiguous parent", arguments: ["register", "new.safetensors", "--parent", "acme/m"],
            stderrMentions: "ambiguous"),
        Case(
            name: "unknown digest prefix", arguments: ["register", "new.safetensors", "--parent", "0123456789ab"],
            stderrMentions: "0123456789ab"),
        Case(name: "unknown reference", arguments: ["show", "acme/nope:v1"], stderrMentions: "no artifact"),
        Case(name: "ambiguous reference", arguments: ["show", "acme/m"], stderrMentions: "ambiguous"),
        Case(
            name: "artifact as its own parent", arguments: ["register", "base.safetensors", "--parent", "acme/m:v1"],
            stderrMentions: "own parent"),
        Case(
            name: "missing path", arguments: ["register", "missing.safetensors", "--name", "acme/x:v1"],
            stderrMentions: "no such file"),
        Case(
            name: "unreadable path (read fails even for root)", arguments: ["register", "/proc/self/mem"],
            stderrMentions: "cannot read"),
        Case(
            name: "unreadable path (not a regular file)", arguments: ["register", "fifo", "--name", "acme/x:v1"],
            stderrMentions: "not a regular file"),
        Case(
            name: "name bound to other bytes", arguments: ["register", "new.safetensors", "--name", "acme/m:v1"],
            stderrMentions: "already bound"),
        Case(
            name: "malformed date", arguments: ["register", "new.safetensors", "--started", "2025-02-30"],
            stderrMentions: "2025-02-30"),
        Case(
            name: "malformed publication date",
            arguments: ["register", "new.safetensors", "--published", "https://x.org/m", "--published-on", "1/2/2025"],
            stderrMentions: "YYYY-MM-DD"),
        Case(
            name: "finished before started",
            arguments: ["register", "new.safetensors", "--started", "2025-03-01", "--finished", "2025-02-01"],
            stderrMentions: "before"),
        Case(
            name: "unknown kind", arguments: ["register", "new.safetensors", "--kind", "lora"], stderrMentions: "lora"),
        Case(
            name: "pretrain with a parent",
            arguments: ["register", "new.safetensors", "--kind", "pretrain", "--parent", "acme/m:v1"],
            stderrMentions: "pretrain"),
        Case(
            name: "merge with one parent",
            arguments: ["register", "new.safetensors", "--kind", "merge", "--parent", "acme/m:v1"],
            stderrMentions: "merge"),
        Case(
            name: "malformed name", arguments: ["register", "new.safetensors", "--name", "acme//x"],
            stderrMentions: "acme//x"),
        Case(
            name: "changing recorded facts", arguments: ["register", "base.safetensors", "--compute", "2e25"],
            stderrMentions: "other facts"),
        Case(
            name: "bad published URL", arguments: ["register", "new.safetensors", "--published", "ftp://x"],
            stderrMentions: "http"),
        Case(
            name: "unknown option", arguments: ["register", "new.safetensors", "--colour", "red"],
            stderrMentions: "--colour"),
        Case(name: "missing argument", arguments: ["show"], stderrMentions: "ref"),
        Case(
            name: "name add to unknown artifact", arguments: ["name", "add", "acme/nope:v1", "acme/y:v1"],
            stderrMentions: "no artifact"),
        Case(
            name: "malformed safetensors header", arguments: ["register", "broken.safetensors", "--name", "acme/b:v1"],
            stderrMentions: "not a valid safetensors file"),
        Case(
            name: "params auto without tokens", arguments: ["register", "new.safetensors", "--params", "auto"],
            stderrMentions: "--tokens"),
        Case(
            name: "check: unknown destination", arguments: ["check", "acme/m:v1", "--to", "XX"],
            stderrMentions: "'XX'"),
        Case(name: "check: missing destination", arguments: ["check", "acme/m:v1"], stderrMentions: "--to"),
        Case(
            name: "check: bad date", arguments: ["check", "acme/m:v1", "--to", "IN", "--on", "2025-13-01"],
            stderrMentions: "2025-13-01"),
        Case(
            name: "check: unknown pack", arguments: ["check", "acme/m:v1", "--to", "IN", "--policy", "us-nope"],
            stderrMentions: "us-nope"),
        Case(
            name: "check: missing policy dir",
            arguments: ["check", "acme/m:v1", "--to", "IN", "--policy-dir", "/nonexistent/packs"],
            stderrMentions: "/nonexistent/packs"),
        Case(
            name: "deploy: unknown kind", arguments: ["deploy", "acme/m:v1", "--to", "IN", "--kind", "smuggle"],
            stderrMentions: "smuggle"),
        Case(
            name: "deploy: unknown license", arguments: ["deploy", "acme/m:v1", "--to", "IN", "--license", "X-1"],
            stderrMentions: "X-1"),
        Case(
            name: "deploy: empty recipient", arguments: ["deploy", "acme/m:v1", "--to", "IN", "--recipient", " "],
            stderrMentions: "recipient"),
        Case(
            name: "deploy: unknown artifact", arguments: ["deploy", "acme/nope:v1", "--to", "IN"],
            stderrMentions: "no artifact"),
        Case(
            name: "license: unknown artifact",
            arguments: [
                "license", "add", "--authority", "BIS", "--number", "1", "--artifact", "acme/nope:v1", "--to", "IN",
            ],
            stderrMentions: "no artifact"),
        Case(
            name: "license: no destination",
            arguments: ["license", "add", "--authority", "BIS", "--number", "1", "--artifact", "acme/m:v1"],
            stderrMentions: "--to"),
        Case(
            name: "license: until before from",
            arguments: [
                "license", "add", "--authority", "BIS", "--number", "1", "--artifact", "acme/m:v1",
                "--to", "IN", "--valid-from", "2026-02-01", "--valid-until", "2026-01-01",
            ], stderrMentions: "before"),
        Case(
            name: "license: bad country",
            arguments: [
                "license", "add", "--authority", "BIS", "--number", "1", "--artifact", "acme/m:v1", "--to", "ZZ",
            ],
            stderrMentions: "'ZZ'"),
        Case(
            name: "review: unknown format", arguments: ["review", "acme/m:v1", "--format", "docx"],
            stderrMentions: "docx"),
        Case(
            name: "review: --out in a missing folder",
            arguments: ["review", "acme/m:v1", "--format", "pdf", "--out", "/no/such/folder/r.pdf"],
            stderrMentions: "no folder"),
        Case(name: "flags: bad date", arguments: ["flags", "--on", "tomorrow"], stderrMentions: "tomorrow"),
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndLedgerUnchanged(_ testCase: Case) throws {
        let cli = try Self.prepared()
        #expect(mkfifo(cli.directory.file("fifo"), 0o644) == 0)
        try Self.expectRefused(testCase, in: cli, events: 3)
    }

    /// Runs a bad command: exit 2, one `weightledger: error:` line naming what it should, nothing on
    /// stdout, and the ledger byte for byte as it was, still holding `events` events.
    static func expectRefused(_ testCase: Case, in cli: CLI, events: Int64) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        let result = try cli.run(testCase.arguments)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("weightledger: error: "))
        #expect(result.stderr.contains(testCase.stderrMentions), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
        #expect(!FileManager.default.fileExists(atPath: cli.ledger + "-wal"))
        let ledger = try SQLiteLedger.open(path: cli.ledger, mode: .existing)
        defer { try? ledger.close() }
        #expect(try ledger.read { try $0.eventCount() } == events)
    }

    @Test func notALedgerIsRefusedUntouched() throws {
        let cli = try CLI()
        let path = try cli.directory.write("notes.db", Array("just some notes\n".utf8))
        for arguments in [
            ["list", "--ledger", path], ["register", try cli.model("a.safetensors", seed: 1), "--ledger", path],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("not a WeightLedger ledger"))
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("just some notes\n".utf8))
        }
    }

    @Test func badInputOnAMissingLedgerCreatesNothing() throws {
        let cli = try CLI()
        try cli.model("a.safetensors", seed: 1)
        for arguments in [
            ["register", "a.safetensors", "--trained-in", "XX"],
            ["register", "a.safetensors", "--parent", "acme/m:v1"],
            ["show", "acme/m:v1"], ["list"],
        ] {
            #expect(try cli.run(arguments).status == 2)
            #expect(!FileManager.default.fileExists(atPath: cli.ledger), "\(arguments)")
        }
    }

    @Test(.enabled(if: getuid() != 0)) func unreadableFileIsRefused() throws {
        let cli = try Self.prepared()
        chmod(cli.directory.file("new.safetensors"), 0)
        let result = try cli.run("register", "new.safetensors")
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read"))
    }
}
