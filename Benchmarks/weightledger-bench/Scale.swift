// scale: the issue-17 figures for one ledger size. Generates (or reuses, --keep) a ledger of N
// artifacts in chains D deep, then runs each command through the release binary, measuring its
// wall time and its peak resident memory (wait4's ru_maxrss), each beside a baseline measured in
// the same run: process start + open (`show` of one artifact), the I/O floor (the rows flags
// reads, in process, nothing evaluated), the log floor (reading and hashing every event, in
// process), and appends to an empty ledger for registration throughput. `--postgres ADMIN_URL`:
// the same ledger copied into PostgreSQL and every command run on it beside the file's.
// `--point-only`: only the single-artifact commands (beside `show`) and registrations, for ledgers
// whose walks take hours; `--registrations-only`: registrations alone (and the walks on PostgreSQL).
import Foundation
import Hashing
import LedgerCore
import LedgerPostgres
import LedgerSQLite
import LedgerStore
import LedgerUseCases
import TransparencyLog

/// Prints a line at once (standard output is a file or pipe when the benchmark runs in the background).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// A command's wall time, peak resident memory and exit status.
struct Measured {
    let seconds: Double
    let peakMB: Double
    let status: Int32
}

/// Runs `binary` with `arguments`, its standard output to /dev/null, and measures it. The peak is
/// GNU time's (`/usr/bin/time -f %M`): a child spawned from this process directly would report
/// this process's own peak when that is larger (Linux records the spawning address space's
/// high-water mark at exec), so every figure would be at least the benchmark's.
func measure(_ binary: String, _ arguments: [String]) throws -> Measured {
    let time = "/usr/bin/time"
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("wl-bench-peak-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: report) }
    let timed = FileManager.default.isExecutableFile(atPath: time)
    let program = timed ? time : binary
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([program] + (timed ? ["-f", "%M", "-o", report, binary] : []) + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot start \(program)"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    // GNU time writes "Command exited with non-zero status N" before the figure when it fails.
    let kilobytes =
        timed
        ? (try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) }
        : nil
    return Measured(seconds: elapsed, peakMB: (kilobytes ?? Double(usage.ru_maxrss)) / 1024, status: exit)
}

/// `--point-only`: single-artifact commands and registrations, no walks.
let pointOnly = CommandLine.arguments.contains("--point-only")

func scaleBenchmark() throws {
    let artifacts = argument("--artifacts", default: 1_000_000)
    let depth = argument("--depth", default: 10)
    let runs = max(1, argument("--runs", default: 5))
    let path =
        stringArgument("--keep")
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("wl-bench-scale-\(artifacts).db").path
    if !FileManager.default.fileExists(atPath: path) {
        var counts = (artifacts: 0, deployments: 0)
        let time = try seconds { counts = try generate(path: path, artifacts: artifacts, depth: depth) }
        say(
            String(
                format: "generate  %d artifacts, %d deployments in one transaction: %.1f s (%.0f events/s)",
                counts.artifacts, counts.deployments, time, Double(counts.artifacts + counts.deployments) / time))
    }
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "weightledger"
    ).path
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    say(
        String(
            format: "scale benchmark: %d artifacts, chains %d deep, %@ (%.2f GB)", artifacts, depth, path,
            Double(size) / 1e9))
    if pointOnly {
        try walks(binary: binary, path: path, depth: depth, runs: runs, pointOnly: true)
    } else if !CommandLine.arguments.contains("--registrations-only") {
        try walks(binary: binary, path: path, depth: depth, runs: runs)
    }

    // Registration throughput: one durable transaction per registration, at this size and on an empty ledger.
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wl-bench-empty-\(getpid()).db").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: empty + suffix) } }
    let emptyRate = try registrations(try SQLiteLedger.open(path: empty, mode: .createIfMissing))
    let fullRate = try registrations(try SQLiteLedger.open(path: path, mode: .existing))
    say(
        String(format: "baseline  registrations on an empty ledger: %8.0f /s (one durable transaction each)", emptyRate)
    )
    say(
        String(
            format: "register  at this size:                    %8.0f /s  %.2f× baseline", fullRate,
            fullRate / emptyRate))
    if !CommandLine.arguments.contains("--registrations-only") && !pointOnly {
        // The findings kept before the registrations: only the new artifacts are evaluated.
        let after = try measure(binary, ["flags", "--ledger", path, "--on", "2026-11-27"])
        say(
            String(
                format: "flags     after those registrations, findings kept: %7.3f s  %6.0f MB peak  exit %d",
                after.seconds, after.peakMB, after.status))
    }
    if let admin = stringArgument("--postgres") {
        try postgresScale(
            binary: binary, path: path, admin: admin, artifacts: artifacts, depth: depth, runs: runs,
            sqliteRate: fullRate)
    }
}

/// `count` registrations (`--registrations`, default 2,000) into `store`, each its own durable
/// transaction; returns the rate per second.
func registrations(_ store: any LedgerStore) throws -> Double {
    defer { try? store.close() }
    let count = argument("--registrations", default: 2_000)
    let nonce = UUID().uuidString
    let context = AppContext(location: SQLiteLocation(path: "/dev/null"), actor: "bench")
    _ = try store.write { try $0.createIfNeeded(actor: "bench", at: context.timestamp(), id: context.newLedgerID()) }
    let time = try seconds {
        for index in 0..<count {
            let digest = try ArtifactDigest("sha256:" + SHA256.hash(Array("late \(index) \(nonce)".utf8)).hex)
            let training = try TrainingRecord(
                kind: .pretrain, parents: [], trainedIn: try CountryCode("US"), site: nil,
                compute: try .declared(1e24), published: nil, started: nil, finished: nil)
            let event = ArtifactRegistered(
                digest: digest, form: .file, sizeBytes: 1024,
                files: [ArtifactFile(path: "model.safetensors", size: 1024, sha256: digest)],
                names: [try ArtifactName("bench/late-\(nonce.prefix(8).lowercased())-\(index):v1")], location: nil,
                training: training)
            _ = try store.write { try $0.append(.artifactRegistered(event), actor: "bench", at: context.timestamp()) }
        }
    }
    return Double(count) / time
}

/// `--postgres ADMIN_URL`: the same ledger copied into a PostgreSQL database (`wl_scale_N`, made
/// when missing; the copy timed against a copy into another file), then every walk on it, each
/// beside the same command on the file in this run, and registration throughput.
func postgresScale(
    binary: String, path: String, admin: String, artifacts: Int, depth: Int, runs: Int, sqliteRate: Double
) throws {
    guard var components = URLComponents(string: admin) else { throw BenchError("bad --postgres URL") }
    let name = "wl_scale_\(artifacts)"
    components.path = "/" + name
    let url = components.string!
    let mirror = path + ".pg-mirror.db"
    setenv("WEIGHTLEDGER_MIRROR", mirror, 1)
    func psql(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [database, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("psql failed: \(sql)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if try psql(admin, "SELECT COUNT(*) FROM pg_database WHERE datname = '\(name)'") == "0" {
        _ = try psql(admin, "CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
    }
    guard try measure(binary, ["migrate", "--database", url]).status == 0 else { throw BenchError("migrate failed") }
    say("postgresql: \(components.host ?? "?"):\(components.port ?? 5432)/\(name), mirror \(mirror)")
    if try psql(url, "SELECT COUNT(*) FROM events") == "0" {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: mirror + suffix) }
        let file = path + ".copy.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let toFile = try measure(binary, ["copy", "--from", path, "--to", file])
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let toDatabase = try measure(binary, ["copy", "--from", path, "--to", url])
        say(
            String(
                format: "baseline  copy into another file:          %8.1f s  %6.0f MB peak  exit %d", toFile.seconds,
                toFile.peakMB, toFile.status))
        say(
            String(
                format: "copy      into PostgreSQL (and its mirror): %8.1f s  %6.0f MB peak  exit %d  %.2f× baseline",
                toDatabase.seconds, toDatabase.peakMB, toDatabase.status, toDatabase.seconds / toFile.seconds))
    }
    let events = try psql(url, "SELECT COUNT(*) FROM events")
    let bytes = try psql(url, "SELECT pg_database_size(current_database())")
    say("postgresql holds \(events) events, \(String(format: "%.2f", (Double(bytes) ?? 0) / 1e9)) GB")
    say("== the same walks on the file (baseline) and on PostgreSQL")
    let onFile = try walks(binary: binary, path: path, depth: depth, runs: runs, pointOnly: pointOnly)
    say("-- on PostgreSQL")
    let onDatabase = try walks(
        binary: binary, path: path, ledger: ["--database", url], depth: depth, runs: runs, pointOnly: pointOnly)
    say("== side by side: PostgreSQL / file")
    for ((name, file), (_, database)) in zip(onFile, onDatabase) {
        say(
            name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(
                    format: " file %8.3f s %5.0f MB   postgresql %8.3f s %5.0f MB   %5.2f×", file.seconds, file.peakMB,
                    database.seconds, database.peakMB, database.seconds / file.seconds))
    }
    let rate = try registrations(try PostgresLocation(url: url).open(.existing))
    say(
        String(
            format: "register  on PostgreSQL at this size:      %8.0f /s  %.2f× the file's (%.0f /s)", rate,
            rate / sqliteRate, sqliteRate))
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The walks and single-artifact commands, each beside its baseline; `ledger`: the options that
/// name the ledger (`--ledger PATH`, or `--database URL` for the same ledger in PostgreSQL).
/// Returns each command's measure, by name. `pointOnly`: `show`, `lineage` and `check` alone.
@discardableResult
func walks(
    binary: String, path: String, ledger names: [String]? = nil, depth: Int, runs: Int, pointOnly: Bool = false
) throws -> [(
    String, Measured
)] {
    let names = names ?? ["--ledger", path]
    var results: [(String, Measured)] = []
    let day = ["--on", "2026-11-25"]
    let deepest = "bench/chain-1:v\(depth - 1)"
    func median(_ arguments: [String]) throws -> Measured {
        let all = try (0..<runs).map { _ in try measure(binary, arguments) }
        return all.sorted { $0.seconds < $1.seconds }[all.count / 2]
    }
    let start = try median(["show", deepest] + names)
    say(
        String(
            format: "baseline  show %@ (process start, open, resolve): %7.3f s  %6.0f MB", deepest, start.seconds,
            start.peakMB))
    func report(_ name: String, _ measured: Measured, baseline: Double, _ label: String) {
        results.append((name, measured))
        let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
        say(
            padded
                + String(
                    format: " %8.3f s  %6.0f MB peak  exit %d  %7.1f× %@", measured.seconds, measured.peakMB,
                    measured.status, measured.seconds / baseline, label))
    }
    func points() throws {
        report("lineage (median)", try median(["lineage", deepest] + names), baseline: start.seconds, "show")
        report(
            "check --to CN (median)", try median(["check", deepest, "--to", "CN"] + names + day),
            baseline: start.seconds, "show")
    }
    if pointOnly {
        try points()
        return results
    }
    let ledger = try SQLiteLedger.open(path: path, mode: .existing)
    var rows = 0
    let floor = try seconds {
        rows = try ledger.read { reader in
            var (cursor, count) = (Int64(0), 0)
            while true {
                let page = try reader.policyFacts(after: cursor, limit: 2_000)
                guard let last = page.last else { return count }
                count += page.count + (try reader.deployments(ofAny: page.map(\.artifact.digest)).count)
                cursor = last.seq
            }
        }
    }
    var events: Int64 = 0
    let logFloor = try seconds {
        try ledger.read { reader in
            try reader.forEachEvent(after: 0) { event in
                events += 1
                _ = try SHA256.hash(Array(event.payload.utf8))
                _ = event.leafHash
                return true
            }
        }
    }
    try ledger.close()
    say(String(format: "baseline  I/O floor: flags' %d rows read in process:  %7.3f s", rows, floor))
    say(String(format: "baseline  log floor: %lld events read and hashed in process: %7.3f s", events, logFloor))
    // flags evaluates everything with --fresh (and keeps the findings beside the ledger); then from
    // the findings kept: the same day, the next day (the artifacts whose findings write the day).
    report(
        "flags --fresh (text)", try measure(binary, ["flags", "--fresh"] + names + day), baseline: floor, "I/O floor")
    report("flags (text, findings kept)", try measure(binary, ["flags"] + names + day), baseline: floor, "I/O floor")
    report(
        "flags (text, the next day)", try measure(binary, ["flags"] + names + ["--on", "2026-11-26"]),
        baseline: floor, "I/O floor")
    report(
        "flags --json", try measure(binary, ["flags"] + names + ["--json"] + day), baseline: floor, "I/O floor")
    report("list --json", try measure(binary, ["list"] + names + ["--json"]), baseline: floor, "I/O floor")
    report("verify (full)", try measure(binary, ["verify"] + names), baseline: logFloor, "log floor")
    report(
        "audit --rehash none", try measure(binary, ["audit"] + names + ["--rehash", "none"] + day),
        baseline: logFloor, "log floor")
    report(
        "verify --since-checkpoint", try measure(binary, ["verify"] + names + ["--since-checkpoint"]),
        baseline: start.seconds, "show")
    report(
        "audit --rehash none --since-chk.",
        try measure(binary, ["audit"] + names + ["--rehash", "none", "--since-checkpoint", "--on", "2026-11-27"]),
        baseline: floor, "I/O floor")
    try points()
    return results
}
