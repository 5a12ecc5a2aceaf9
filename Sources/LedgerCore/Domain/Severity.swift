/// How urgent a finding is: `block` stops a deployment, `warn` needs a person, `info` informs.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, warn, block

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `warn` and `block` need a person (a license, a notification, a look at unknown facts); `info` does not.
    public var needsAttention: Bool { self >= .warn }

    /// A finding is open while it needs a person and no license on record resolves it. The one
    /// rule for "unresolved": policy evaluation, `flags`, the audit and the deployment projection use it.
    public static func isOpen(severity: Severity, resolvedBy license: String?) -> Bool {
        severity.needsAttention && license == nil
    }

    /// `items` most severe first (block, warn, info), keeping their order within a severity: the
    /// one order findings are listed in everywhere.
    /// Linear: one bucket per severity (`flags` orders hundreds of thousands of findings).
    public static func ordered<T>(_ items: [T], by severity: (T) -> Severity) -> [T] {
        // Most lists are short and already in order (rules of one pack): return them untouched.
        if zip(items, items.dropFirst()).allSatisfy({ severity($0) >= severity($1) }) { return items }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for level in [Severity.block, .warn, .info] {
            for item in items where severity(item) == level { out.append(item) }
        }
        return out
    }

    /// Where the severity comes, most severe first: 0 block, 1 warn, 2 info.
    public var rank: Int {
        switch self {
        case .block: return 0
        case .warn: return 1
        case .info: return 2
        }
    }
}
