import Foundation
import TestSupport
import Testing

/// Issue 13, item 12: an auditor's read-only copy can be read, verified and reviewed; only writes
/// refuse, saying so; a path that is not a regular file is refused before SQLite writes beside it.
/// On 0.3.0, verify failed opening its `.audit-lock` and list/show said "not a WeightLedger
/// ledger: attempt to write a readonly database".
@Suite(CLI.fileOnly) struct ReadOnlyLedgerTests {
    /// Runs the binary as an unprivileged user when the tests run as root (root ignores modes).
    func runAsAuditor(_ cli: CLI, _ arguments: [String]) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["WEIGHTLEDGER_LEDGER"] = cli.ledger
        environment["WEIGHTLEDGER_ACTOR"] = "auditor@test"
        if getuid() == 0 {
            return try Subprocess.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary] + arguments,
                environment: environment, directory: "/")
        }
        return try Subprocess.run(CLI.binary, arguments, environment: environment, directory: "/")
    }

    @Test func aReadOnlyCopyIsReadVerifiedAndReviewedButNeverWritten() throws {
        let cli = try CLI()
        _ = try cli.ok(
            "register", try cli.model("a.safetensors", seed: 1), "--name", "acme/a:v1", "--compute", "3e26",
            "--trained-in", "US")
        _ = try cli.ok("log", "checkpoint")
        // Every directory on the way must be searchable by the unprivileged user; the ledger's is
        // read-only (no -shm or -wal can be made beside it), the file mode 444.
        #expect(chmod(cli.directory.path, 0o555) == 0)
        #expect(chmod(cli.ledger, 0o444) == 0)
        defer { chmod(cli.directory.path, 0o755) }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.ledger))
        for arguments in [
            ["list"], ["show", "acme/a:v1"], ["verify"], ["review", "acme/a:v1", "--to", "DE"],
            ["check", "acme/a:v1", "--to", "DE"], ["log", "prove", "acme/a:v1"],
        ] {
            let result = try runAsAuditor(cli, arguments)
            #expect(result.status <= 1, "\(arguments): \(result.status) \(result.stderr)")
        }
        let verify = try runAsAuditor(cli, ["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("ok"), "\(verify.stdout)\(verify.stderr)")
        let write = try runAsAuditor(cli, ["name", "add", "acme/a:v1", "acme/a:stable"])
        #expect(write.status == 2, "\(write.stderr)")
        #expect(write.stderr.contains("read-only") && write.stderr.split(separator: "\n").count == 1, "\(write.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.ledger)) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
            .filter { $0.hasPrefix("ledger.db") && $0 != "ledger.db" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// The character device and FIFO are made in the test's own directory, so a `-journal` left in
    /// /dev by some earlier program (0.3.0 left `/dev/null-journal`) cannot decide the result; for
    /// /dev/null itself the test asserts only that what lies beside it is unchanged.
    @Test func aPathThatIsNotARegularFileIsRefusedAndNothingAppearsBesideIt() throws {
        let cli = try CLI()
        let fifo = cli.directory.file("pipe.db")
        #expect(mkfifo(fifo, 0o644) == 0)
        var owned = [fifo]
        // Only root may make a device node (1:3, the null device); otherwise the FIFO and /dev/null stand for it.
        let device = cli.directory.file("null.db")
        if getuid() == 0, mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 { owned.append(device) }
        let model = try cli.model("a.safetensors", seed: 1)
        for path in owned {
            let result = try cli.run(["register", model, "--ledger", path])
            #expect(result.status == 2 && result.stderr.contains("not a regular file"), "\(path): \(result.stderr)")
            let beside = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
                .filter { $0.hasPrefix((path as NSString).lastPathComponent + "-") }
            #expect(beside.isEmpty, "\(path): \(beside)")
        }
        let before = ["-journal", "-wal", "-shm"].map { Self.stamp("/dev/null" + $0) }
        let result = try cli.run(["register", model, "--ledger", "/dev/null"])
        #expect(result.status == 2 && result.stderr.contains("not a regular file"), "/dev/null: \(result.stderr)")
        #expect(["-journal", "-wal", "-shm"].map { Self.stamp("/dev/null" + $0) } == before)
    }

    /// Whether a file exists and, if so, its size and modification time: enough to see a write.
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "absent" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
