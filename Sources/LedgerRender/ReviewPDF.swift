import Drawing
import Foundation
import LedgerCore
import LedgerPolicy
import LedgerUseCases

extension ReviewRenderer {
    /// The review as a PDF (Cairo and Pango): the same sections as the HTML, the verdict box first,
    /// the lineage drawn by Graphviz as vector graphics on one page, and on every page the ledger
    /// id, the log's size and root and the page number. Ledger text is set as plain text.
    public static func pdf(_ report: ReviewReport) throws -> Data {
        let check = report.check
        let box = VerdictBox(report)
        let colours = ["block": "#a4161a", "warn": "#9a6700", "licensed": "#2b7a0b", "clear": "#2b7a0b"]
        var blocks: [PDFBlock] = [
            .title(title(report)),
            .paragraph("Ledger \(SafeText.line(report.ledger)), generated \(report.generatedAt)."),
            .paragraph(EvidenceText.summary(report.evidence) + "."),
            .box(
                ["Verdict: \(box.headline)"] + box.rows.map { "\($0.label): \(SafeText.line($0.value))" },
                colour: RGB(hex: colours[box.mark] ?? "#888888")),
            .heading("Findings, most severe first"),
        ]
        blocks += check.findings.isEmpty ? [.paragraph("No rule applies.")] : check.findings.map(findingBlock)
        blocks.append(.heading("Lineage"))
        let graph = graph(report)
        if let picture = graph.picture {
            blocks.append(.graph(picture, caption: graph.caption + " Colour: each artifact's own worst open finding."))
        } else {
            blocks.append(.paragraph("The graph could not be drawn (\(graph.failure ?? "unknown")); the tree:"))
            blocks.append(.paragraph(TextRenderer.tree(report.lineage), monospace: true))
        }
        blocks.append(
            .table(
                widths: [3.2, 1, 1.2, 1.3, 1.6, 1.3],
                header: ["artifact and digest", "kind", "trained in", "own compute", "cumulative", "published"],
                rows: rows(report).map {
                    [
                        "\($0.label)\n\($0.digest)", $0.kind, $0.country, "\($0.own) (\($0.method))", $0.cumulative,
                        $0.published,
                    ]
                }))
        blocks += section(
            "Fact history", historyLines(report),
            empty: "None: every fact is as registered (facts as of \(check.date), corrections applied).")
        blocks.append(.heading("Policy outcomes"))
        for verdict in check.verdicts {
            let pack = packLines(verdict, on: check.date)
            blocks.append(.paragraph(([pack.heading] + pack.lines.map { "    " + $0 }).joined(separator: "\n")))
        }
        blocks += section("Deployments", report.deployments.map(deploymentLine), empty: "None recorded.")
        blocks += section("Licences", report.licenses.map(licenseLine), empty: "None recorded.")
        blocks += section(
            "Packs used",
            check.verdicts.map {
                "\($0.loaded.pack.id) \($0.loaded.pack.version) \($0.loaded.digest) (\($0.loaded.source))"
            },
            empty: "None.")
        blocks += section("Approvals", approvalLines(report), empty: "None recorded.")
        blocks += section("Legend", ReportLegend.lines, empty: "")
        blocks += section("Log", EvidenceText.lines(report.evidence).map(SafeText.line), empty: "")
        let header = [
            "WeightLedger review · ledger \(report.evidence.ledgerID) · log of \(report.evidence.treeSize) events",
            "log root \(hexString(report.evidence.rootHash))",
        ]
        return try PDFDocument(title: title(report), header: header, blocks: blocks).render()
    }

    static func findingBlock(_ resolved: ResolvedFinding) -> PDFBlock {
        let finding = resolved.finding
        let colour = resolved.resolvedBy != nil ? "#2b7a0b" : finding.severity == .block ? "#a4161a" : "#111111"
        return .paragraph(
            "\(PolicyText.severityTag(resolved)) \(finding.code) (\(finding.pack), rule \(finding.rule), "
                + "\(finding.enforced ? "enforced" : "not enforced")): \(SafeText.line(finding.explanation))\n"
                + "Citation: \(SafeText.line(finding.citation))",
            colour: RGB(hex: colour))
    }

    static func section(_ heading: String, _ lines: [String], empty: String) -> [PDFBlock] {
        [.heading(heading), .paragraph(lines.isEmpty ? empty : lines.map { "• " + $0 }.joined(separator: "\n"))]
    }
}
