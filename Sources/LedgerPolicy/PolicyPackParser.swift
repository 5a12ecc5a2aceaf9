import LedgerCore

extension PolicyPack {
    /// The pack format version this binary reads.
    public static let format = 1

    /// Parses and checks a pack. Every refusal names `source`, the JSON path and what was expected.
    public static func parse(_ bytes: [UInt8], source: String) throws -> PolicyPack {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch let error as JSONParser.SyntaxError {
            throw PolicyPackError(source: source, path: "$", expected: "valid JSON (\(error))")
        }
        let top = PackCursor(value: root, path: "$", source: source)
        try top.onlyKeys([
            "$schema", "format", "id", "version", "title", "jurisdiction", "scope", "notes", "citations",
            "timeline", "parameters", "countrySets", "definitions", "rules", "positions",
        ])
        let format = try top.required("format")
        guard try format.number() == Double(PolicyPack.format) else { throw format.fail("format \(PolicyPack.format)") }
        let idCursor = try top.required("id")
        let id = try idCursor.string()
        guard id.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) else {
            throw idCursor.fail("an id of lowercase letters, digits and '-'")
        }
        let definitions = try Dictionary(
            uniqueKeysWithValues: (top.child("definitions")?.members() ?? []).map { key, cursor in
                (key, try condition(cursor))
            })
        let parameters = try Dictionary(
            uniqueKeysWithValues: (top.child("parameters")?.members() ?? []).map { key, cursor in
                (key, try parameter(cursor))
            })
        let pack = PolicyPack(
            id: id,
            version: try top.required("version").string(),
            title: try top.required("title").string(),
            jurisdiction: try top.required("jurisdiction").string(),
            scope: try top.required("scope").string(),
            citations: try Dictionary(
                uniqueKeysWithValues: top.required("citations").members().map { key, cursor in
                    try cursor.onlyKeys(["text", "url"])
                    return (
                        key, Citation(text: try cursor.required("text").string(), url: try cursor.optionalString("url"))
                    )
                }),
            timeline: try top.required("timeline").array().map(statusChange),
            parameters: parameters,
            countrySets: try Dictionary(
                uniqueKeysWithValues: (top.child("countrySets")?.members() ?? []).map { key, cursor in
                    (key, try countrySet(cursor, parameters: parameters))
                }),
            definitions: definitions,
            rules: try top.required("rules").array().map { try rule($0, definitions: definitions) },
            notes: try (top.child("notes")?.array() ?? []).map { try $0.string() },
            positions: try (top.child("positions")?.array() ?? []).map(position))
        try PackChecker(pack: pack, top: top).check()
        return pack
    }

    private static func confidence(_ cursor: PackCursor) throws -> Confidence {
        try cursor.child("confidence").map { try $0.oneOf(Confidence.self) } ?? .primary
    }

    private static func statusChange(_ cursor: PackCursor) throws -> StatusChange {
        try cursor.onlyKeys(["date", "status", "note", "citation", "confidence"])
        return StatusChange(
            date: try cursor.required("date").date(), kind: try cursor.required("status").oneOf(StatusChange.Kind.self),
            note: try cursor.optionalString("note"), citation: try cursor.optionalString("citation"),
            confidence: try confidence(cursor))
    }

    private static func parameter(_ cursor: PackCursor) throws -> Parameter {
        try cursor.onlyKeys(["value", "note", "confidence", "citation", "unit"])
        let valueCursor = try cursor.required("value")
        let value: ParameterValue
        switch valueCursor.value {
        case .number(let number): value = .number(number)
        case .string(let text): value = .text(text)
        case .bool(let flag): value = .flag(flag)
        default: throw valueCursor.fail("a number, a string or true/false")
        }
        return Parameter(
            value: value, note: try cursor.optionalString("note"), confidence: try confidence(cursor),
            citation: try cursor.optionalString("citation"), unit: try cursor.optionalString("unit"))
    }

    private static func position(_ cursor: PackCursor) throws -> Position {
        try cursor.onlyKeys(["parameter", "when", "text"])
        return Position(
            parameter: try cursor.required("parameter").string(), when: try condition(cursor.required("when")),
            text: Dictionary(
                uniqueKeysWithValues: try cursor.required("text").members().map { ($0, try $1.string()) }))
    }

    /// A member's date: a literal, or `{"param": NAME}` naming a parameter that holds one.
    private static func memberDate(
        _ cursor: PackCursor?, parameters: [String: Parameter]
    ) throws -> (date: LedgerDate?, parameter: String?) {
        guard let cursor else { return (nil, nil) }
        guard case .object = cursor.value else { return (try cursor.date(), nil) }
        try cursor.onlyKeys(["param"])
        let name = try cursor.required("param").string()
        guard case .text(let text)? = parameters[name]?.value, let date = try? LedgerDate(text) else {
            throw cursor.fail("a parameter of this pack holding a date YYYY-MM-DD, not '\(name)'")
        }
        return (date, name)
    }

    private static func countrySet(_ cursor: PackCursor, parameters: [String: Parameter]) throws -> CountrySet {
        try cursor.onlyKeys(["title", "members", "includes", "citation", "note"])
        let members = try (cursor.child("members")?.array() ?? []).map { member -> CountrySet.Member in
            if case .string = member.value {
                return CountrySet.Member(code: try country(member), from: nil, until: nil, note: nil)
            }
            try member.onlyKeys(["code", "from", "until", "note"])
            let until = try memberDate(member.child("until"), parameters: parameters)
            return CountrySet.Member(
                code: try country(member.required("code")), from: try member.child("from").map { try $0.date() },
                until: until.date, untilParameter: until.parameter, note: try member.optionalString("note"))
        }
        return CountrySet(
            title: try cursor.required("title").string(), members: members,
            includes: try (cursor.child("includes")?.array() ?? []).map { try $0.string() },
            citation: try cursor.optionalString("citation"), note: try cursor.optionalString("note"))
    }

    private static func country(_ cursor: PackCursor) throws -> CountryCode {
        guard let code = try? CountryCode(try cursor.string()), code.code == (try cursor.string()) else {
            throw cursor.fail("an uppercase ISO 3166-1 alpha-2 code")
        }
        return code
    }

    private static func rule(_ cursor: PackCursor, definitions: [String: Condition]) throws -> Rule {
        try cursor.onlyKeys(["id", "title", "when", "outcome", "citation", "note"])
        let outcome = try cursor.required("outcome")
        try outcome.onlyKeys(["code", "severity", "requires", "explanation"])
        let when = try condition(cursor.required("when"))
        return Rule(
            id: try cursor.required("id").string(), title: try cursor.required("title").string(),
            when: when,
            outcome: Outcome(
                code: try outcome.required("code").string(),
                severity: try outcome.required("severity").oneOf(Severity.self),
                requires: try outcome.required("requires").oneOf(Requirement.self),
                explanation: try outcome.required("explanation").string()),
            citation: try cursor.required("citation").string(), needsDestination: when.needsDestination(definitions))
    }

    /// Every condition name, as errors list them.
    static let conditionNames =
        "all, any, not, combine, compute, ratio, published, hasPublishedAncestor, kind, destinationIn, trainedIn, "
        + "deploymentKind, listed, is, exporterHeadquarteredIn, downstreamModifier, developerRevenue, computeKnown, "
        + "parameterIs, lineageKind, unrecorded"

    /// One condition: an object with exactly one key naming the question.
    static func condition(_ cursor: PackCursor) throws -> Condition {
        let members = try cursor.members()
        guard members.count == 1, let (key, body) = members.first else {
            throw cursor.fail("an object with exactly one of " + conditionNames)
        }
        switch key {
        case "all": return .all(try body.array().map(condition))
        case "any": return .any(try body.array().map(condition))
        case "not": return .not(try condition(body))
        case "combine":
            try body.onlyKeys(["mode", "of"])
            return .combine(
                mode: try operand(body.required("mode")), of: try body.required("of").array().map(condition))
        case "compute":
            try body.onlyKeys(["measure", "op", "value"])
            return .compute(
                measure: try body.required("measure").oneOf(Measure.self), op: try operand(body.required("op")),
                value: try operand(body.required("value")))
        case "ratio":
            try body.onlyKeys(["numerator", "denominator", "op", "value"])
            return .ratio(
                numerator: try body.required("numerator").oneOf(Measure.self),
                denominator: try body.required("denominator").oneOf(Measure.self),
                op: try operand(body.required("op")), value: try operand(body.required("value")))
        case "published": return .published(try body.bool())
        case "hasPublishedAncestor": return .hasPublishedAncestor(try body.bool())
        case "kind": return .kind(try body.array().map { try $0.oneOf(TrainingKind.self) })
        case "destinationIn": return .destinationIn(try body.string())
        case "trainedIn": return .trainedIn(try body.string())
        case "deploymentKind": return .deploymentKind(try body.array().map { try $0.oneOf(DeploymentKind.self) })
        case "is": return .defined(try body.string())
        case "exporterHeadquarteredIn": return .exporterHeadquarteredIn(try body.string())
        case "downstreamModifier": return .downstreamModifier(try body.bool())
        case "developerRevenue":
            try body.onlyKeys(["op", "value", "yearsBefore"])
            return .developerRevenue(
                op: try operand(body.required("op")), value: try operand(body.required("value")),
                yearsBefore: try operand(body.required("yearsBefore")))
        case "computeKnown": return .computeKnown(try body.oneOf(Measure.self))
        case "parameterIs":
            try body.onlyKeys(["param", "value"])
            return .parameterIs(name: try body.required("param").string(), value: try body.required("value").string())
        case "lineageKind": return .lineageKind(try body.array().map { try $0.oneOf(TrainingKind.self) })
        case "unrecorded": return .unrecorded(try body.string())
        case "listed":
            try body.onlyKeys(["digests", "names"])
            let digests = try (body.child("digests")?.array() ?? []).map { cursor -> ArtifactDigest in
                guard let digest = try? ArtifactDigest(try cursor.string()) else {
                    throw cursor.fail("a digest sha256:<64 hex>")
                }
                return digest
            }
            return .listed(digests: digests, names: try (body.child("names")?.array() ?? []).map { try $0.string() })
        default:
            throw PolicyPackError(
                source: cursor.source, path: "\(cursor.path).\(key)", expected: "one of " + conditionNames)
        }
    }

    private static func operand(_ cursor: PackCursor) throws -> Operand {
        switch cursor.value {
        case .number(let number): return .number(number)
        case .string(let text): return .text(text)
        case .object:
            try cursor.onlyKeys(["param"])
            return .parameter(try cursor.required("param").string())
        default: throw cursor.fail("a number, a string or {\"param\": NAME}")
        }
    }
}
