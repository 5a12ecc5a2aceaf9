import LedgerCore

/// The new findings of an audit, most severe first and in key order within a severity, read back
/// from where the audit set them aside (`SortedSpill`): an audit that finds hundreds of thousands
/// of findings new (the first one of a large ledger) lists them without holding them.
public final class AuditFindings: @unchecked Sendable {
    private let spill: SortedSpill

    init(_ spill: SortedSpill) { self.spill = spill }

    /// How many.
    public var count: Int { spill.count }
    /// Whether there are none.
    public var isEmpty: Bool { spill.count == 0 }

    /// Hands each finding to `body`, most severe first.
    public func forEach(_ body: (AuditFinding) throws -> Void) throws {
        try spill.forEach { _, record in
            guard let finding = AuditFinding(bytes: record) else {
                throw SpillFileError(path: "a sorted spill file (a record does not read back)")
            }
            try body(finding)
        }
    }

    /// Every finding, in order (for a response held whole, and tests).
    public func all() throws -> [AuditFinding] {
        var out: [AuditFinding] = []
        try forEach { out.append($0) }
        return out
    }

    /// Sets `finding` aside; its place is its severity's rank, then its key.
    static func add(_ finding: AuditFinding, to spill: SortedSpill) throws {
        let rank = UInt8((Severity(rawValue: finding.severity) ?? .block).rank)
        try spill.add(key: [rank] + Array(finding.key.utf8), record: finding.bytes)
    }
}

extension AuditFinding {
    /// Its fields, each a length and UTF-8, then `enforced`: how an audit sets it aside.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        for field in [key, pack, code, severity, artifact, explanation] {
            let utf8 = Array(field.utf8)
            let length = UInt32(utf8.count)
            out += [
                UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8),
                UInt8(truncatingIfNeeded: length),
            ]
            out += utf8
        }
        out.append(enforced ? 1 : 0)
        return out
    }

    /// Reads `bytes` back; nil when they are not such a record.
    init?(bytes: [UInt8]) {
        var position = 0
        var fields: [String] = []
        for _ in 0..<6 {
            guard bytes.count - position >= 4 else { return nil }
            let length = SortedSpill.length(in: bytes, at: position)
            position += 4
            guard bytes.count - position >= length else { return nil }
            fields.append(String(decoding: bytes[position..<position + length], as: UTF8.self))
            position += length
        }
        guard bytes.count == position + 1 else { return nil }
        self.init(
            key: fields[0], pack: fields[1], code: fields[2], severity: fields[3], artifact: fields[4],
            explanation: fields[5], enforced: bytes[position] == 1)
    }
}
