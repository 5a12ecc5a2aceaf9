import Foundation
import Hashing
import LedgerCore
import LedgerSQLite
import LedgerStore
import LedgerUseCases

/// audit-event: the memory a first audit's event costs, without a ledger of millions: an empty
/// ledger gets one `audit.completed` naming `--keys N` new findings (keys shaped like a real
/// audit's: pack/rule/code/artifact/destination@deployment), appended in process; then `verify`
/// through the release binary replays it. Each beside its baseline in the same run: the append's
/// peak against the process before it (the keys built), `verify`'s against `verify` of the same
/// ledger without the event. Then `copy` of both ledgers, and with `--postgres URL` (an empty
/// database) the copy into PostgreSQL and `verify` there.
func auditEventBenchmark() throws {
    let count = argument("--keys", default: 888_352)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wl-bench-audit-event-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("ledger.db").path
    let before = directory.appendingPathComponent("before.db").path
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "weightledger"
    ).path
    let context = AppContext(location: SQLiteLocation(path: path), actor: "bench")
    var keys: [String] = []
    keys.reserveCapacity(count)
    for index in 0..<count {
        let digest = try SHA256.hash(Array("artifact \(index)".utf8)).hex
        keys.append("us-ai-diffusion/closed-weights/LICENSE_REQUIRED/sha256:\(digest)/CN@\(1_000_000 + index)")
    }
    keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    let bytes = keys.reduce(0) { $0 + $1.utf8.count }
    do {
        let store = try SQLiteLedger.open(path: path, mode: .createIfMissing)
        _ = try store.write {
            try $0.createIfNeeded(actor: "bench", at: context.timestamp(), id: context.newLedgerID())
        }
        try store.close()
    }
    guard try measure("/bin/cp", [path, before]).status == 0 else { throw BenchError("cannot copy \(path)") }
    let resident = ProcessStatus.value("VmRSS")
    let store = try SQLiteLedger.open(path: path, mode: .existing)
    let event = AuditRecorded(
        date: try LedgerDate("2026-11-25"), rehash: "none", status: "findings", interrupted: false, treeSize: 1,
        rootHash: "", checkedBytes: 0, locations: [], newFindings: keys, resolvedFindings: [],
        openFindings: Int64(count))
    keys = []
    if ProcessInfo.processInfo.environment["PROBE"] != nil {
        let payload = try LedgerEvent.auditRecorded(event).canonicalPayload()
        say(
            "probe: payload \(payload.count) bytes, hwm \(ProcessStatus.value("VmHWM") / 1024) rss \(ProcessStatus.value("VmRSS") / 1024)"
        )
        let text = String(decoding: payload, as: UTF8.self)
        say(
            "probe: string \(text.utf8.count), hwm \(ProcessStatus.value("VmHWM") / 1024) rss \(ProcessStatus.value("VmRSS") / 1024)"
        )
    }
    let time = try seconds {
        _ = try store.write { try $0.append(.auditRecorded(event), actor: "bench", at: context.timestamp()) }
    }
    try store.close()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    say(
        String(
            format: "audit-event: %d keys, %.1f MB of keys, ledger %.1f MB", count, Double(bytes) / 1e6,
            Double(size) / 1e6))
    say(String(format: "baseline  resident before the append (keys built): %6.0f MB", resident / 1024))
    say(
        String(
            format: "append    one audit.completed: %7.3f s  peak %6.0f MB  %.2f× the resident before", time,
            ProcessStatus.value("VmHWM") / 1024, ProcessStatus.value("VmHWM") / resident))
    let empty = try measure(binary, ["verify", "--ledger", before])
    let full = try measure(binary, ["verify", "--ledger", path])
    say(
        String(
            format: "baseline  verify without the event: %7.3f s  %6.0f MB peak  exit %d", empty.seconds, empty.peakMB,
            empty.status))
    say(
        String(
            format: "verify    replaying the event:     %7.3f s  %6.0f MB peak  exit %d  %.2f× the baseline's memory",
            full.seconds, full.peakMB, full.status, full.peakMB / empty.peakMB))
    // `copy` into another file and, with `--postgres URL` (an empty database), into PostgreSQL.
    let copyBefore = try measure(binary, ["copy", "--from", before, "--to", before + ".copy.db"])
    let copy = try measure(binary, ["copy", "--from", path, "--to", path + ".copy.db"])
    say(
        String(
            format: "baseline  copy without the event:  %7.3f s  %6.0f MB peak  exit %d", copyBefore.seconds,
            copyBefore.peakMB, copyBefore.status))
    say(
        String(
            format: "copy      with the event, to a file: %7.3f s  %6.0f MB peak  exit %d  %.2f× the baseline's memory",
            copy.seconds, copy.peakMB, copy.status, copy.peakMB / copyBefore.peakMB))
    if let url = stringArgument("--postgres") {
        setenv("WEIGHTLEDGER_MIRROR", directory.appendingPathComponent("mirror.db").path, 1)
        guard try measure(binary, ["migrate", "--database", url]).status == 0 else {
            throw BenchError("migrate failed")
        }
        let database = try measure(binary, ["copy", "--from", path, "--to", url])
        say(
            String(
                format:
                    "copy      with the event, to PostgreSQL: %7.3f s  %6.0f MB peak  exit %d  %.2f× the baseline's",
                database.seconds, database.peakMB, database.status, database.peakMB / copyBefore.peakMB))
        let verified = try measure(binary, ["verify", "--database", url])
        say(
            String(
                format: "verify    on PostgreSQL:            %7.3f s  %6.0f MB peak  exit %d", verified.seconds,
                verified.peakMB, verified.status))
    }
}

/// Fields of /proc/self/status, in KiB.
enum ProcessStatus {
    static func value(_ field: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.flatMap {
            Double($0.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        } ?? 0
    }
}
