import LedgerCore

/// Cross-reference checks after parsing: every citation, parameter, country set and template
/// placeholder a pack uses must exist and have the right type.
struct PackChecker {
    let pack: PolicyPack
    let top: PackCursor

    private func fail(_ path: String, _ expected: String) -> PolicyPackError {
        PolicyPackError(source: top.source, path: path, expected: expected)
    }

    func check() throws {
        guard pack.timeline.contains(where: { $0.kind == .effective }) else {
            throw fail("$.timeline", "an entry with status effective")
        }
        for (index, change) in pack.timeline.enumerated() {
            if let citation = change.citation { try checkCitation(citation, at: "$.timeline[\(index)].citation") }
        }
        for (name, parameter) in pack.parameters {
            if let citation = parameter.citation { try checkCitation(citation, at: "$.parameters.\(name).citation") }
        }
        for (name, set) in pack.countrySets {
            if let citation = set.citation { try checkCitation(citation, at: "$.countrySets.\(name).citation") }
            for (index, include) in set.includes.enumerated() where pack.countrySets[include] == nil {
                throw fail("$.countrySets.\(name).includes[\(index)]", "the name of a country set in this pack")
            }
        }
        for (name, definition) in pack.definitions {
            try check(definition, at: "$.definitions.\(name)", expanding: [name])
        }
        var seen: Set<String> = []
        for (index, rule) in pack.rules.enumerated() {
            let path = "$.rules[\(index)]"
            guard seen.insert(rule.id).inserted else {
                throw fail("\(path).id", "a rule id not used before in this pack")
            }
            try checkCitation(rule.citation, at: "\(path).citation")
            try check(rule.when, at: "\(path).when", expanding: [])
            for name in Template.names(in: rule.outcome.explanation) {
                if name.hasPrefix("param:") {
                    guard pack.parameters[String(name.dropFirst(6))] != nil else {
                        throw fail(
                            "\(path).outcome.explanation", "{param:NAME} naming a parameter of this pack, not {\(name)}"
                        )
                    }
                } else if !Template.placeholders.contains(name) {
                    throw fail(
                        "\(path).outcome.explanation",
                        "placeholders among " + Template.placeholders.sorted().joined(separator: ", ")
                            + ", not {\(name)}")
                }
            }
        }
    }

    private func checkCitation(_ id: String, at path: String) throws {
        guard pack.citations[id] != nil else { throw fail(path, "the id of a citation in $.citations, not '\(id)'") }
    }

    /// `expanding` holds the definitions being checked, to refuse one that refers to itself.
    private func check(_ condition: Condition, at path: String, expanding: Set<String>) throws {
        switch condition {
        case .all(let parts):
            for (index, part) in parts.enumerated() {
                try check(part, at: "\(path).all[\(index)]", expanding: expanding)
            }
        case .any(let parts):
            for (index, part) in parts.enumerated() {
                try check(part, at: "\(path).any[\(index)]", expanding: expanding)
            }
        case .not(let inner): try check(inner, at: "\(path).not", expanding: expanding)
        case .combine(let mode, let parts):
            try checkWord(mode, allowed: ["any", "all"], at: "\(path).combine.mode")
            for (index, part) in parts.enumerated() {
                try check(part, at: "\(path).combine.of[\(index)]", expanding: expanding)
            }
        case .defined(let name):
            guard let definition = pack.definitions[name] else {
                throw fail("\(path).is", "the name of a definition in $.definitions, not '\(name)'")
            }
            guard !expanding.contains(name) else {
                throw fail("\(path).is", "a definition that does not refer to itself ('\(name)')")
            }
            try check(definition, at: "$.definitions.\(name)", expanding: expanding.union([name]))
        case .compute(_, let op, let value):
            try checkWord(op, allowed: Set(Comparison.allCases.map(\.rawValue)), at: "\(path).compute.op")
            try checkNumber(value, at: "\(path).compute.value")
        case .ratio(_, _, let op, let value):
            try checkWord(op, allowed: Set(Comparison.allCases.map(\.rawValue)), at: "\(path).ratio.op")
            try checkNumber(value, at: "\(path).ratio.value")
        case .developerRevenue(let op, let value, let years):
            try checkWord(op, allowed: Set(Comparison.allCases.map(\.rawValue)), at: "\(path).developerRevenue.op")
            try checkNumber(value, at: "\(path).developerRevenue.value")
            guard let count = pack.number(years), count >= 0, count == count.rounded() else {
                throw fail(
                    "\(path).developerRevenue.yearsBefore", "a whole number of years, or a parameter holding one")
            }
        case .parameterIs(let name, _):
            guard pack.parameters[name] != nil else {
                throw fail("\(path).parameterIs.param", "the name of a parameter of this pack, not '\(name)'")
            }
        case .destinationIn(let set), .trainedIn(let set), .exporterHeadquarteredIn(let set):
            guard pack.countrySets[set] != nil else {
                throw fail(path, "the name of a country set in this pack, not '\(set)'")
            }
        case .published, .hasPublishedAncestor, .kind, .deploymentKind, .listed, .downstreamModifier, .computeKnown,
            .lineageKind, .unrecorded:
            return
        }
    }

    private func checkWord(_ operand: Operand, allowed: Set<String>, at path: String) throws {
        guard let word = pack.text(operand), allowed.contains(word) else {
            throw fail(path, "one of \(allowed.sorted().joined(separator: ", ")), or a parameter holding one")
        }
    }

    private func checkNumber(_ operand: Operand, at path: String) throws {
        guard pack.number(operand) != nil else { throw fail(path, "a number, or a parameter holding a number") }
    }
}
