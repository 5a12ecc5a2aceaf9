import LedgerCore

/// A pack's legal standing on a date: whether its rules apply, and whether they are enforced.
public struct PackStatus: Sendable, Equatable {
    /// Where a pack stands in its timeline on a date.
    public enum Standing: String, Sendable, Codable {
        case notYetEffective = "not-yet-effective"
        /// In force, but compliance is not yet required (before the compliance date).
        case compliancePending = "in-force-compliance-pending"
        /// Compliance is required, but enforcement (e.g. fines) starts later.
        case notYetEnforced = "in-force-not-yet-enforced"
        case inForce = "in-force"
        /// In force as written, but the authority announced it will not enforce it.
        case enforcementSuspended = "enforcement-suspended"
        case rescinded
    }

    /// Its standing on the date.
    public let standing: Standing
    /// The rules apply on the date (effective and not rescinded): findings are produced.
    public var applies: Bool { standing != .notYetEffective && standing != .rescinded }
    /// The rules are enforced on the date.
    public var enforced: Bool { standing == .inForce }
    /// The timeline entries on or before the date, latest last, for reports.
    public let history: [PolicyPack.StatusChange]
}

extension PolicyPack {
    /// The pack's standing as of `date`, from its timeline.
    public func status(on date: LedgerDate) -> PackStatus {
        let past = timeline.filter { $0.date <= date }.sorted { $0.date < $1.date }
        let hasComplianceDate = timeline.contains { $0.kind == .compliance }
        let hasEnforcementDate = timeline.contains { $0.kind == .enforcement }
        var effective = false
        var compliance = !hasComplianceDate
        var enforcement = !hasEnforcementDate
        var suspended = false
        var rescinded = false
        for change in past {
            switch change.kind {
            case .effective: effective = true
            case .compliance: compliance = true
            case .enforcement: enforcement = true
            case .enforcementSuspended: suspended = true
            case .enforcementResumed: suspended = false
            case .rescinded: rescinded = true
            case .noted: continue
            }
        }
        let standing: PackStatus.Standing
        if rescinded {
            standing = .rescinded
        } else if !effective {
            standing = .notYetEffective
        } else if suspended {
            standing = .enforcementSuspended
        } else if !compliance {
            standing = .compliancePending
        } else if !enforcement {
            standing = .notYetEnforced
        } else {
            standing = .inForce
        }
        return PackStatus(standing: standing, history: past)
    }

    /// Whether `country` belongs to the named set on `date` (sets may include sets).
    public func contains(_ country: CountryCode, inSet name: String, on date: LedgerDate) -> Bool {
        var visited: Set<String> = []
        func member(of setName: String) -> Bool {
            guard visited.insert(setName).inserted, let set = countrySets[setName] else { return false }
            let direct = set.members.contains { member in
                member.code == country && (member.from.map { $0 <= date } ?? true)
                    && (member.until.map { date < $0 } ?? true)
            }
            return direct || set.includes.contains(where: member(of:))
        }
        return member(of: name)
    }

    /// Every day on which the pack's standing or a set's membership changes: `status(on:)` and
    /// `contains(_:inSet:on:)` read the same on the days between two of them (`DateSpan`).
    public var dateBoundaries: [LedgerDate] {
        timeline.map(\.date)
            + countrySets.values.flatMap { set in set.members.flatMap { [$0.from, $0.until].compactMap { $0 } } }
    }

    /// Resolves an operand to a number, from a literal or a parameter.
    func number(_ operand: Operand) -> Double? {
        switch operand {
        case .number(let value): return value
        case .parameter(let name):
            if case .number(let value)? = parameters[name]?.value { return value }
            return nil
        case .text: return nil
        }
    }

    /// Resolves an operand to a word, from a literal or a parameter.
    func text(_ operand: Operand) -> String? {
        switch operand {
        case .text(let text): return text
        case .parameter(let name):
            if case .text(let text)? = parameters[name]?.value { return text }
            return nil
        case .number: return nil
        }
    }
}
