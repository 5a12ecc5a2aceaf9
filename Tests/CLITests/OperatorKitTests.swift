import Foundation
import TestSupport
import Testing

/// What an operator runs the server with: `/readyz`, `/metrics` (Prometheus text through
/// swift-prometheus), JSON access logs, and `serve --config FILE`.
@Suite struct OperatorKitTests {
    static func registrar(_ cli: CLI) throws -> String {
        try cli.ok("token", "create", "--role", "registrar", "--name", "cluster-a")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The value of the sample `name{labels}` (or `name` alone) in an exposition; 0 when absent.
    static func sample(_ text: String, _ series: String) -> Double {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1)) ?? -1
        }
        return 0
    }

    @Test func metricsMoveWithRequestsAndWrites() throws {
        let cli = try AuditCLITests.prepared()
        let token = try Self.registrar(cli)
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        #expect(try ServerTests.curl(["\(server.base)/metrics"]).status == 401)
        let before = try server.call(token, ["\(server.base)/metrics"])
        #expect(before.status == 200, "\(before.body)")
        let listed = #"weightledger_http_requests_total{route="/api/v1/artifacts",method="GET",status="200"}"#
        let shown = #"weightledger_http_requests_total{route="/api/v1/artifacts/{ref}",method="GET",status="404"}"#
        for _ in 0..<3 { #expect(try server.call(token, ["\(server.base)/api/v1/artifacts"]).status == 200) }
        let secret = "sha256:" + String(repeating: "de", count: 32)
        #expect(try server.call(token, ["\(server.base)/api/v1/artifacts/\(secret)?token=leak"]).status == 404)
        let model = try cli.model("metrics.safetensors", seed: 99)
        let tokenFile = cli.directory.file("registrar.token")
        try Data(token.utf8).write(to: URL(fileURLWithPath: tokenFile))
        let registered = try cli.run(
            "register", model, "--name", "acme/metrics:v1", "--server", server.base, "--token-file", tokenFile)
        #expect(registered.status == 0, "\(registered.stderr)")
        let after = try server.call(token, ["\(server.base)/metrics"]).body
        #expect(Self.sample(after, listed) - Self.sample(before.body, listed) == 3, "\(after)")
        #expect(Self.sample(after, shown) == 1, "\(after)")
        #expect(
            Self.sample(after, "weightledger_commit_batch_writes_count")
                > Self.sample(before.body, "weightledger_commit_batch_writes_count"))
        let count = #"weightledger_http_request_duration_seconds_count{route="/api/v1/artifacts",method="GET"}"#
        #expect(Self.sample(after, count) >= 3)
        let verify = try cli.run("verify", "--json")
        let events = (try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])?["events"]
        #expect(Self.sample(after, "weightledger_ledger_events_count") == Double(events as? Int ?? -1))
        #expect(after.contains("# TYPE weightledger_open_findings_count gauge"))
        // Labels hold route patterns only: never a path asked for, a query or a token.
        #expect(!after.contains("dede") && !after.contains("leak") && !after.contains(token))
    }

    @Test func readyWhenTheLedgerTakesAWriteAndNotWhileItIsLocked() throws {
        let cli = try AuditCLITests.prepared()
        let server = try LiveServer(cli: cli)
        defer { server.stop() }
        let ready = try ServerTests.curl(["\(server.base)/readyz"])
        #expect(ready.status == 200 && ready.json["status"] as? String == "ready", "\(ready.body)")
        #expect((ready.json["events"] as? Int ?? 0) > 0)
        guard cli.database == nil else { return }
        // Another process holds the file's write lock: not ready, within the wait, saying why.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [cli.ledger]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nSELECT 1;\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        let start = Date()
        let locked = try ServerTests.curl(["--max-time", "30", "\(server.base)/readyz"])
        #expect(locked.status == 503, "\(locked.body)")
        #expect(locked.json["status"] as? String == "unavailable" && locked.json["reason"] != nil, "\(locked.body)")
        #expect(Date().timeIntervalSince(start) < 15)
        // /healthz still answers: the process is alive, the ledger is not ready.
        #expect(try ServerTests.curl(["\(server.base)/healthz"]).status == 200)
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        var again = 0
        for _ in 0..<100 {
            again = try ServerTests.curl(["\(server.base)/readyz"]).status
            if again == 200 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(again == 200)
    }

    @Test func jsonAccessLogsFromAConfigFileWithFlagsWinning() throws {
        let cli = try AuditCLITests.prepared()
        let token = try Self.registrar(cli)
        let config = cli.directory.file("serve.yaml")
        try Data(
            """
            # the server's settings
            port: 1
            log-requests: true
            log-format: json
            max-connections: 64
            allowed-origin:
              - https://ledger.example
            """.utf8
        ).write(to: URL(fileURLWithPath: config))
        // --port on the command line wins over the file's port 1.
        let server = try LiveServer(cli: cli, extra: ["--config", config])
        defer { server.stop() }
        _ = try server.call(token, ["\(server.base)/api/v1/artifacts?q=secret-query"])
        _ = try ServerTests.curl(["\(server.base)/api/v1/artifacts/%1b%5b2J%0aforged"])
        server.stop()
        let lines = server.log.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(lines.count >= 3, "\(server.log)")
        var paths: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["time", "method", "path", "status", "ms"], "\(line)")
            #expect((object["ms"] as? Double ?? -1) >= 0 && object["status"] is Int)
            paths.append(object["path"] as? String ?? "")
        }
        #expect(paths.contains("/api/v1/artifacts") && paths.contains("/api/v1/artifacts/%1b%5b2J%0aforged"))
        #expect(!server.log.contains("secret-query") && !server.log.contains(token))
    }

    @Test func aConfigFileThatIsWrongIsRefusedInOneLine() throws {
        let cli = try CLI()
        _ = try cli.ok("init")
        let cases: [(String, String)] = [
            ("port: 8080\nhots: example\n", "unknown setting 'hots'"),
            ("port: \"8080\"\n", "'port' must be a whole number"),
            ("log-requests: yes please\n", "'log-requests' must be true or false"),
            ("- port\n", "expected a mapping"),
            ("port: [\n", "not valid YAML"),
            ("port: 70000\n", "port must be between 1 and 65535"),
            ("log-format: xml\n", "log-format must be text or json"),
            ("host: \"a\\x1b[2Jb\"\n", "without control characters"),
            ("ledger: /tmp/a.db\ndatabase: postgresql://wl@127.0.0.1:1/x\n", "not both"),
        ]
        for (text, message) in cases {
            let file = cli.directory.file("bad.yaml")
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let result = try cli.run("serve", "--config", file)
            #expect(result.status == 2, "\(text): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(text): \(result.stderr)")
            #expect(
                result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("\u{1B}"), "\(result.stderr)"
            )
        }
        let missing = try cli.run("serve", "--config", cli.directory.file("none.yaml"))
        #expect(missing.status == 2 && missing.stderr.contains("no such file"), "\(missing.stderr)")
    }

    /// The repository's sample config (docs/systemd/serve.yaml) is one `serve` accepts; the flags
    /// naming this test's ledger and port win over its own.
    @Test func theSampleConfigServes() throws {
        let cli = try AuditCLITests.prepared()
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/systemd/serve.yaml").path
        let server = try LiveServer(cli: cli, extra: ["--config", sample])
        defer { server.stop() }
        #expect(try ServerTests.curl(["\(server.base)/readyz"]).status == 200)
    }

    /// The ledger is one setting: a flag naming it (`--ledger` or `--database`) replaces the file's
    /// `ledger` or `database`, whichever the file had.
    @Test func aLedgerFlagReplacesTheFilesLedger() throws {
        let cli = try AuditCLITests.prepared()
        let config = cli.directory.file("other-ledger.yaml")
        for text in ["database: postgresql://wl@127.0.0.1:1/elsewhere", "ledger: /nonexistent/ledger.db"] {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: config))
            let server = try LiveServer(cli: cli, extra: ["--config", config])
            let ready = try ServerTests.curl(["\(server.base)/readyz"])
            #expect(ready.status == 200, "\(text): \(ready.body)")
            server.stop()
        }
    }

    static let systemdAnalyze = "/usr/bin/systemd-analyze"

    /// `systemd-analyze verify` on every unit in docs/systemd (the binary's path made this build's):
    /// no unknown key, no bad value, nothing ignored.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: systemdAnalyze), "systemd-analyze is not here"))
    func theUnitsVerify() throws {
        let units = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/systemd")
        let directory = try TemporaryDirectory()
        var names: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: units.path).sorted()
        where name.hasSuffix(".service") || name.hasSuffix(".timer") {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/weightledger", with: CLI.binary)
            _ = try directory.write(name, Array(text.utf8))
            names.append(name)
        }
        #expect(names.contains("weightledger.service") && names.contains("weightledger-backup.timer"), "\(names)")
        let result = try Subprocess.run(
            Self.systemdAnalyze, ["verify", "--man=no"] + names.map { directory.file($0) })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(result.stderr)")
    }
}
