import Foundation
import LedgerCore
import LedgerSQLite
import LedgerStore

/// decode: a ledger's first N events decoded by `LedgerEvent.decode` (PayloadDecoder) against the
/// baseline, Foundation's `JSONDecoder` (`decodeWithFoundation`), in the same process; every event's
/// two results must be equal.
func decodeBenchmark() throws {
    guard let path = stringArgument("--ledger") else {
        print("usage: weightledger-bench decode --ledger LEDGER [--events N] [--runs R]")
        exit(2)
    }
    let limit = argument("--events", default: 200_000)
    let runs = argument("--runs", default: 3)
    let ledger = try SQLiteLedger.open(path: path, mode: .existing)
    defer { try? ledger.close() }
    var payloads: [(type: String, bytes: [UInt8])] = []
    try ledger.read { reader in
        try reader.forEachEvent(after: 0) { event in
            payloads.append((event.type, Array(event.payload.utf8)))
            return payloads.count < limit
        }
    }
    let bytes = payloads.reduce(0) { $0 + $1.bytes.count }
    print("decode: \(payloads.count) events, \(bytes / 1_000_000) MB of payloads, best of \(runs)")
    var foundation: [LedgerEvent] = []
    var fast: [LedgerEvent] = []
    var baseline = Double.infinity
    var measured = Double.infinity
    for _ in 0..<runs {
        baseline = min(
            baseline,
            try seconds {
                foundation = try payloads.map { try LedgerEvent.decodeWithFoundation(type: $0.type, payload: $0.bytes) }
            })
        measured = min(
            measured,
            try seconds { fast = try payloads.map { try LedgerEvent.decode(type: $0.type, payload: $0.bytes) } })
    }
    guard foundation == fast else {
        print("decode: the two decoders disagree")
        exit(1)
    }
    func rate(_ time: Double) -> String {
        String(format: "%.2f s (%.1f µs an event)", time, time / Double(payloads.count) * 1e6)
    }
    print("  baseline, Foundation JSONDecoder: \(rate(baseline))")
    print(
        "  PayloadDecoder:                   \(rate(measured))  \(String(format: "%.2f", measured / baseline))× the baseline"
    )
}
