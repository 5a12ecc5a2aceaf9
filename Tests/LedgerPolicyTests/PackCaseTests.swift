import LedgerCore
import Testing

@testable import LedgerPolicy

/// The policy table: each case is a lineage, a subject, a destination and a date, evaluated by one
/// pack; it states the exact finding codes, whether a license is required, and whether the rule
/// is enforced that day. Worked examples from POLICY-BRIEF come first.
@Suite struct PackCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let pack: String
        let nodes: [Fixture.Node]
        let subject: Character
        let to: String?
        let on: String
        let codes: [String]
        let license: Bool
        /// Whether the findings say the rule is enforced on the date (nil: no findings to say it).
        var enforced: Bool? = nil
        var missing: String = ""
        var deployment: DeploymentKind? = nil
        var names: [String] = []
        /// Who ships it (nil: the developer of its own step).
        var exporter: String? = nil
        /// The parents outside the ledger the undetermined findings must name.
        var external: [String] = []
        var testDescription: String { name }
    }

    typealias F = Fixture
    static let bis = "us-bis-ai-diffusion-2025", eu = "eu-ai-act-gpai", eo = "us-eo-14110", ca = "us-ca-sb53"
    static let ny = "us-ny-raise-act"
    static let today = "2026-11-25"
    static let closed3e26 = [F.pretrain("a", 3e26)]

    static let workedExamples: [Case] = [
        Case(
            name: "worked 1: closed 3e26 to DE, Tier 1 AIA", pack: bis, nodes: closed3e26, subject: "a", to: "DE",
            on: today,
            codes: ["eccn-4e091", "no-license-tier1-aia"], license: false, enforced: false),
        Case(
            name: "worked 2: closed 3e26 to IN, Tier 2", pack: bis, nodes: closed3e26, subject: "a", to: "IN",
            on: today,
            codes: ["eccn-4e091", "license-required"], license: true, enforced: false),
        Case(
            name: "worked 3: closed 3e26 to CN, Tier 3 presumption of denial", pack: bis, nodes: closed3e26,
            subject: "a", to: "CN", on: today,
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "worked 4: 4-bit quantized copy to IN inherits", pack: bis,
            nodes: closed3e26 + [F.child("q", of: "a", nil, .quantize)], subject: "q", to: "IN", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "worked 5: open model 4e25 to CN not controlled", pack: bis,
            nodes: [F.pretrain("o", 4e25, published: true)],
            subject: "o", to: "CN", on: today, codes: [], license: false),
        Case(
            name: "worked 6: closed 8e25 to CN below 4E091", pack: bis, nodes: [F.pretrain("a", 8e25)], subject: "a",
            to: "CN", on: today,
            codes: [], license: false),
        Case(
            name: "worked 6: closed 8e25 placed in the EU is systemic risk", pack: eu, nodes: [F.pretrain("a", 8e25)],
            subject: "a",
            to: "FR", on: today, codes: ["systemic-risk-notification"], license: false, enforced: true),
        Case(
            name: "worked 6: closed 8e25 to CN is not on the EU market", pack: eu, nodes: [F.pretrain("a", 8e25)],
            subject: "a",
            to: "CN", on: today, codes: [], license: false),
    ]

    static let thresholds: [Case] = [
        Case(
            name: "exactly 1e26 with the conservative >=", pack: bis, nodes: [F.pretrain("a", 1e26)], subject: "a",
            to: "IN", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "exactly 1e26 with the literal >", pack: "bis-literal", nodes: [F.pretrain("a", 1e26)], subject: "a",
            to: "IN", on: today,
            codes: [], license: false),
        Case(
            name: "just below 1e26", pack: bis, nodes: [F.pretrain("a", 9.999999999999999e25)], subject: "a", to: "IN",
            on: today,
            codes: [], license: false),
        Case(
            name: "just above 1e26 with >", pack: "bis-literal", nodes: [F.pretrain("a", 1.0000000000000002e26)],
            subject: "a", to: "IN",
            on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "fine-tuning counts: 9e25 + 1e25 crosses", pack: bis,
            nodes: [F.pretrain("a", 9e25), F.child("b", of: "a", 1e25)],
            subject: "b", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "the base alone stays below", pack: bis, nodes: [F.pretrain("a", 9e25), F.child("b", of: "a", 1e25)],
            subject: "a", to: "IN", on: today, codes: [], license: false),
        Case(
            name: "open-weight frontier exempts what is below it", pack: "bis-frontier",
            nodes: closed3e26 + [F.pretrain("b", 1.5e26)],
            subject: "b", to: "IN", on: today, codes: [], license: false),
        Case(
            name: "open-weight frontier: above it stays controlled", pack: "bis-frontier", nodes: closed3e26,
            subject: "a", to: "IN", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "EU exactly 1e25 is not greater than 1e25", pack: eu, nodes: [F.pretrain("a", 1e25)], subject: "a",
            to: "DE", on: today,
            codes: ["gpai-provider-obligations"], license: false, enforced: true),
        Case(
            name: "EU just above 1e25", pack: eu, nodes: [F.pretrain("a", 1.0000000000000002e25)], subject: "a",
            to: "DE", on: today,
            codes: ["systemic-risk-notification"], license: false),
        Case(
            name: "EU exactly 1e23 is not a GPAI model by the indicative criterion", pack: eu,
            nodes: [F.pretrain("a", 1e23)], subject: "a",
            to: "DE", on: today, codes: [], license: false),
        Case(
            name: "EU 1.5e25 from a 1e25 base and a 5e24 fine-tune", pack: eu,
            nodes: [F.pretrain("a", 1e25), F.child("b", of: "a", 5e24).by("Tuner")],
            subject: "b", to: "IT", on: today, codes: ["modifier-becomes-provider", "systemic-risk-notification"],
            license: false),
        Case(
            name: "EO 14110 exactly 1e26 is not above", pack: eo, nodes: [F.pretrain("a", 1e26)], subject: "a", to: nil,
            on: "2024-06-01",
            codes: [], license: false),
        Case(
            name: "SB 53 fine-tuning makes a frontier model", pack: ca,
            nodes: [F.pretrain("a", 9e25), F.child("b", of: "a", 2e25)],
            subject: "b", to: nil, on: today, codes: ["sb53-frontier-model"], license: false, enforced: true),
    ]

    static let dates: [Case] = [
        Case(
            name: "BIS before effective 2025-01-13", pack: bis, nodes: closed3e26, subject: "a", to: "IN",
            on: "2025-01-12", codes: [], license: false),
        Case(
            name: "BIS on the effective date, compliance pending", pack: bis, nodes: closed3e26, subject: "a", to: "IN",
            on: "2025-01-13",
            codes: ["eccn-4e091", "license-required"], license: true, enforced: false),
        Case(
            name: "BIS the day before suspension", pack: bis, nodes: closed3e26, subject: "a", to: "IN",
            on: "2025-05-12",
            codes: ["eccn-4e091", "license-required"], license: true, enforced: false),
        Case(
            name: "BIS after suspension still says what it requires", pack: bis, nodes: closed3e26, subject: "a",
            to: "CN", on: "2026-06-01",
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true, enforced: false),
        Case(
            name: "EU before entry into force", pack: eu, nodes: closed3e26, subject: "a", to: "DE", on: "2024-07-31",
            codes: [], license: false),
        Case(
            name: "EU before Chapter V applies", pack: eu, nodes: closed3e26, subject: "a", to: "DE", on: "2025-08-01",
            codes: ["systemic-risk-notification"], license: false, enforced: false),
        Case(
            name: "EU after compliance, before fines", pack: eu, nodes: closed3e26, subject: "a", to: "DE",
            on: "2026-08-01",
            codes: ["systemic-risk-notification"], license: false, enforced: false),
        Case(
            name: "EU from the enforcement date", pack: eu, nodes: closed3e26, subject: "a", to: "DE", on: "2026-08-02",
            codes: ["systemic-risk-notification"], license: false, enforced: true),
        Case(
            name: "EO 14110 before it was signed", pack: eo, nodes: closed3e26, subject: "a", to: nil, on: "2023-10-29",
            codes: [], license: false),
        Case(
            name: "EO 14110 while in force", pack: eo, nodes: closed3e26, subject: "a", to: nil, on: "2024-06-01",
            codes: ["eo-14110-report"], license: false, enforced: true),
        Case(
            name: "EO 14110 the day before revocation", pack: eo, nodes: closed3e26, subject: "a", to: nil,
            on: "2025-01-19",
            codes: ["eo-14110-report"], license: false, enforced: true),
        Case(
            name: "EO 14110 revoked 2025-01-20", pack: eo, nodes: closed3e26, subject: "a", to: nil, on: "2025-01-20",
            codes: [], license: false),
        Case(
            name: "SB 53 before 2026-01-01", pack: ca, nodes: closed3e26, subject: "a", to: nil, on: "2025-12-31",
            codes: [], license: false),
        Case(
            name: "SB 53 from 2026-01-01", pack: ca, nodes: closed3e26, subject: "a", to: nil, on: "2026-01-01",
            codes: ["sb53-frontier-model"], license: false, enforced: true),
    ]

    static let destinations: [Case] = [
        Case(
            name: "Macau is Tier 3", pack: bis, nodes: closed3e26, subject: "a", to: "MO", on: today,
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        // Hong Kong is treated as China under the EAR since 2020-12-23 (85 FR 83765; POLICY-BRIEF §1,
        // issue 12): Tier 3, no longer the Tier 2 that 0.3.0's pack gave it.
        Case(
            name: "Hong Kong is treated as China: Tier 3", pack: bis, nodes: closed3e26, subject: "a", to: "HK",
            on: today, codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "published weights to Hong Kong are not controlled", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true)], subject: "o", to: "HK", on: today,
            codes: ["not-controlled-published"], license: false),
        Case(
            name: "Cambodia in D:5 before 2026-02-03", pack: bis, nodes: closed3e26, subject: "a", to: "KH",
            on: "2026-02-02",
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "Cambodia Tier 2 from 2026-02-03", pack: bis, nodes: closed3e26, subject: "a", to: "KH",
            on: "2026-02-03",
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "the United States is Tier 1", pack: bis, nodes: closed3e26, subject: "a", to: "US", on: today,
            codes: ["eccn-4e091", "no-license-tier1-aia"], license: false),
        Case(
            name: "Japan is Tier 1", pack: bis, nodes: closed3e26, subject: "a", to: "JP", on: today,
            codes: ["eccn-4e091", "no-license-tier1-aia"], license: false),
        Case(
            name: "Brazil is Tier 2", pack: bis, nodes: closed3e26, subject: "a", to: "BR", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "Russia is Tier 3", pack: bis, nodes: closed3e26, subject: "a", to: "RU", on: today,
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "no destination: classification only", pack: bis, nodes: closed3e26, subject: "a", to: nil, on: today,
            codes: ["eccn-4e091"], license: false),
    ]

    static let lineages: [Case] = [
        Case(
            name: "diamond counts the shared base once (9e25, not 1.7e26)", pack: bis,
            nodes: [
                F.pretrain("a", 8e25), F.child("b", of: "a", 5e24), F.child("c", of: "a", 5e24),
                F.child("d", of: "bc", 0, .merge),
            ],
            subject: "d", to: "IN", on: today, codes: [], license: false),
        Case(
            name: "merge of two closed 6e25 models crosses", pack: bis,
            nodes: [F.pretrain("a", 6e25), F.pretrain("b", 6e25), F.child("m", of: "ab", 0, .merge)],
            subject: "m", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "published 3e26 is not subject", pack: bis, nodes: [F.pretrain("o", 3e26, published: true)],
            subject: "o", to: "CN", on: today,
            codes: ["not-controlled-published"], license: false),
        Case(
            name: "a quantized copy of published weights is published", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.child("q", of: "o", nil, .quantize)], subject: "q",
            to: "CN", on: today,
            codes: ["not-controlled-published"], license: false),
        Case(
            name: "a converted copy of closed weights is controlled", pack: bis,
            nodes: closed3e26 + [F.child("g", of: "a", nil, .convert)], subject: "g", to: "CN", on: today,
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "a pruned copy of closed weights is controlled", pack: bis,
            nodes: closed3e26 + [F.child("p", of: "a", nil, .prune)], subject: "p", to: "AE", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "merge of published weights with a closed 2.5e25 model counts the closed branch", pack: bis,
            nodes: [
                F.pretrain("o", 3e26, published: true), F.pretrain("c", 2.5e25), F.child("m", of: "oc", 0, .merge),
            ],
            subject: "m", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "merge of published weights with a closed 1e25 model stays within the limits", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.pretrain("c", 1e25), F.child("m", of: "oc", 0, .merge)],
            subject: "m", to: "IN", on: today, codes: ["not-controlled-derivative"], license: false),
        Case(
            name: "fine-tune of published weights under both limits", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 1e25)], subject: "f", to: "IN",
            on: today,
            codes: ["not-controlled-derivative"], license: false),
        Case(
            name: "fine-tune of published weights exactly at the 2e25 limit", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 2e25)], subject: "f", to: "IN",
            on: today,
            codes: ["not-controlled-derivative"], license: false),
        Case(
            name: "fine-tune of published weights over the compute limit", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 3e25)], subject: "f", to: "IN",
            on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "over the compute limit, under the fraction, with mode all (the greater)", pack: "bis-greater",
            nodes: [F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 3e25)], subject: "f", to: "IN",
            on: today,
            codes: ["not-controlled-derivative"], license: false),
        Case(
            name: "over the fraction of a small published base", pack: bis,
            nodes: [F.pretrain("o", 4e25, published: true), F.child("f", of: "o", 7e25)], subject: "f", to: "IN",
            on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "fine-tune of a quantized copy of published weights counts from the copy", pack: bis,
            nodes: [
                F.pretrain("o", 3e26, published: true), F.child("q", of: "o", nil, .quantize),
                F.child("f", of: "q", 1e25),
            ],
            subject: "f", to: "IN", on: today, codes: ["not-controlled-derivative"], license: false),
        Case(
            name: "second fine-tune adds up since the published base", pack: bis,
            nodes: [
                F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 1.5e25), F.child("g", of: "f", 1e25),
            ],
            subject: "g", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "compute since the last published ancestor only", pack: bis,
            nodes: [
                F.pretrain("o", 3e26, published: true), F.child("f", of: "o", 1.5e25, published: true),
                F.child("g", of: "f", 1e25),
            ],
            subject: "g", to: "IN", on: today, codes: ["not-controlled-derivative"], license: false),
    ]

    static let unknowns: [Case] = [
        Case(
            name: "unknown pretrain compute is undetermined, never clear", pack: bis, nodes: [F.pretrain("a", nil)],
            subject: "a", to: "IN",
            on: today, codes: ["license-required-undetermined"], license: false, missing: "a"),
        Case(
            name: "known part already over the threshold decides", pack: bis,
            nodes: [F.pretrain("a", 2e26), F.child("b", of: "a", nil)], subject: "b", to: "IN", on: today,
            codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "unknown fine-tune over a 9e25 base is undetermined", pack: bis,
            nodes: [F.pretrain("a", 9e25), F.child("b", of: "a", nil)], subject: "b", to: "CN", on: today,
            codes: ["license-required-presumption-of-denial-undetermined"], license: false, missing: "b"),
        Case(
            name: "unknown fine-tune of published weights is undetermined", pack: bis,
            nodes: [F.pretrain("o", 3e26, published: true), F.child("f", of: "o", nil)], subject: "f", to: "IN",
            on: today,
            codes: ["license-required-undetermined"], license: false, missing: "f"),
        Case(
            name: "unknown compute to Tier 1 needs no license either way", pack: bis, nodes: [F.pretrain("a", nil)],
            subject: "a", to: "DE",
            on: today, codes: [], license: false),
        Case(
            name: "EU unknown compute is undetermined", pack: eu, nodes: [F.pretrain("a", nil)], subject: "a", to: "DE",
            on: today,
            codes: ["gpai-provider-obligations-undetermined", "systemic-risk-notification-undetermined"],
            license: false, missing: "a"),
        Case(
            name: "a diamond with one unknown branch names it", pack: bis,
            nodes: [
                F.pretrain("a", 8e25), F.child("b", of: "a", nil), F.child("c", of: "a", 5e24),
                F.child("d", of: "bc", 0, .merge),
            ],
            subject: "d", to: "IN", on: today, codes: ["license-required-undetermined"], license: false, missing: "b"),
        Case(
            name: "a fine-tune of a base outside the ledger is undetermined, never clear", pack: bis,
            nodes: [F.child("f", of: "", 1e24).from(external: ["org/base"])], subject: "f", to: "IN", on: today,
            codes: ["license-required-undetermined"], license: false, external: ["org/base"]),
        Case(
            name: "a quantized copy of a model outside the ledger is undetermined", pack: eu,
            nodes: [F.child("q", of: "", 0, .quantize).from(external: ["org/big"])], subject: "q", to: "DE",
            on: today,
            codes: ["gpai-provider-obligations-undetermined", "systemic-risk-notification-undetermined"],
            license: false, external: ["org/big"]),
        Case(
            name: "a known part over the threshold decides whatever is outside the ledger", pack: bis,
            nodes: [F.pretrain("a", 2e26), F.child("m", of: "a", 2e26, .merge).from(external: ["org/base"])],
            subject: "m", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
    ]

    static let organisation: [Case] = [
        Case(
            name: "named model exported needs a license", pack: "acme", nodes: [F.pretrain("a", 1e20)], subject: "a",
            to: "DE", on: today,
            codes: ["named-model-license"], license: true, deployment: .export, names: ["acme/secret:v2"]),
        Case(
            name: "named model hosted is not an export", pack: "acme", nodes: [F.pretrain("a", 1e20)], subject: "a",
            to: "DE", on: today,
            codes: [], license: false, deployment: .hosting, names: ["acme/secret:v2"]),
        Case(
            name: "listed digest", pack: "acme", nodes: [F.pretrain("e", 1e20)], subject: "e", to: "DE", on: today,
            codes: ["named-model-license"], license: true),
        Case(
            name: "trained in an embargoed country", pack: "acme", nodes: [F.pretrain("a", 1e20, in: "RU")],
            subject: "a", to: nil, on: today,
            codes: ["trained-embargoed"], license: false),
        Case(
            name: "trained in Cambodia after it left the set", pack: "acme", nodes: [F.pretrain("a", 1e20, in: "KH")],
            subject: "a", to: nil,
            on: "2026-03-01", codes: [], license: false),
        Case(
            name: "unknown training country is undetermined", pack: "acme", nodes: [F.pretrain("a", 1e20, in: nil)],
            subject: "a", to: nil,
            on: today, codes: ["trained-embargoed-undetermined"], license: false),
        Case(
            name: "organisation pack before its effective date", pack: "acme", nodes: [F.pretrain("a", 1e20, in: "RU")],
            subject: "a", to: nil,
            on: "2026-02-28", codes: [], license: false),
    ]

    /// Published means published on the evaluation date (POLICY-BRIEF §1, worked example of issue 12).
    static let publicationDates: [Case] = [
        Case(
            name: "published 2025-06-01, checked for CN on 2025-03-01: closed then", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2025-06-01")], subject: "p", to: "CN", on: "2025-03-01",
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "published 2025-06-01, checked for CN on 2025-07-01: published", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2025-06-01")], subject: "p", to: "CN", on: "2025-07-01",
            codes: ["not-controlled-published"], license: false),
        Case(
            name: "published 2025-06-01, checked on the day itself: published", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2025-06-01")], subject: "p", to: "IN", on: "2025-06-01",
            codes: ["not-controlled-published"], license: false),
        Case(
            name: "a quantized copy of weights published later is closed before that date", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2025-06-01"), F.child("q", of: "p", nil, .quantize)],
            subject: "q", to: "IN", on: "2025-03-01", codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "a fine-tune of weights published later counts their compute before that date", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2026-01-01"), F.child("f", of: "p", 1e25)], subject: "f",
            to: "IN", on: "2025-12-01", codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "the same fine-tune after the base's publication is a derivative within the limits", pack: bis,
            nodes: [F.pretrain("p", 3e26, publishedOn: "2026-01-01"), F.child("f", of: "p", 1e25)], subject: "f",
            to: "IN", on: "2026-02-01", codes: ["not-controlled-derivative"], license: false),
    ]

    static let all =
        workedExamples + thresholds + dates + destinations + lineages + unknowns + organisation
        + publicationDates + whoShips + downstreamModifiers + revenueThresholds + readings

    @Test func destinationRulesOnlyLeavesOutTheArtifactsOwnFindings() throws {
        let pack = try #require(Fixture.packs[Self.bis])
        let subject = Fixture.subject(Self.closed3e26, "a", to: "IN", on: Self.today)
        #expect(
            PolicyEvaluator.evaluate(pack, for: subject).findings.map(\.code).sorted() == [
                "eccn-4e091", "license-required",
            ])
        #expect(
            PolicyEvaluator.evaluate(pack, for: subject, destinationRulesOnly: true).findings.map(\.code) == [
                "license-required"
            ])
    }

    @Test func theTableHasAtLeastFortyCases() {
        #expect(Self.all.count >= 40)
        #expect(Set(Self.all.map(\.pack)).isSuperset(of: [Self.bis, Self.eu, Self.eo, Self.ca]))
    }

    @Test(arguments: all)
    func evaluate(_ testCase: Case) throws {
        let pack = try #require(Fixture.packs[testCase.pack])
        let subject = Fixture.subject(
            testCase.nodes, testCase.subject, to: testCase.to, on: testCase.on,
            deployment: testCase.deployment, names: testCase.names, exporter: testCase.exporter)
        let (status, findings) = PolicyEvaluator.evaluate(pack, for: subject)
        #expect(findings.map(\.code).sorted() == testCase.codes.sorted())
        #expect(findings.contains { $0.requires == .license && $0.determined } == testCase.license)
        if let enforced = testCase.enforced {
            #expect(findings.allSatisfy { $0.enforced == enforced })
            #expect(status.enforced == enforced)
        }
        for finding in findings {
            #expect(finding.pack == pack.id)
            #expect(!finding.citation.isEmpty)
            #expect(!finding.explanation.contains("{"), "unfilled placeholder: \(finding.explanation)")
            #expect(finding.enforced == status.enforced)
            if !finding.enforced { #expect(finding.explanation.contains("[Enforcement: \(status.standing.rawValue)")) }
            if finding.determined {
                #expect(finding.missingCompute.isEmpty)
            } else {
                #expect(finding.severity == .warn)
                #expect(finding.requires == .review)
                #expect(finding.explanation.hasPrefix("Undetermined:"))
            }
        }
        let missing = Set(findings.flatMap(\.missingCompute))
        #expect(missing == Set(testCase.missing.map(Fixture.digest)))
        for digest in missing { #expect(findings.contains { $0.explanation.contains(digest.short) }) }
        for name in testCase.external {
            #expect(findings.contains { !$0.determined && $0.explanation.contains("the compute of \(name)") })
        }
    }
}
