import LedgerCore
import LedgerPolicy
import LedgerUseCases

extension ReviewRenderer {
    /// The review as CommonMark, for filing with a case: the verdict box first, then findings most
    /// severe first. Every value from the ledger or a pack goes through `SafeText.markdown` (or
    /// `codeSpan`), so none becomes markup, a heading or raw HTML.
    public static func markdown(_ report: ReviewReport) -> String {
        let md = SafeText.markdown
        let check = report.check
        let tree = SafeText.visible(TextRenderer.tree(report.lineage), keepingLines: true)
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: tree) + 1))
        var lines = [
            "# \(md(title(report)))", "", "Ledger \(codeSpan(report.ledger)), generated \(md(report.generatedAt)).",
            "", md(EvidenceText.summary(report.evidence)) + ".", "",
        ]
        lines += VerdictBox(report).markdown
        lines += ["", "## Findings", "", "Most severe first.", ""]
        if check.findings.isEmpty { lines.append("No rule applies.") }
        for resolved in check.findings {
            let finding = resolved.finding
            let tag = PolicyText.severityTag(resolved).trimmingCharacters(in: .whitespaces)
            lines.append(
                "- **\(md(tag))** \(codeSpan(finding.code)) (\(codeSpan(finding.pack)), rule "
                    + "\(codeSpan(finding.rule)), \(finding.enforced ? "enforced" : "**not enforced**")): "
                    + md(finding.explanation))
            lines.append("  - Citation: \(md(finding.citation))")
        }
        lines += [
            "", "## Lineage", "", fence, tree, fence, "",
            "| artifact | kind | trained in | own compute | method | cumulative | published |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        lines += rows(report).map { row in
            "| \(md(row.label)) \(codeSpan(row.digest)) | \(md(row.kind)) | \(md(row.country)) | "
                + "\(md(row.own)) | \(md(row.method)) | \(md(row.cumulative)) | \(md(row.published)) |"
        }
        lines +=
            [
                "", "## Fact history", "",
                "Changes after registration; facts as of \(check.date), corrections applied.", "",
            ]
            + (report.history.isEmpty
                ? ["None: every fact is as registered."] : historyLines(report).map { "- " + md($0) })
        lines += ["", "## Policy outcomes", ""]
        for verdict in check.verdicts {
            let pack = packLines(verdict, on: check.date)
            lines.append("- \(md(pack.heading))")
            lines += pack.lines.map { "  - " + md($0) }
        }
        lines +=
            ["", "## Deployments", ""]
            + (report.deployments.isEmpty
                ? ["None recorded."] : report.deployments.map { "- " + md(deploymentLine($0)) })
        lines +=
            ["", "## Licenses", ""]
            + (report.licenses.isEmpty ? ["None recorded."] : report.licenses.map { "- " + md(licenseLine($0)) })
        lines +=
            ["", "## Packs used", ""]
            + check.verdicts.map {
                "- \(codeSpan($0.loaded.pack.id)) \(md($0.loaded.pack.version)) \(codeSpan($0.loaded.digest)) "
                    + "(\(md($0.loaded.source)))"
            }
        lines +=
            ["", "## Approvals", ""]
            + (report.approvals.isEmpty ? ["None recorded."] : approvalLines(report).map { "- " + md($0) })
        lines +=
            ["", "## Standard exports", "", "Signed with `--sign KEY`; schema/exports.md maps each fact.", ""]
            + ExportLinks.commands(report.check.artifact.digest).map { "- \(md($0.title)): \(codeSpan($0.command))" }
        lines += ["", "## Legend", ""] + ReportLegend.lines.map { "- " + md($0) }
        lines += ["", "## Log", ""] + EvidenceText.lines(report.evidence).map { "- " + md($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a Markdown code span, or escaped plain text when it holds a backtick or a hidden
    /// character (a span cannot hold those safely).
    static func codeSpan(_ text: String) -> String {
        let plain = SafeText.line(text)
        guard !plain.contains("`"), plain == text, !text.isEmpty else { return SafeText.markdown(text) }
        return "`" + text + "`"
    }

    /// The longest run of `character` in `text` (a fence must be longer).
    static func longestRun(of character: Character, in text: String) -> Int {
        var (longest, current) = (0, 0)
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
