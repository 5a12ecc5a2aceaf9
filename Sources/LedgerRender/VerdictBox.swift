import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// The box at the top of every report: the verdict, then what the rules' text requires kept apart
/// from what is enforced on the date, the licences it rests on, the compute and the parties.
/// Every format draws the same rows (plain text here; each renderer escapes them).
struct VerdictBox {
    /// `PolicyText.verdict`: the one-line verdict scripts and people look for.
    let headline: String
    /// `block`, `warn`, `licensed` or `clear`: how the box is marked.
    let mark: String
    /// Label and value, in order.
    private(set) var rows: [(label: String, value: String)]

    init(_ check: CheckReport) {
        headline = PolicyText.verdict(check)
        let unresolved = check.unresolved
        mark =
            unresolved.map(\.finding.severity).max()?.rawValue
            ?? (check.licensed ? "licensed" : "clear")
        let licenseFindings = check.findings.filter { $0.finding.requires == .license && $0.finding.determined }
        let rules = licenseFindings.map { "\($0.finding.pack) · \($0.finding.rule)" }
        var rows: [(String, String)] = []
        if !licenseFindings.isEmpty {
            rows.append(("Required by the rules' text", "a licence (\(Self.unique(rules).joined(separator: "; ")))"))
        } else if !unresolved.isEmpty {
            let needs = Self.unique(unresolved.map(\.finding.requires.rawValue)).joined(separator: ", ")
            rows.append(("Required by the rules' text", "no licence; attention needed: \(needs)"))
        } else {
            rows.append(("Required by the rules' text", "no licence or notification"))
        }
        rows.append(("Enforced on \(check.date)", Self.enforcement(check, licenseFindings)))
        let held = Self.unique(licenseFindings.compactMap(\.resolvedBy))
        if !licenseFindings.isEmpty {
            rows.append(
                (
                    "Licences on record",
                    check.licensed
                        ? "every licence requirement is met by \(held.joined(separator: ", "))"
                        : held.isEmpty
                            ? "none that covers this artifact, destination and date"
                            : "some requirements are met (by \(held.joined(separator: ", "))), not all"
                ))
        }
        rows.append(("Cumulative compute", "\(PolicyText.figure(check.facts.cumulative)) operations"))
        rows.append(("Parties", PolicyText.partiesLine(check)))
        self.rows = rows
    }

    /// The box with the report's digest and its approvals' standing (a review; `check` has neither).
    init(_ report: ReviewReport) {
        self.init(report.check)
        var rows = self.rows
        let here = report.approvals.filter { $0.approval.destination == report.check.destination }
        if report.check.destination != nil {
            let holding = here.filter(\.holds)
            rows.append(
                (
                    "Approval",
                    holding.last.map { "approved by \($0.approval.by) (event \($0.seq)) for this report" }
                        ?? (here.isEmpty
                            ? "none recorded" : "NONE HOLDS: \(here.count) approval(s) of an earlier report")
                ))
        }
        rows.append(("Report digest", report.reportDigest))
        self.rows = rows
    }

    /// Whether what the text requires is enforced on the date, and if not, why not.
    static func enforcement(_ check: CheckReport, _ licenseFindings: [ResolvedFinding]) -> String {
        guard !licenseFindings.isEmpty else {
            return check.unresolved.contains(where: \.finding.enforced)
                ? "yes: a rule that needs attention is enforced" : "nothing enforced requires a licence"
        }
        if check.licenseRequiredEnforced {
            let enforced = unique(licenseFindings.filter(\.finding.enforced).map(\.finding.pack))
            return "YES: \(enforced.joined(separator: ", ")) is enforced on this date"
        }
        let reasons = unique(
            licenseFindings.map { finding in
                let status = check.verdicts.first { $0.loaded.pack.id == finding.finding.pack }?.status
                return finding.finding.pack + (status.map { ": " + PolicyText.notEnforcedReason($0) } ?? "")
            })
        return "NO: the rule is not enforced on this date (\(reasons.joined(separator: "; ")))"
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// The box for a terminal: the `VERDICT:` line, then one indented row each.
    var text: [String] {
        ["VERDICT: \(headline)"] + rows.map { "  \($0.label): \(SafeText.line($0.value))" }
    }

    /// The box as a Markdown block quote.
    var markdown: [String] {
        ["> **Verdict: \(SafeText.markdown(headline))**", ">"]
            + rows.map { "> - \(SafeText.markdown($0.label)): \(SafeText.markdown($0.value))" }
    }

    /// The box as HTML, marked for its style.
    var html: String {
        "<div class=\"verdict \(mark)\"><p><strong>Verdict: \(SafeText.html(headline))</strong></p><dl>"
            + rows.map { "<dt>\(SafeText.html($0.label))</dt><dd>\(SafeText.html($0.value))</dd>" }.joined()
            + "</dl></div>"
    }
}
