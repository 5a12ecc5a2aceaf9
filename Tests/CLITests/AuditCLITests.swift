import Foundation
import ModelFiles
import TestSupport
import Testing

/// `audit` end to end, as cron runs it.
@Suite struct AuditCLITests {
    /// A sharded directory model (3e26, US), a single-file fine-tune, and a quantized copy.
    static func prepared() throws -> CLI {
        let cli = try CLI()
        for (index, name) in ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"].enumerated() {
            try cli.directory.write(
                "base/\(name)",
                SafetensorsWriter.bytes(tensors: [.init("w\(index)", "F32", [64, 64])], seed: UInt64(index)))
        }
        try cli.addDeveloper()
        _ = try cli.ok(
            "register", cli.directory.file("base"), "--name", "acme/base:v1", "--compute", "3e26", "--trained-in", "US",
            "--developer", CLI.developer)
        _ = try cli.ok(
            "register", try cli.model("ft.safetensors", seed: 7), "--name", "acme/ft:v1", "--parent", "acme/base:v1",
            "--compute", "1e24", "--developer", CLI.developer)
        return cli
    }

    func audit(
        _ cli: CLI, _ extra: [String] = [], environment: [String: String] = [:]
    ) throws -> (status: Int32, json: [String: Any], stderr: String) {
        let result = try cli.run(["audit", "--json"] + extra, environment: environment)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
        return (result.status, json, result.stderr)
    }

    @Test func cleanRunThenUnchanged() throws {
        let cli = try Self.prepared()
        let first = try audit(cli, ["--on", "2026-11-25", "--rehash", "all"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.json["status"] as? String == "clean")
        #expect(first.json["checkedArtifacts"] as? Int == 2)
        #expect((first.json["checkedBytes"] as? Int ?? 0) > 30_000)
        for key in ["mismatches", "missing", "newFindings", "resolvedFindings"] {
            #expect(first.json[key] is [Any], "\(key)")
        }
        let log = try #require(first.json["log"] as? [String: Any])
        #expect(
            log["consistent"] as? Bool == true && (log["treeSize"] as? Int ?? 0) >= 3
                && (log["root"] as? String)?.count == 64)
        // The audit is an event; the next one verifies the log still extends what this one saw.
        let second = try audit(cli, ["--on", "2026-11-25"])
        #expect(second.status == 0 && second.json["status"] as? String == "clean")
        #expect((second.json["event"] as? Int ?? 0) == (first.json["event"] as? Int ?? 0) + 1)
        #expect(try cli.run("verify").status == 0)
        // --quiet prints nothing when clean.
        let quiet = try cli.run("audit", "--quiet", "--on", "2026-11-25")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func oneByteChangedInAShard() throws {
        let cli = try Self.prepared()
        #expect(try audit(cli, ["--on", "2026-11-25"]).status == 0)
        let shard = cli.directory.file("base/model-00002-of-00002.safetensors")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: shard)))
        bytes[bytes.count - 10] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: shard))
        let result = try audit(cli, ["--on", "2026-11-25", "--rehash", "all"])
        #expect(result.status == 3)
        #expect(result.json["status"] as? String == "integrity-failure")
        let mismatch = (result.json["mismatches"] as? [[String: Any]])?.first
        #expect(mismatch?["problem"] as? String == "changed: model-00002-of-00002.safetensors")
    }

    @Test func shardDeletedFileDeletedAndFileAdded() throws {
        let cli = try Self.prepared()
        try FileManager.default.removeItem(atPath: cli.directory.file("base/model-00001-of-00002.safetensors"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: cli.directory.file("base/extra.json")))
        try FileManager.default.removeItem(atPath: cli.directory.file("ft.safetensors"))
        let result = try audit(cli, ["--on", "2026-11-25", "--rehash", "all"])
        #expect(result.status == 3)
        let problem = ((result.json["mismatches"] as? [[String: Any]])?.first?["problem"] as? String) ?? ""
        #expect(
            problem.contains("missing file: model-00001-of-00002.safetensors")
                && problem.contains("new file: extra.json"), "\(problem)")
        let missing = (result.json["missing"] as? [[String: Any]]) ?? []
        #expect(missing.count == 1 && (missing.first?["path"] as? String)?.hasSuffix("ft.safetensors") == true)
    }

    @Test func aPolicyDatePassingBetweenAuditsIsNewThenResolved() throws {
        let cli = try Self.prepared()
        // EO 14110 (in force 2023-10-30 to 2025-01-20) required a report for models above 1e26.
        let before = try audit(cli, ["--on", "2023-10-29", "--rehash", "none"])
        #expect(before.status == 0, "\(before.stderr)")
        let during = try audit(cli, ["--on", "2024-06-01", "--rehash", "none"])
        #expect(during.status == 1)
        let codes = ((during.json["newFindings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("eo-14110-report"), "\(codes)")
        let again = try audit(cli, ["--on", "2024-07-01", "--rehash", "none"])
        #expect(again.status == 0, "known findings are not new")
        #expect((again.json["unchangedFindings"] as? Int ?? 0) >= 1)
        let after = try audit(cli, ["--on", "2025-02-01", "--rehash", "none"])
        #expect(after.status == 0)
        #expect(((after.json["resolvedFindings"] as? [String]) ?? []).contains { $0.hasPrefix("us-eo-14110/") })
    }

    @Test func aLicenseRecordedBetweenAuditsResolvesTheFinding() throws {
        let cli = try Self.prepared()
        _ = try cli.run("deploy", "acme/ft:v1", "--to", "IN", "--on", "2026-11-20")
        let first = try audit(cli, ["--on", "2026-11-25", "--rehash", "none"])
        #expect(first.status == 1)
        #expect(
            ((first.json["newFindings"] as? [[String: Any]]) ?? []).contains {
                $0["code"] as? String == "license-required"
            })
        _ = try cli.ok(
            "license", "add", "--authority", "BIS", "--number", "L-7", "--artifact", "acme/ft:v1", "--to", "IN")
        let second = try audit(cli, ["--on", "2026-11-25", "--rehash", "none"])
        #expect(second.status == 0)
        #expect(((second.json["resolvedFindings"] as? [String]) ?? []).contains { $0.contains("/license-required/") })
    }

    @Test func enforcedOnlyGatesTheStatusOnEnforcedRulesAlone() throws {
        let cli = try Self.prepared()
        // An unlicensed deployment to India: the BIS rule requires a license but is not enforced.
        _ = try cli.run("deploy", "acme/ft:v1", "--to", "IN", "--on", "2026-11-20")
        let gated = try audit(cli, ["--on", "2026-11-25", "--rehash", "none", "--enforced-only"])
        #expect(gated.status == 0, "\(gated.stderr)")
        #expect(gated.json["status"] as? String == "clean")
        let listed = (gated.json["newFindings"] as? [[String: Any]]) ?? []
        #expect(listed.contains { $0["code"] as? String == "license-required" && $0["enforced"] as? Bool == false })
        // Without the flag the same new finding is exit 1 (the previous audit already recorded it:
        // a fresh ledger again).
        let plain = try Self.prepared()
        _ = try plain.run("deploy", "acme/ft:v1", "--to", "IN", "--on", "2026-11-20")
        let ungated = try audit(plain, ["--on", "2026-11-25", "--rehash", "none"])
        #expect(ungated.status == 1 && ungated.json["status"] as? String == "findings")
    }

    @Test(CLI.fileOnly) func aSecondAuditWhileOneRunsExitsTwo() throws {
        let cli = try Self.prepared()
        let lockPath = cli.ledger + ".audit-lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let busy = try cli.run("audit")
        #expect(busy.status == 2)
        #expect(busy.stderr.contains("another audit") && busy.stderr.split(separator: "\n").count == 1)
        // --wait waits for the lock.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            flock(fd, LOCK_UN)
            close(fd)
        }
        let waited = try cli.run("audit", "--wait", "--on", "2026-11-25")
        #expect(waited.status == 0, "\(waited.stderr)")
    }

    @Test func anInterruptedAuditRecordsWhatItDid() throws {
        let cli = try Self.prepared()
        let result = try audit(
            cli, ["--on", "2026-11-25", "--rehash", "all"], environment: ["WEIGHTLEDGER_AUDIT_STOP_AFTER": "1"])
        #expect(result.status == 2)
        #expect(result.json["interrupted"] as? Bool == true)
        #expect(result.json["checkedArtifacts"] as? Int == 1)
        // The next stale audit starts with the location not checked yet.
        let next = try audit(cli, ["--on", "2026-11-25", "--rehash", "stale", "--max-bytes", "1"])
        #expect(next.status == 0 && next.json["checkedArtifacts"] as? Int == 1)
        #expect(try cli.run("verify").status == 0)
    }

    @Test(CLI.fileOnly) func aTamperedLogIsAnIntegrityFailure() throws {
        let cli = try Self.prepared()
        #expect(try audit(cli, ["--on", "2026-11-25"]).status == 0)
        let edit = try Subprocess.run(
            "/usr/bin/sqlite3",
            [cli.ledger, "UPDATE training_record_rows SET compute_operations = 1e20 WHERE compute_operations = 3e26"])
        #expect(edit.status == 0)
        let result = try audit(cli, ["--on", "2026-11-25", "--rehash", "none"])
        #expect(result.status == 3)
        let problems = ((result.json["log"] as? [String: Any])?["problems"] as? [String]) ?? []
        #expect(problems.contains { $0.contains("training_record_rows") })
    }

    @Test func sigtermStopsAnAuditThatRecordsWhatItDid() throws {
        let cli = try CLI()
        // Three 1 GiB sparse files: hashing them takes seconds, reading costs no disk.
        for index in 0..<3 {
            let path = cli.directory.file("big\(index).bin")
            #expect(FileManager.default.createFile(atPath: path, contents: nil) && truncate(path, 1 << 30) == 0)
            // Distinct bytes per file, so three artifacts.
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.write(Data([UInt8(index + 1)]))
            handle.closeFile()
            _ = try cli.ok("register", path, "--name", "acme/big:\(index)", "--quiet")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = cli.arguments([
            "audit", "--json", "--rehash", "all", "--jobs", "1", "--on", "2026-11-25", "--ledger", cli.ledger,
        ])
        process.environment = cli.environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Wait until it is hashing one of the big files (it then has its signal handlers), then SIGTERM.
        let deadline = Date().addingTimeInterval(20)
        func hashing() -> Bool {
            let fds = "/proc/\(process.processIdentifier)/fd"
            return ((try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? []).contains { fd in
                ((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(fd)")) ?? "").contains("/big")
            }
        }
        while !hashing() && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        process.terminate()  // SIGTERM
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        #expect(process.terminationReason == .exit, "it exits cleanly, not killed by the signal")
        #expect(process.terminationStatus == 2)
        #expect(json["interrupted"] as? Bool == true)
        #expect((json["checkedArtifacts"] as? Int ?? 3) < 3)
        // What it did is recorded, and the ledger verifies.
        #expect(try cli.run("verify").status == 0)
    }

    @Test func registrationsGoOnWhileAuditsRun() throws {
        let cli = try Self.prepared()
        for index in 0..<12 { try cli.model("new\(index).safetensors", seed: UInt64(100 + index)) }
        // Audits back to back on another thread while this one registers.
        let statuses = StatusList()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for _ in 0..<6 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = cli.arguments([
                    "audit", "--json", "--rehash", "all", "--wait", "--on", "2026-11-25", "--ledger", cli.ledger,
                ])
                process.environment = cli.environment
                process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
                try? process.run()
                process.waitUntilExit()
                statuses.append(process.terminationStatus)
            }
            done.signal()
        }
        for index in 0..<12 {
            _ = try cli.ok("register", cli.directory.file("new\(index).safetensors"), "--name", "acme/new:\(index)")
        }
        done.wait()
        #expect(statuses.values.count == 6)
        #expect(
            statuses.values.allSatisfy { [0, 1].contains($0) },
            "clean or findings, never an integrity failure: \(statuses.values)")
        let list = try #require(try cli.json("list") as? [[String: Any]])
        #expect(list.count == 14, "every registration is there")
        #expect(try cli.run("verify").status == 0, "and every audit's event, in one consistent log")
    }
}

final class StatusList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int32] = []
    func append(_ value: Int32) { lock.withLock { list.append(value) } }
    var values: [Int32] { lock.withLock { list } }
}
