// scale: the issue-17 figures for one ledger size. Generates (or reuses, --keep) a ledger of N
// artifacts in chains D deep, then runs each command through the release binary, measuring its
// wall time and its peak resident memory (wait4's ru_maxrss), each beside a baseline measured in
// the same run: process start + open (`show` of one artifact), the I/O floor (the rows flags
// reads, in process, nothing evaluated), the log floor (reading and hashing every event, in
// process), and appends to an empty ledger for registration throughput.
import Foundation
import Hashing
import LedgerCore
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

/// Runs `binary` with `arguments`, its standard output to /dev/null, and measures it.
func measure(_ binary: String, _ arguments: [String]) throws -> Measured {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot start \(binary)"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Measured(seconds: elapsed, peakMB: Double(usage.ru_maxrss) / 1024, status: exit)
}

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
    if !CommandLine.arguments.contains("--registrations-only") {
        try walks(binary: binary, path: path, depth: depth, runs: runs)
    }

    // Registration throughput: one durable transaction per registration, at this size and on an empty ledger.
    let count = argument("--registrations", default: 2_000)
    let nonce = UUID().uuidString
    func registrations(_ target: String) throws -> Double {
        let context = AppContext(location: SQLiteLocation(path: target), actor: "bench")
        let store = try SQLiteLedger.open(path: target, mode: .createIfMissing)
        defer { try? store.close() }
        try store.write { try $0.createIfNeeded(actor: "bench", at: context.timestamp(), id: context.newLedgerID()) }
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
                try store.write { try $0.append(.artifactRegistered(event), actor: "bench", at: context.timestamp()) }
            }
        }
        return Double(count) / time
    }
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wl-bench-empty-\(getpid()).db").path
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: empty + suffix) } }
    let emptyRate = try registrations(empty)
    let fullRate = try registrations(path)
    say(
        String(format: "baseline  registrations on an empty ledger: %8.0f /s (one durable transaction each)", emptyRate)
    )
    say(
        String(
            format: "register  at this size:                    %8.0f /s  %.2f× baseline", fullRate,
            fullRate / emptyRate))
}

/// The walks and single-artifact commands, each beside its baseline.
func walks(binary: String, path: String, depth: Int, runs: Int) throws {
    let day = ["--on", "2026-11-25"]
    let deepest = "bench/chain-1:v\(depth - 1)"
    func median(_ arguments: [String]) throws -> Measured {
        let all = try (0..<runs).map { _ in try measure(binary, arguments) }
        return all.sorted { $0.seconds < $1.seconds }[all.count / 2]
    }
    let start = try median(["show", deepest, "--ledger", path])
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
    say(
        String(
            format: "baseline  show %@ (process start, open, resolve): %7.3f s  %6.0f MB", deepest, start.seconds,
            start.peakMB))
    say(String(format: "baseline  I/O floor: flags' %d rows read in process:  %7.3f s", rows, floor))
    say(String(format: "baseline  log floor: %lld events read and hashed in process: %7.3f s", events, logFloor))

    func report(_ name: String, _ measured: Measured, baseline: Double, _ label: String) {
        let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
        say(
            padded
                + String(
                    format: " %8.3f s  %6.0f MB peak  exit %d  %7.1f× %@", measured.seconds, measured.peakMB,
                    measured.status, measured.seconds / baseline, label))
    }
    report("flags (text)", try measure(binary, ["flags", "--ledger", path] + day), baseline: floor, "I/O floor")
    report(
        "flags --json", try measure(binary, ["flags", "--ledger", path, "--json"] + day), baseline: floor, "I/O floor")
    report("list --json", try measure(binary, ["list", "--ledger", path, "--json"]), baseline: floor, "I/O floor")
    report("verify (full)", try measure(binary, ["verify", "--ledger", path]), baseline: logFloor, "log floor")
    report(
        "audit --rehash none", try measure(binary, ["audit", "--ledger", path, "--rehash", "none"] + day),
        baseline: logFloor, "log floor")
    report(
        "verify --since-checkpoint", try measure(binary, ["verify", "--ledger", path, "--since-checkpoint"]),
        baseline: start.seconds, "show")
    report(
        "audit --rehash none --since-chk.",
        try measure(binary, ["audit", "--ledger", path, "--rehash", "none", "--since-checkpoint"] + day),
        baseline: floor, "I/O floor")
    report("lineage (median)", try median(["lineage", deepest, "--ledger", path]), baseline: start.seconds, "show")
    report(
        "check --to CN (median)", try median(["check", deepest, "--to", "CN", "--ledger", path] + day),
        baseline: start.seconds, "show")

}
