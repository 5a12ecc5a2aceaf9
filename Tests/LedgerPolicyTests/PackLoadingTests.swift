import Foundation
import LedgerCore
import Testing

@testable import LedgerPolicy

/// Loading packs: the built-ins parse and match policies/*.json; a bad pack is refused with the
/// file, the JSON path and what was expected.
@Suite struct PackLoadingTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func builtinPacksParseAndMatchThePolicyFiles() throws {
        let packs = try BuiltinPacks.parsed()
        #expect(
            packs.map(\.id) == [
                "eu-ai-act-gpai", "us-bis-ai-diffusion-2025", "us-ca-sb53", "us-eo-14110", "us-ny-raise-act",
            ])
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Self.repoRoot.appendingPathComponent("policies").path
        )
        .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == BuiltinPacks.documents.map(\.file), "run python3 scripts/embed-packs.py")
        for document in BuiltinPacks.documents {
            let onDisk = try String(
                contentsOf: Self.repoRoot.appendingPathComponent("policies/\(document.file)"), encoding: .utf8)
            #expect(
                onDisk.trimmingCharacters(in: .newlines) == document.json,
                "\(document.file) is stale: run python3 scripts/embed-packs.py")
        }
    }

    @Test func everyRuleHasACitationTheReportCanPrint() throws {
        for pack in try BuiltinPacks.parsed() {
            for rule in pack.rules { #expect(pack.citations[rule.citation] != nil, "\(pack.id) \(rule.id)") }
            for (name, parameter) in pack.parameters where parameter.confidence != .primary {
                #expect(
                    parameter.note != nil, "\(pack.id) parameter \(name) is \(parameter.confidence) and needs a note")
            }
        }
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        let pack: String
        let date: String
        let standing: PackStatus.Standing
        var testDescription: String { "\(pack) on \(date)" }
    }

    static let statusCases: [StatusCase] = [
        StatusCase(pack: "us-bis-ai-diffusion-2025", date: "2025-01-12", standing: .notYetEffective),
        StatusCase(pack: "us-bis-ai-diffusion-2025", date: "2025-01-13", standing: .compliancePending),
        StatusCase(pack: "us-bis-ai-diffusion-2025", date: "2025-05-13", standing: .enforcementSuspended),
        StatusCase(pack: "us-bis-ai-diffusion-2025", date: "2026-11-25", standing: .enforcementSuspended),
        StatusCase(pack: "eu-ai-act-gpai", date: "2024-07-31", standing: .notYetEffective),
        StatusCase(pack: "eu-ai-act-gpai", date: "2024-08-01", standing: .compliancePending),
        StatusCase(pack: "eu-ai-act-gpai", date: "2025-08-02", standing: .notYetEnforced),
        StatusCase(pack: "eu-ai-act-gpai", date: "2026-08-02", standing: .inForce),
        StatusCase(pack: "us-eo-14110", date: "2023-10-30", standing: .inForce),
        StatusCase(pack: "us-eo-14110", date: "2025-01-20", standing: .rescinded),
        StatusCase(pack: "us-ca-sb53", date: "2025-12-31", standing: .notYetEffective),
        StatusCase(pack: "us-ca-sb53", date: "2026-01-01", standing: .inForce),
    ]

    @Test(arguments: statusCases)
    func standing(_ testCase: StatusCase) throws {
        let pack = try #require(Fixture.packs[testCase.pack])
        #expect(pack.status(on: try LedgerDate(testCase.date)).standing == testCase.standing)
    }

    @Test func resumedEnforcementIsEnforcedAgain() throws {
        let pack = Fixture.variant(
            "us-bis-ai-diffusion-2025", replacing: #"{"date": "2025-05-15", "status": "compliance""#,
            with:
                #"{"date": "2026-06-01", "status": "enforcement-resumed"}, {"date": "2025-05-15", "status": "compliance""#
        )
        #expect(pack.status(on: try LedgerDate("2026-05-31")).standing == .enforcementSuspended)
        #expect(pack.status(on: try LedgerDate("2026-06-01")).enforced)
    }

    struct BadPack: Sendable, CustomTestStringConvertible {
        let name: String
        let old: String
        let new: String
        let path: String
        let expected: String
        var testDescription: String { name }
    }

    static let badPacks: [BadPack] = [
        BadPack(name: "not JSON", old: #""format": 1,"#, new: #""format": 1,,"#, path: "$", expected: "valid JSON"),
        BadPack(
            name: "newer format", old: #""format": 1,"#, new: #""format": 2,"#, path: "$.format", expected: "format 1"),
        BadPack(
            name: "misspelt top-level key", old: #""notes": ["#, new: #""note": ["#, path: "$.note",
            expected: "one of the keys"),
        BadPack(
            name: "bad id", old: #""id": "us-bis-ai-diffusion-2025""#, new: #""id": "US BIS""#, path: "$.id",
            expected: "lowercase"),
        BadPack(
            name: "unknown status", old: #""status": "effective""#, new: #""status": "in-effect""#,
            path: "$.timeline[0].status",
            expected: "one of effective"),
        BadPack(
            name: "bad date", old: #""date": "2025-01-13""#, new: #""date": "13/01/2025""#, path: "$.timeline[0].date",
            expected: "a date YYYY-MM-DD"),
        BadPack(
            name: "unknown citation", old: #""citation": "license-review""#, new: #""citation": "nowhere""#,
            path: "$.rules[4].citation",
            expected: "citation"),
        BadPack(
            name: "unknown condition", old: #"{"destinationIn": "tier3"}]}"#, new: #"{"destinationIs": "tier3"}]}"#,
            path: "$.rules[4].when.all[2].destinationIs", expected: "one of all, any"),
        BadPack(
            name: "unknown measure", old: #""measure": "sincePublished", "op": ">""#,
            new: #""measure": "sinceRelease", "op": ">""#,
            path: "$.definitions.exemptDerivativeOfPublished.all[1].not.combine.of[0].compute.measure",
            expected: "one of own"),
        BadPack(
            name: "unknown country", old: #"["MO","#, new: #"["XX","#, path: "$.countrySets.tier3.members[0]",
            expected: "ISO 3166-1"),
        BadPack(
            name: "unknown placeholder parameter", old: "{param:controlThreshold}", new: "{param:threshold}",
            path: "$.rules[0].outcome.explanation", expected: "{param:NAME}"),
        BadPack(
            name: "severity", old: #""severity": "block""#, new: #""severity": "fatal""#,
            path: "$.rules[2].outcome.severity",
            expected: "one of info, warn, block"),
        BadPack(
            name: "missing rules", old: #""rules": ["#, new: #""rulez": ["#, path: "$.rulez",
            expected: "one of the keys"),
    ]

    @Test(arguments: badPacks)
    func badPackIsRefusedWithFilePathAndExpectation(_ bad: BadPack) throws {
        let json = Fixture.builtinJSON("us-bis-ai-diffusion-2025")
        #expect(json.contains(bad.old))
        let edited = json.replacingOccurrences(of: bad.old, with: bad.new)
        do {
            _ = try PolicyPack.parse(Array(edited.utf8), source: "/etc/packs/bad.json")
            Issue.record("accepted a bad pack")
        } catch let error as PolicyPackError {
            #expect(error.source == "/etc/packs/bad.json")
            #expect(error.path == bad.path)
            #expect(error.expected.contains(bad.expected), "\(error)")
            #expect(error.description.hasPrefix("policy pack /etc/packs/bad.json: at \(bad.path): expected"))
        }
    }
}

/// schema/policy-pack.schema.json and the parser agree on the condition language.
@Suite struct PackSchemaTests {
    @Test func schemaNamesEveryConditionTheParserAccepts() throws {
        let url = PackLoadingTests.repoRoot.appendingPathComponent("schema/policy-pack.schema.json")
        let schema = try JSONParser.parse(Array(try Data(contentsOf: url)))
        guard case .object(let properties)? = schema["$defs"]?["condition"]?["properties"] else {
            Issue.record("no $defs.condition.properties")
            return
        }
        let parserKeys: Set<String> = [
            "all", "any", "not", "combine", "compute", "ratio", "published", "hasPublishedAncestor", "kind",
            "destinationIn", "trainedIn", "deploymentKind", "listed", "is", "exporterHeadquarteredIn",
            "downstreamModifier", "developerRevenue", "computeKnown", "parameterIs", "lineageKind", "unrecorded",
        ]
        #expect(Set(properties.keys) == parserKeys)
        // The parser knows each key (a null body is refused for its shape, not as an unknown key);
        // an unknown key is refused.
        func refusal(_ key: String) -> String {
            do {
                _ = try PolicyPack.condition(PackCursor(value: .object([key: .null]), path: "$", source: "t"))
                return "accepted"
            } catch { return (error as? PolicyPackError)?.expected ?? "\(error)" }
        }
        for key in parserKeys { #expect(!refusal(key).hasPrefix("one of all, any"), "\(key): \(refusal(key))") }
        #expect(refusal("everything").hasPrefix("one of all, any"))
        guard case .array(let measures)? = schema["$defs"]?["measure"]?["enum"] else {
            Issue.record("no measure enum")
            return
        }
        #expect(Set(measures.compactMap(\.stringValue)) == Set(Measure.allCases.map(\.rawValue)))
        guard
            case .array(let statuses)? = schema["properties"]?["timeline"]?["items"]?["properties"]?["status"]?["enum"]
        else {
            Issue.record("no status enum")
            return
        }
        #expect(Set(statuses.compactMap(\.stringValue)) == Set(PolicyPack.StatusChange.Kind.allCases.map(\.rawValue)))
    }
}
