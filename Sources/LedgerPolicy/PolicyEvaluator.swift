import LedgerCore

/// Evaluates a pack's rules for one subject. Pure: everything it needs comes in as arguments.
public enum PolicyEvaluator {
    /// The pack's standing on the subject's date and the findings of its rules.
    ///
    /// A rule whose condition cannot be determined (unknown compute or facts) yields a `warn`
    /// finding saying so and naming the artifacts, when its outcome would need a person;
    /// it is never silently treated as clear.
    ///
    /// `destinationRulesOnly`: only the rules that ask about a destination (a deployment's own
    /// findings, when the artifact's are evaluated separately).
    public static func evaluate(
        _ pack: PolicyPack, for subject: EvaluationSubject,
        destinationRulesOnly: Bool = false
    ) -> (status: PackStatus, findings: [Finding]) {
        let status = pack.status(on: subject.date)
        guard status.applies else { return (status, []) }
        var findings: [Finding] = []
        // The readings this subject's findings state, decided once for all of them.
        var positions: String?
        func stated() -> String {
            if let positions { return positions }
            let text = pack.positions.compactMap { position -> String? in
                guard truth(of: position.when, pack: pack, subject: subject) == .yes else { return nil }
                let value = pack.parameters[position.parameter]?.text ?? "?"
                return position.text[value].map {
                    " Position taken (parameter \(position.parameter) = \(value)): \($0)"
                }
            }.joined()
            positions = text
            return text
        }
        for rule in pack.rules {
            if rule.needsDestination ? subject.destination == nil : destinationRulesOnly { continue }
            switch truth(of: rule.when, pack: pack, subject: subject) {
            case .yes:
                findings.append(
                    finding(rule, pack: pack, subject: subject, status: status, missing: nil, positions: stated()))
            case .no:
                continue
            case .unknown(let missing, let facts):
                guard rule.outcome.severity >= .warn || rule.outcome.requires != .none else { continue }
                findings.append(
                    finding(
                        rule, pack: pack, subject: subject, status: status, missing: (missing.sorted(), facts.sorted()),
                        positions: stated()))
            }
        }
        return (status, Severity.ordered(findings) { $0.severity })
    }

    static func finding(
        _ rule: PolicyPack.Rule, pack: PolicyPack, subject: EvaluationSubject, status: PackStatus,
        missing: ([ArtifactDigest], [String])?, positions: String = ""
    ) -> Finding {
        let outcome = rule.outcome
        var explanation = Template.render(outcome.parts, subject: subject, pack: pack)
        if let (digests, facts) = missing {
            var unknowns = digests.map { "the compute of \($0.short)…" }
            unknowns += facts
            explanation =
                "Undetermined: \(rule.title) applies depending on \(unknowns.joined(separator: ", ")), which the "
                + "ledger does not know. If it applies: "
                + explanation
        }
        explanation += positions
        if !status.enforced {
            explanation += " [Enforcement: \(status.standing.rawValue) on \(subject.date).]"
        }
        let citation = pack.citations[rule.citation]?.rendered ?? rule.citation
        return Finding(
            code: missing == nil ? outcome.code : outcome.code + "-undetermined",
            severity: missing == nil ? outcome.severity : .warn,
            requires: missing == nil ? outcome.requires : .review, ruleRequires: outcome.requires,
            pack: pack.id, packVersion: pack.version, rule: rule.id, ruleTitle: rule.title,
            explanation: explanation, citation: citation, enforced: status.enforced, determined: missing == nil,
            missingCompute: missing?.0 ?? [], artifact: subject.digest, destination: subject.destination,
            date: subject.date)
    }

    /// Three-valued truth of a condition.
    static func truth(of condition: Condition, pack: PolicyPack, subject: EvaluationSubject) -> Truth {
        func eval(_ inner: Condition) -> Truth { truth(of: inner, pack: pack, subject: subject) }
        switch condition {
        case .all(let parts): return Truth.all(parts.map(eval))
        case .any(let parts): return Truth.any(parts.map(eval))
        case .not(let inner): return eval(inner).negated
        case .combine(let mode, let parts):
            return pack.text(mode) == "all" ? Truth.all(parts.map(eval)) : Truth.any(parts.map(eval))
        case .compute(let measure, let op, let value):
            guard let comparison = pack.text(op).flatMap(Comparison.init(rawValue:)), let threshold = pack.number(value)
            else { return .unknown() }
            return subject.facts.figure(measure).compare(comparison, threshold)
        case .ratio(let numerator, let denominator, let op, let value):
            guard let comparison = pack.text(op).flatMap(Comparison.init(rawValue:)), let threshold = pack.number(value)
            else { return .unknown() }
            return ratio(subject.facts.figure(numerator), subject.facts.figure(denominator), comparison, threshold)
        case .published(let wanted):
            return subject.facts.published == wanted ? .yes : .no
        case .hasPublishedAncestor(let wanted):
            return subject.facts.publishedAncestors.isEmpty != wanted ? .yes : .no
        case .kind(let kinds):
            return kinds.contains(subject.kind) ? .yes : .no
        case .destinationIn(let set):
            guard let destination = subject.destination else { return .unknown(fact: "the destination") }
            return pack.contains(destination, inSet: set, on: subject.date) ? .yes : .no
        case .trainedIn(let set):
            guard let country = subject.trainedIn else {
                return .unknown(fact: "the training country of \(subject.label)")
            }
            return pack.contains(country, inSet: set, on: subject.date) ? .yes : .no
        case .deploymentKind(let kinds):
            return kinds.contains(subject.deploymentKind ?? .export) ? .yes : .no
        case .defined(let name):
            guard let definition = pack.definitions[name] else { return .unknown(fact: "definition \(name)") }
            return eval(definition)
        case .exporterHeadquarteredIn(let set):
            return exporterHeadquartered(in: set, pack: pack, subject: subject)
        case .downstreamModifier(let wanted):
            let truth = downstream(subject)
            return wanted ? truth : truth.negated
        case .developerRevenue(let op, let value, let years):
            guard let comparison = pack.text(op).flatMap(Comparison.init(rawValue:)),
                let threshold = pack.number(value),
                let yearsBefore = pack.number(years)
            else { return .unknown() }
            return revenue(subject, comparison, threshold, year: subject.date.year - Int(yearsBefore))
        case .computeKnown(let measure):
            return subject.facts.figure(measure).complete ? .yes : .no
        case .parameterIs(let name, let value):
            return pack.parameters[name]?.text == value ? .yes : .no
        case .lineageKind(let kinds):
            return subject.facts.lineageKinds.isDisjoint(with: kinds) ? .no : .yes
        case .unrecorded(let fact):
            return .unknown(fact: fact)
        case .listed(let digests, let names):
            if digests.contains(subject.digest) { return .yes }
            let hit = subject.names.contains { name in
                names.contains(name.description) || names.contains(name.repository)
            }
            return hit ? .yes : .no
        }
    }

    /// Every organisation from the exporter up to its ultimate parent headquartered in the set.
    static func exporterHeadquartered(in set: String, pack: PolicyPack, subject: EvaluationSubject) -> Truth {
        let parties = subject.parties
        guard let exporter = parties.exporter else {
            return .unknown(fact: "the exporter's headquarters (no exporter or developer of \(subject.label) recorded)")
        }
        let chain = parties.directory.chain(of: exporter, on: subject.date)
        guard !chain.isEmpty else { return .unknown(fact: "the headquarters of \(exporter) (not in the ledger)") }
        var unknown: String?
        for organisation in chain {
            guard let country = organisation.headquarters(on: subject.date) else {
                unknown = "the headquarters of \(organisation.name)"
                continue
            }
            if !pack.contains(country, inSet: set, on: subject.date) { return .no }
        }
        if let missing = parties.directory.missingParent(of: exporter, on: subject.date) {
            unknown = "the headquarters of \(missing), parent of \(chain.last!.name)"
        }
        return unknown.map { .unknown(fact: $0) } ?? .yes
    }

    /// Made by someone other than the developer of (one of) what it was made from.
    static func downstream(_ subject: EvaluationSubject) -> Truth {
        let parties = subject.parties
        guard let developer = parties.developer else {
            return .unknown(fact: "the developer of \(subject.label)")
        }
        if parties.parentDevelopers.contains(where: { $0 != nil && $0 != developer }) { return .yes }
        if parties.parentDevelopers.contains(where: { $0 == nil }) {
            return .unknown(fact: "the developer of what \(subject.label) was made from")
        }
        return .no
    }

    /// The developer's revenue for `year`: the highest figure recorded for it or an organisation
    /// above it (a group's consolidated revenue includes its members).
    static func revenue(_ subject: EvaluationSubject, _ op: Comparison, _ threshold: Double, year: Int) -> Truth {
        let parties = subject.parties
        guard let developer = parties.developer else { return .unknown(fact: "the developer of \(subject.label)") }
        let figures = parties.directory.chain(of: developer, on: subject.date).compactMap { $0.revenue[year]?.usd }
        guard let highest = figures.max() else { return .unknown(fact: "the revenue of \(developer) in \(year)") }
        return op.holds(highest, threshold) ? .yes : .no
    }

    /// numerator / denominator compared with a threshold; decided only on complete figures,
    /// or when a lower-bound numerator already exceeds over a complete denominator.
    static func ratio(
        _ numerator: ComputeFigure, _ denominator: ComputeFigure, _ op: Comparison, _ threshold: Double
    ) -> Truth {
        guard numerator.isApplicable, denominator.isApplicable else { return .no }
        guard denominator.complete, let base = denominator.value else {
            return Truth.any([numerator.undetermined, denominator.undetermined])
        }
        let top = numerator.value ?? 0
        let fraction = base == 0 ? (top == 0 ? 0 : Double.infinity) : top / base
        return ComputeFigure(
            value: fraction, complete: numerator.complete, missing: numerator.missing,
            missingExternal: numerator.missingExternal
        ).compare(op, threshold)
    }
}
