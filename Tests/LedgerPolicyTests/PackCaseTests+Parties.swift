import LedgerCore
import Testing

@testable import LedgerPolicy

/// Issue 12's cases: who ships the weights, who modified them, the developer's revenue, and the
/// readings of uncertain law the packs take through parameters.
extension PackCaseTests {
    /// License Exception AIA depends on the exporter's headquarters (POLICY-BRIEF §1, worked examples).
    static let whoShips: [Case] = [
        Case(
            name: "Tier 1 export by an exporter headquartered in China needs a license", pack: bis,
            nodes: closed3e26, subject: "a", to: "DE", on: today, codes: ["eccn-4e091", "license-required-no-aia"],
            license: true, exporter: "Dragon"),
        Case(
            name: "Tier 1 export by a German exporter owned from China needs a license", pack: bis,
            nodes: closed3e26, subject: "a", to: "FR", on: today, codes: ["eccn-4e091", "license-required-no-aia"],
            license: true, exporter: "Acme EU"),
        Case(
            name: "Tier 1 export, exporter defaults to the developer headquartered in China", pack: bis,
            nodes: [F.pretrain("a", 3e26).by("Dragon")], subject: "a", to: "JP", on: today,
            codes: ["eccn-4e091", "license-required-no-aia"], license: true),
        Case(
            name: "Tier 1 export by a US exporter of a model made in China: AIA", pack: bis,
            nodes: [F.pretrain("a", 3e26).by("Dragon")], subject: "a", to: "JP", on: today,
            codes: ["eccn-4e091", "no-license-tier1-aia"], license: false, exporter: "Acme"),
        Case(
            name: "Tier 1 export with no exporter and no developer is a warning, never a clear", pack: bis,
            nodes: [F.pretrain("a", 3e26).by(nil)], subject: "a", to: "DE", on: today,
            codes: ["eccn-4e091", "license-required-no-aia-undetermined"], license: false),
        Case(
            name: "the exporter does not matter for Tier 2", pack: bis, nodes: closed3e26, subject: "a", to: "IN",
            on: today, codes: ["eccn-4e091", "license-required"], license: true, exporter: "Dragon"),
        Case(
            name: "Hong Kong, worked example: Tier 3 whoever exports", pack: bis, nodes: closed3e26, subject: "a",
            to: "HK", on: today, codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true,
            exporter: "Acme"),
        Case(
            name: "Hong Kong before 2020-12-23 was not treated as China", pack: bis, nodes: closed3e26, subject: "a",
            to: "HK", on: "2020-12-22", codes: [], license: false),
    ]

    /// The EU one-third rule applies to a downstream modifier only (Commission guidelines).
    static let downstreamModifiers: [Case] = [
        Case(
            name: "EU: the original provider's own fine-tune stays the same model", pack: eu,
            nodes: [F.pretrain("a", 1e25), F.child("b", of: "a", 5e24)], subject: "b", to: "IT", on: today,
            codes: ["systemic-risk-notification"], license: false),
        Case(
            name: "EU: a downstream fine-tune within one third is not a new model", pack: eu,
            nodes: [F.pretrain("a", 1e25), F.child("b", of: "a", 2e24).by("Tuner")], subject: "b", to: "IT",
            on: today, codes: ["systemic-risk-notification"], license: false),
        Case(
            name: "EU: a fine-tune by an unrecorded developer is undetermined", pack: eu,
            nodes: [F.pretrain("a", 1e25), F.child("b", of: "a", 5e24).by(nil)], subject: "b", to: "IT",
            on: today, codes: ["modifier-becomes-provider-undetermined", "systemic-risk-notification"],
            license: false),
        Case(
            name: "EU fallback: downstream modification above a third of 1e23 of a model of unknown compute",
            pack: eu, nodes: [F.pretrain("a", nil), F.child("b", of: "a", 5e22).by("Tuner")], subject: "b",
            to: "IT", on: today,
            codes: [
                "modifier-becomes-provider-fallback", "gpai-provider-obligations-undetermined",
                "systemic-risk-notification-undetermined",
            ], license: false, missing: "a"),
        Case(
            name: "EU fallback: downstream modification above a third of 1e25 is systemic risk", pack: eu,
            nodes: [F.pretrain("a", nil), F.child("b", of: "a", 4e24).by("Tuner")], subject: "b", to: "IT",
            on: today,
            codes: [
                "modifier-systemic-risk-fallback", "gpai-provider-obligations-undetermined",
                "systemic-risk-notification-undetermined",
            ], license: false, missing: "a"),
        Case(
            name: "EU fallback: below a third of 1e23 makes no provider", pack: eu,
            nodes: [F.pretrain("a", nil), F.child("b", of: "a", 3e22).by("Tuner")], subject: "b", to: "IT",
            on: today,
            codes: ["gpai-provider-obligations-undetermined", "systemic-risk-notification-undetermined"],
            license: false, missing: "a"),
    ]

    /// Large-developer revenue thresholds (SB 53, RAISE), read for the year before the date.
    static let revenueThresholds: [Case] = [
        Case(
            name: "SB 53: a large frontier developer", pack: ca, nodes: [F.pretrain("a", 3e26).by("BigCo")],
            subject: "a", to: nil, on: "2026-06-01", codes: ["sb53-frontier-model", "sb53-large-frontier-developer"],
            license: false),
        Case(
            name: "SB 53: revenue below the threshold", pack: ca, nodes: [F.pretrain("a", 3e26)], subject: "a",
            to: nil, on: "2026-06-01", codes: ["sb53-frontier-model"], license: false),
        Case(
            name: "SB 53: revenue not recorded is undetermined", pack: ca, nodes: [F.pretrain("a", 3e26).by("Quiet")],
            subject: "a", to: nil, on: "2026-06-01",
            codes: ["sb53-frontier-model", "sb53-large-frontier-developer-undetermined"], license: false),
        Case(
            name: "RAISE: nothing before 2027-01-01", pack: ny, nodes: [F.pretrain("a", 3e26).by("BigCo")],
            subject: "a", to: nil, on: "2026-12-31", codes: [], license: false),
        Case(
            name: "RAISE: a large developer's frontier model from 2027-01-01", pack: ny,
            nodes: [F.pretrain("a", 3e26).by("BigCo")], subject: "a", to: nil, on: "2027-01-01",
            codes: ["raise-large-developer"], license: false, enforced: true),
        Case(
            name: "RAISE: fine-tuning counts toward the threshold", pack: ny,
            nodes: [F.pretrain("a", 8e25).by("BigCo"), F.child("b", of: "a", 3e25).by("BigCo")], subject: "b",
            to: nil, on: "2027-03-01", codes: ["raise-large-developer"], license: false),
        Case(
            name: "RAISE: a small developer has no obligations", pack: ny, nodes: [F.pretrain("a", 3e26)],
            subject: "a", to: nil, on: "2027-03-01", codes: [], license: false),
        Case(
            name: "RAISE with the cost test: the cost is not recorded, so undetermined", pack: "raise-cost-test",
            nodes: [F.pretrain("a", 3e26).by("BigCo")], subject: "a", to: nil, on: "2027-03-01",
            codes: ["raise-large-developer-undetermined"], license: false),
    ]

    /// Readings of uncertain law as parameters: distillation, Cambodia's D:5 end date.
    static let readings: [Case] = [
        Case(
            name: "distillation: the teacher's compute counts by default", pack: bis,
            nodes: [F.pretrain("t", 3e26), F.child("s", of: "t", 1e24, .distill)], subject: "s", to: "IN",
            on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "distillation: the teacher's compute does not count when legal says so", pack: "bis-no-teacher",
            nodes: [F.pretrain("t", 3e26), F.child("s", of: "t", 1e24, .distill)], subject: "s", to: "IN",
            on: today, codes: [], license: false),
        Case(
            name: "distillation: a student trained above the threshold itself is controlled either way",
            pack: "bis-no-teacher", nodes: [F.pretrain("t", 3e26), F.child("s", of: "t", 2e26, .distill)],
            subject: "s", to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
        Case(
            name: "Cambodia is Tier 3 until the later D:5 date by default", pack: bis, nodes: closed3e26,
            subject: "a", to: "KH", on: "2026-01-15",
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "Cambodia on the ITAR reading left D:5 on 2025-11-07", pack: "bis-itar-cambodia",
            nodes: closed3e26, subject: "a", to: "KH", on: "2026-01-15", codes: ["eccn-4e091", "license-required"],
            license: true),
        Case(
            name: "a withdrawn publication closes the weights again", pack: bis,
            nodes: [
                {
                    var node = F.pretrain("p", 3e26, publishedOn: "2025-06-01")
                    node.withdrawnOn = "2025-09-01"
                    return node
                }()
            ], subject: "p", to: "CN", on: "2025-10-01",
            codes: ["eccn-4e091", "license-required-presumption-of-denial"], license: true),
        Case(
            name: "while published, before the withdrawal, not controlled", pack: bis,
            nodes: [
                {
                    var node = F.pretrain("p", 3e26, publishedOn: "2025-06-01")
                    node.withdrawnOn = "2025-09-01"
                    return node
                }()
            ], subject: "p", to: "CN", on: "2025-07-01", codes: ["not-controlled-published"],
            license: false),
        Case(
            name: "correction: a fine-tune of a 5e25 base alone is below the threshold", pack: bis,
            nodes: [F.pretrain("a", 5e25), F.pretrain("b", 6e25), F.child("f", of: "a", 1e24)], subject: "f",
            to: "IN", on: today, codes: [], license: false),
        Case(
            name: "correction: the same fine-tune with the parent added by correction crosses 1e26", pack: bis,
            nodes: [F.pretrain("a", 5e25), F.pretrain("b", 6e25), F.child("f", of: "ab", 1e24)], subject: "f",
            to: "IN", on: today, codes: ["eccn-4e091", "license-required"], license: true),
    ]

    @Test func findingsThatDependOnTheDistillationReadingSayWhichOneTheyTook() throws {
        let nodes = [F.pretrain("t", 3e26), F.child("s", of: "t", 1e24, .distill)]
        for (pack, value) in [(Self.bis, "yes"), ("bis-no-teacher", "no")] {
            let subject = Fixture.subject(nodes, "s", to: nil, on: Self.today)
            let findings = PolicyEvaluator.evaluate(try #require(Fixture.packs[pack]), for: subject).findings
            for finding in findings {
                #expect(finding.explanation.contains("Position taken (parameter distillationCountsTeacher = \(value))"))
            }
            if value == "yes" { #expect(!findings.isEmpty) }
        }
        // Without a distillation step the reading does not matter and is not printed.
        let plain = Fixture.subject(Self.closed3e26, "a", to: nil, on: Self.today)
        let findings = PolicyEvaluator.evaluate(try #require(Fixture.packs[Self.bis]), for: plain).findings
        #expect(!findings.isEmpty && findings.allSatisfy { !$0.explanation.contains("Position taken") })
    }

    @Test func theReviewPolicyReadingIsPrintedInTier2Findings() throws {
        let subject = Fixture.subject(Self.closed3e26, "a", to: "IN", on: Self.today)
        let findings = PolicyEvaluator.evaluate(try #require(Fixture.packs[Self.bis]), for: subject).findings
        let tier2 = try #require(findings.first { $0.code == "license-required" })
        #expect(tier2.explanation.contains("reviewed under a presumption of denial (parameter nonTier3ReviewPolicy"))
    }

    @Test func findingsComeMostSevereFirst() throws {
        let subject = Fixture.subject(Self.closed3e26, "a", to: "IN", on: Self.today)
        let findings = PolicyEvaluator.evaluate(try #require(Fixture.packs[Self.bis]), for: subject).findings
        #expect(findings.map(\.severity) == findings.map(\.severity).sorted(by: >))
        #expect(findings.first?.severity == .block)
    }
}
