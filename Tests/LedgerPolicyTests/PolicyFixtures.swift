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
    }

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
        deployment: DeploymentKind? = nil, names: [String] = []
    ) -> EvaluationSubject {
        let graph = LineageGraph(
            nodes: nodes.map {
                LineageNode(
                    digest: digest($0.letter), kind: $0.kind, parents: $0.parents.map(digest),
                    operations: $0.operations, published: $0.published,
                    publishedOn: $0.publishedOn.map { try! LedgerDate($0) })
            })
        let node = nodes.first { $0.letter == letter }!
        return EvaluationSubject(
            digest: digest(letter), names: names.map { try! ArtifactName($0) }, kind: node.kind,
            trainedIn: node.trainedIn.map { try! CountryCode($0) },
            facts: LineageFacts(of: digest(letter), in: graph, on: try! LedgerDate(date)),
            destination: destination.map { try! CountryCode($0) }, deploymentKind: deployment,
            date: try! LedgerDate(date))
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
        return packs
    }()
}
