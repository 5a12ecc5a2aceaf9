import LedgerCore

@testable import LedgerPolicy

/// Small lineages written as letters, and the packs (built-in and variants) the tables refer to.
enum Fixture {
    static func digest(_ letter: Character) -> ArtifactDigest {
        // The letter's ASCII code in hex, repeated: distinct letters give distinct digests.
        try! ArtifactDigest(String(repeating: String(letter.asciiValue!, radix: 16), count: 32))
    }

    /// One node: its letter, parents as letters, own operations (nil = unknown), kind, published
    /// (with the publication day when it has one).
    struct Node: Sendable {
        let letter: Character
        let parents: String
        let operations: Double?
        let kind: TrainingKind
        let published: Bool
        let trainedIn: String?
        var publishedOn: String? = nil
        /// The organisation that made it (`organisations`); nil: not recorded.
        var developer: String? = "Acme"
        /// The day its publication was withdrawn (`unpublish`), if it was.
        var withdrawnOn: String? = nil
        /// Parents outside the ledger, by name.
        var external: [String] = []

        /// The same node made by `developer`.
        func by(_ developer: String?) -> Node {
            var node = self
            node.developer = developer
            return node
        }

        /// The same node made from `names` outside the ledger too.
        func from(external names: [String]) -> Node {
            var node = self
            node.external = names
            return node
        }
    }

    /// The organisations the tables name: Acme (US, revenue $100M a year), BigCo (US, $900M in
    /// 2025 and 2026), Dragon (CN), Acme EU (DE, owned by Dragon), Tuner (SG), Quiet (US, no revenue).
    static let organisations: OrganisationDirectory = {
        func org(_ name: String, _ hq: String, parent: String? = nil, revenue: [Int: Double] = [:]) -> Organisation {
            var organisation = Organisation(
                OrganisationAdded(
                    name: try! OrganisationName(name), headquarters: try! CountryCode(hq),
                    parent: parent.map { try! OrganisationName($0) }, revenue: nil), seq: 1)
            for (year, usd) in revenue { organisation.revenue[year] = try! Revenue(usd: usd, year: year) }
            return organisation
        }
        let steady = Dictionary(uniqueKeysWithValues: (2020...2030).map { ($0, 1e8) })
        return OrganisationDirectory([
            org("Acme", "US", revenue: steady), org("BigCo", "US", revenue: [2025: 9e8, 2026: 9e8]),
            org("Dragon", "CN"), org("Acme EU", "DE", parent: "Dragon"), org("Tuner", "SG", revenue: steady),
            org("Quiet", "US"),
        ])
    }()

    static func pretrain(
        _ letter: Character, _ operations: Double?, published: Bool = false, in country: String? = "US",
        publishedOn: String? = nil
    ) -> Node {
        Node(
            letter: letter, parents: "", operations: operations, kind: .pretrain,
            published: published || publishedOn != nil,
            trainedIn: country, publishedOn: publishedOn)
    }

    static func child(
        _ letter: Character, of parents: String, _ operations: Double?, _ kind: TrainingKind = .finetune,
        published: Bool = false, in country: String? = "SG"
    ) -> Node {
        Node(
            letter: letter, parents: parents, operations: operations, kind: kind, published: published,
            trainedIn: country)
    }

    static func subject(
        _ nodes: [Node], _ letter: Character, to destination: String?, on date: String,
        deployment: DeploymentKind? = nil, names: [String] = [], exporter: String? = nil
    ) -> EvaluationSubject {
        let graph = LineageGraph(nodes: nodes.map(lineageNode))
        let node = nodes.first { $0.letter == letter }!
        return EvaluationSubject(
            digest: digest(letter), names: names.map { try! ArtifactName($0) }, kind: node.kind,
            trainedIn: node.trainedIn.map { try! CountryCode($0) },
            facts: LineageFacts(of: digest(letter), in: graph, on: try! LedgerDate(date)),
            destination: destination.map { try! CountryCode($0) }, deploymentKind: deployment,
            date: try! LedgerDate(date),
            parties: Parties(
                of: digest(letter), in: graph, exporter: exporter.map { try! OrganisationName($0) },
                directory: organisations))
    }

    /// The node as the ledger reads it: a publication (and its withdrawal) as dated changes.
    static func lineageNode(_ node: Node) -> LineageNode {
        let day = node.publishedOn.map { try! LedgerDate($0) }
        var changes: [Dated<Publication?>] = []
        if node.published {
            changes.append(Dated(from: day, value: try! Publication(url: "https://example.org/w", date: day), seq: 1))
        }
        if let withdrawn = node.withdrawnOn {
            changes.append(Dated(from: try! LedgerDate(withdrawn), value: nil, seq: 2))
        }
        return LineageNode(
            digest: digest(node.letter), kind: node.kind, parents: node.parents.map(digest),
            operations: node.operations,
            publications: PublicationHistory(changes), developer: node.developer.map { try! OrganisationName($0) },
            externalParents: node.external)
    }

    static func builtinJSON(_ id: String) -> String {
        BuiltinPacks.documents.first { $0.file == "\(id).json" }!.json
    }

    /// A built-in pack with one text replaced, as legal would edit a parameter.
    static func variant(_ id: String, replacing old: String, with new: String) -> PolicyPack {
        let json = builtinJSON(id)
        precondition(json.contains(old), "\(id) has no \(old)")
        return try! PolicyPack.parse(Array(json.replacingOccurrences(of: old, with: new).utf8), source: "variant")
    }

    /// An organisation's own pack: named models, and training in embargoed countries.
    static let orgPackJSON = """
        {"format": 1, "id": "acme-internal", "version": "1", "title": "ACME internal rules", "jurisdiction": "ACME",
         "scope": "Internal export review", "citations": {"memo": {"text": "ACME legal memo 2026-03"}},
         "timeline": [{"date": "2026-03-01", "status": "effective"}],
         "countrySets": {"embargoed": {"title": "Embargoed", "members": ["CN", "RU", {"code": "KH", "until": \
        "2026-02-03"}]}},
         "rules": [
           {"id": "named-model", "title": "Named model", "citation": "memo",
            "when": {"all": [{"listed": {"names": ["acme/secret"], "digests": ["\(digest("e").value)"]}}, \
        {"deploymentKind": ["export", "reexport"]}]},
            "outcome": {"code": "named-model-license", "severity": "block", "requires": "license", "explanation": \
        "{artifact} is named in the memo."}},
           {"id": "trained-embargoed", "title": "Trained in an embargoed country", "citation": "memo",
            "when": {"trainedIn": "embargoed"},
            "outcome": {"code": "trained-embargoed", "severity": "warn", "requires": "review", "explanation": \
        "{artifact} was trained in {trainedIn}."}}
         ]}
        """

    static let packs: [String: PolicyPack] = {
        var packs: [String: PolicyPack] = [:]
        for pack in try! BuiltinPacks.parsed() { packs[pack.id] = pack }
        packs["bis-literal"] = variant(
            "us-bis-ai-diffusion-2025", replacing: #""controlComparison": {"value": ">=""#,
            with: #""controlComparison": {"value": ">""#)
        packs["bis-greater"] = variant(
            "us-bis-ai-diffusion-2025", replacing: #""derivativeLimitMode": {"value": "any""#,
            with: #""derivativeLimitMode": {"value": "all""#)
        packs["bis-frontier"] = variant(
            "us-bis-ai-diffusion-2025", replacing: #""openWeightFrontier": {"value": 0,"#,
            with: #""openWeightFrontier": {"value": 2e26,"#)
        packs["acme"] = try! PolicyPack.parse(Array(orgPackJSON.utf8), source: "acme.json")
        packs["bis-no-teacher"] = variant(
            "us-bis-ai-diffusion-2025", replacing: #""distillationCountsTeacher": {"value": "yes""#,
            with: #""distillationCountsTeacher": {"value": "no""#)
        packs["bis-itar-cambodia"] = variant(
            "us-bis-ai-diffusion-2025", replacing: #""cambodiaD5End": {"value": "2026-02-03""#,
            with: #""cambodiaD5End": {"value": "2025-11-07""#)
        packs["raise-cost-test"] = variant(
            "us-ny-raise-act", replacing: #""applyComputeCostTest": {"value": "no""#,
            with: #""applyComputeCostTest": {"value": "yes""#)
        return packs
    }()
}
