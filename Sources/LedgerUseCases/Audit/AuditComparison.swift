/// An audit's findings against those the previous audit left open: both walked in the order of
/// their keys' bytes (the current ones from a `SortedSpill`, the previous ones a page at a time
/// from the ledger), so memory holds what changed, not either set.
struct AuditComparison {
    /// Found now and not open before, most severe first.
    let new: AuditFindings
    /// Their keys, in byte order (what the audit's event records).
    let newKeys: [String]
    /// How many of them are of rules enforced on the audit's date.
    let newEnforced: Int
    /// Open before and not found now, in byte order.
    let resolved: [String]
    /// Open before and found again.
    let unchanged: Int
    /// Open after this audit.
    var open: Int64 { Int64(unchanged + newKeys.count) }

    /// `previousPage(after)`: the next keys open before, after `after` (from the first when nil),
    /// in byte order; an empty page ends them.
    init(current: SortedSpill, previousPage: (String?) throws -> [String]) throws {
        let new = SortedSpill()
        var newKeys: [String] = []
        var newEnforced = 0
        var resolved: [String] = []
        var unchanged = 0
        var page: [[UInt8]] = []
        var position = 0
        var last: String?
        var exhausted = false
        /// The next previous key not yet passed, reading a page when needed.
        func peek() throws -> [UInt8]? {
            if position == page.count && !exhausted {
                let keys = try previousPage(last)
                exhausted = keys.isEmpty
                last = keys.last
                page = keys.map { Array($0.utf8) }
                position = 0
            }
            return position < page.count ? page[position] : nil
        }
        var previousKey: [UInt8]?
        try current.forEach { key, record in
            // The same key twice (never expected): the first stands.
            if key == previousKey { return }
            previousKey = key
            while let before = try peek(), before.lexicographicallyPrecedes(key) {
                resolved.append(String(decoding: before, as: UTF8.self))
                position += 1
            }
            if let before = try peek(), before == key {
                unchanged += 1
                position += 1
                return
            }
            guard let finding = AuditFinding(bytes: record) else {
                throw SpillFileError(path: "a sorted spill file (a record does not read back)")
            }
            newKeys.append(finding.key)
            if finding.enforced { newEnforced += 1 }
            try AuditFindings.add(finding, to: new)
        }
        while let before = try peek() {
            resolved.append(String(decoding: before, as: UTF8.self))
            position += 1
        }
        self.new = AuditFindings(new)
        self.newKeys = newKeys
        self.newEnforced = newEnforced
        self.resolved = resolved
        self.unchanged = unchanged
    }
}
