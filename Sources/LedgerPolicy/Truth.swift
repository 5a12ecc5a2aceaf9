import LedgerCore

/// Three-valued truth (Kleene): a condition on unknown compute is neither true nor false,
/// and says which artifacts' figures would settle it.
public enum Truth: Sendable, Equatable {
    case yes
    case no
    /// Not determinable: `missing` names the artifacts whose compute (or facts) are unknown.
    case unknown(missing: Set<ArtifactDigest>, facts: Set<String>)

    static func unknown(missing: [ArtifactDigest] = [], fact: String? = nil) -> Truth {
        .unknown(missing: Set(missing), facts: fact.map { [$0] } ?? [])
    }

    /// Not: unknown stays unknown.
    public var negated: Truth {
        switch self {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return self
        }
    }

    /// Conjunction: false wins over unknown, unknown over true.
    static func all(_ values: [Truth]) -> Truth {
        if values.contains(.no) { return .no }
        return merged(values) ?? .yes
    }

    /// Disjunction: true wins over unknown, unknown over false.
    static func any(_ values: [Truth]) -> Truth {
        if values.contains(.yes) { return .yes }
        return merged(values) ?? .no
    }

    private static func merged(_ values: [Truth]) -> Truth? {
        var missing: Set<ArtifactDigest> = []
        var facts: Set<String> = []
        var sawUnknown = false
        for case .unknown(let someMissing, let someFacts) in values {
            sawUnknown = true
            missing.formUnion(someMissing)
            facts.formUnion(someFacts)
        }
        return sawUnknown ? .unknown(missing: missing, facts: facts) : nil
    }
}
