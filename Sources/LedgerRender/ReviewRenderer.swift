import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// The review report legal reads, as text, Markdown or standalone HTML (print-friendly, no scripts).
public enum ReviewRenderer {
    /// One row per lineage node: kind, country, own compute with its method, cumulative, published.
    struct NodeRow {
        let label: String
        let digest: String
        let kind: String
        let country: String
        let own: String
        let method: String
        let cumulative: String
        let published: String
    }

    static func rows(_ report: ReviewReport) -> [NodeRow] {
        report.lineage.nodes.map { view in
            let training = view.record.training
            return NodeRow(
                label: TextRenderer.label(view), digest: view.record.digest.value, kind: training.kind.rawValue,
                country: training.trainedIn.map { "\($0.code) (\($0.name))" } ?? "unknown",
                own: LedgerCore.Format.operations(training.compute.operations),
                method: TextRenderer.methodText(training.compute),
                cumulative: TextRenderer.cumulativeText(view.cumulative),
                published: publication(view.record, on: report.check.date))
        }
    }

    /// Published on the review's date (since when), or closed, naming a later publication.
    static func publication(_ record: ArtifactRecord, on date: LedgerDate) -> String {
        if let publication = record.publications.publication(on: date) {
            return SafeText.line(publication.url) + (publication.date.map { " (since \($0))" } ?? "")
        }
        let later = record.publications.changes.compactMap { change in
            change.value != nil ? change.from.map { "published from \($0)" } : nil
        }
        return later.isEmpty ? "no" : "no on \(date) (\(later.joined(separator: ", ")))"
    }

    /// Each later change to a lineage artifact's facts, one line each.
    static func historyLines(_ report: ReviewReport) -> [String] {
        report.history.flatMap { item in
            let label = item.label.hasSuffix("…") ? item.digest.value : "\(item.label) (\(item.digest.value))"
            return item.entries.map {
                "\(label): event \($0.seq), \(SafeText.line($0.recordedAt)), \(SafeText.line($0.actor)): "
                    + SafeText.line($0.summary)
            }
        }
    }

    /// One pack's standing on the report's date, with why it is not enforced, and its findings' codes.
    static func packLines(_ verdict: PackVerdict, on date: LedgerDate) -> (heading: String, lines: [String]) {
        let pack = verdict.loaded.pack
        let enforced =
            verdict.status.enforced ? "enforced" : "NOT enforced: \(PolicyText.notEnforcedReason(verdict.status))"
        let codes = verdict.findings.map { "\($0.finding.severity.rawValue) \($0.finding.code)" }
        return (
            "\(pack.id) \(pack.version) — \(pack.title)",
            [
                "status on \(date): \(verdict.status.standing.rawValue) (\(enforced))",
                codes.isEmpty ? "no rule applies" : "findings: " + codes.joined(separator: ", "),
            ]
        )
    }

    static func title(_ report: ReviewReport) -> String {
        let label = report.check.artifact.names.first?.description ?? report.check.artifact.digest.short + "…"
        let destination = report.check.destination.map { " → \($0.name) (\($0.code))" } ?? ""
        return "Review: \(label)\(destination) on \(report.check.date)"
    }

    static func deploymentLine(_ deployment: DeploymentRecord) -> String {
        "event \(deployment.seq): \(deployment.kind) to \(deployment.destination.code) on \(deployment.date)"
            + (deployment.recipient.map { " for \(SafeText.line($0))" } ?? "")
            + (deployment.license.map { " under license \(SafeText.line($0))" } ?? "")
            + (deployment.unresolvedFindings > 0
                ? ", \(deployment.unresolvedFindings) unresolved finding(s) when recorded" : "")
    }

    static func licenseLine(_ license: License) -> String {
        "\(SafeText.line(license.id)): to \(license.destinations.map(\.code).joined(separator: ", ")), valid "
            + "\(license.validFrom?.description ?? "from the start") to "
            + "\(license.validUntil?.description ?? "no end"), covers "
            + "\(license.artifacts.map(\.value).joined(separator: ", "))"
    }

    /// The review for a terminal: the verdict box first, then findings most severe first.
    public static func text(_ report: ReviewReport) -> String {
        let check = report.check
        var lines = [
            title(report), "ledger \(report.ledger), generated \(report.generatedAt)",
            EvidenceText.summary(report.evidence), "",
        ]
        lines += VerdictBox(report).text
        lines += ["", "FINDINGS (most severe first)"]
        lines += check.findings.isEmpty ? ["  no rule applies"] : PolicyText.findings(check.findings)
        lines += ["", "LINEAGE"]
        lines.append(TextRenderer.tree(report.lineage))
        for row in rows(report) {
            lines.append("  \(row.label)  \(row.digest)")
            lines.append(
                "      \(row.kind) · trained in \(row.country) · own \(row.own) (\(row.method)) · cumulative "
                    + "\(row.cumulative) · published: \(row.published)"
            )
        }
        lines +=
            ["", "FACT HISTORY (changes after registration; facts as of \(check.date), corrections applied)"]
            + (report.history.isEmpty
                ? ["  none: every fact is as registered"] : historyLines(report).map { "  " + $0 })
        lines += ["", "POLICY OUTCOMES"]
        for verdict in check.verdicts {
            let pack = packLines(verdict, on: check.date)
            lines += ["  " + pack.heading] + pack.lines.map { "    " + $0 }
        }
        lines +=
            ["", "DEPLOYMENTS"]
            + (report.deployments.isEmpty ? ["  none recorded"] : report.deployments.map { "  " + deploymentLine($0) })
        lines +=
            ["", "LICENSES"]
            + (report.licenses.isEmpty ? ["  none recorded"] : report.licenses.map { "  " + licenseLine($0) })
        lines +=
            ["", "PACKS USED"]
            + check.verdicts.map {
                "  \($0.loaded.pack.id) \($0.loaded.pack.version) \($0.loaded.digest) (\($0.loaded.source))"
            }
        lines +=
            ["", "APPROVALS"]
            + (report.approvals.isEmpty ? ["  none recorded"] : approvalLines(report).map { "  " + $0 })
        lines +=
            ["", "STANDARD EXPORTS (sign with --sign KEY; schema/exports.md maps each fact)"]
            + ExportLinks.commands(report.check.artifact.digest).map { "  \($0.title):\n    \($0.command)" }
        lines += ["", "LEGEND"] + ReportLegend.lines.map { "  " + $0 }
        lines += ["", "LOG"] + EvidenceText.lines(report.evidence).map { "  " + SafeText.line($0) }
        return lines.joined(separator: "\n")
    }
}

/// The formats `review` prints: text for a terminal, Markdown, HTML and PDF to file, JSON for scripts.
public enum ReviewFormat: String, CaseIterable, Sendable {
    case text, md, html, json, pdf
}
