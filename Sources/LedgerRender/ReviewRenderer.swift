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
            item.entries.map {
                "\(item.label): event \($0.seq), \(SafeText.line($0.recordedAt)), \(SafeText.line($0.actor)): "
                    + SafeText.line($0.summary)
            }
        }
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
            + "\(license.artifacts.map { $0.short + "…" }.joined(separator: ", "))"
    }

    /// The review for a terminal.
    public static func text(_ report: ReviewReport) -> String {
        let check = report.check
        var lines = [
            title(report), "ledger \(report.ledger), generated \(report.generatedAt)",
            EvidenceText.summary(report.evidence), "",
            "VERDICT: \(PolicyText.verdict(check))",
            "cumulative compute: \(PolicyText.figure(check.facts.cumulative)) operations",
            PolicyText.partiesLine(check), "",
            "LINEAGE",
        ]
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
            lines.append("  \(verdict.loaded.pack.id) \(verdict.loaded.pack.version) — \(verdict.loaded.pack.title)")
            let enforced = verdict.status.enforced ? " (enforced)" : " (NOT enforced)"
            lines.append("    status on \(check.date): \(verdict.status.standing.rawValue)\(enforced)")
            lines +=
                verdict.findings.isEmpty
                ? ["    no rule applies"] : PolicyText.findings(verdict.findings, indent: "    ")
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
        lines += ["", "LOG"] + EvidenceText.lines(report.evidence).map { "  " + SafeText.line($0) }
        return lines.joined(separator: "\n")
    }

    /// The review as Markdown, for filing with a case. Every value from the ledger or a pack goes
    /// through `SafeText.markdown` (or `codeSpan`), so none becomes markup, a heading or raw HTML.
    public static func markdown(_ report: ReviewReport) -> String {
        let md = SafeText.markdown
        let check = report.check
        let tree = SafeText.visible(TextRenderer.tree(report.lineage), keepingLines: true)
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: tree) + 1))
        var lines = [
            "# \(md(title(report)))", "", "Ledger \(codeSpan(report.ledger)), generated \(md(report.generatedAt)).",
            "", md(EvidenceText.summary(report.evidence)) + ".", "",
            "**Verdict:** \(md(PolicyText.verdict(check))). Cumulative compute: "
                + "\(md(PolicyText.figure(check.facts.cumulative))) operations.",
            "", md(PolicyText.partiesLine(check)) + ".", "",
            "## Lineage", "", fence, tree, fence, "",
            "| artifact | kind | trained in | own compute | method | cumulative | published |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        lines += rows(report).map { row in
            "| \(md(row.label)) \(codeSpan(String(row.digest.prefix(19))))… | \(md(row.kind)) | \(md(row.country)) | "
                + "\(md(row.own)) | \(md(row.method)) | \(md(row.cumulative)) | \(md(row.published)) |"
        }
        lines +=
            [
                "", "## Fact history", "",
                "Changes after registration; facts as of \(check.date), corrections applied.", "",
            ]
            + (report.history.isEmpty
                ? ["None: every fact is as registered."] : historyLines(report).map { "- " + md($0) })
        lines += ["", "## Policy outcomes"]
        for verdict in check.verdicts {
            lines += [
                "", "### \(md(verdict.loaded.pack.title))", "",
                "\(codeSpan(verdict.loaded.pack.id)) \(md(verdict.loaded.pack.version)): "
                    + "\(md(verdict.status.standing.rawValue)) on "
                    + "\(check.date), \(verdict.status.enforced ? "enforced" : "**not enforced**").",
                "",
            ]
            if verdict.findings.isEmpty { lines.append("No rule applies.") }
            for resolved in verdict.findings {
                let finding = resolved.finding
                let tag = PolicyText.severityTag(resolved).split(separator: " ").joined(separator: " ")
                lines.append(
                    "- **\(md(tag))** \(codeSpan(finding.code)) (rule \(codeSpan(finding.rule)), "
                        + "\(finding.enforced ? "enforced" : "not enforced")): \(md(finding.explanation))"
                )
                lines.append("  - Citation: \(md(finding.citation))")
            }
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
        lines += ["", "## Log", ""] + EvidenceText.lines(report.evidence).map { "- " + md($0) }
        return lines.joined(separator: "\n")
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

    /// One finding of the HTML review: severity, code, rule, enforcement, reason and citation.
    static func findingItem(_ resolved: ResolvedFinding) -> String {
        let finding = resolved.finding
        let style = resolved.resolvedBy == nil ? finding.severity.rawValue : "licensed"
        let rule = "(rule <code>\(escape(finding.rule))</code>, \(finding.enforced ? "enforced" : "not enforced"))"
        return "<li class=\"\(style)\"><strong>\(escape(PolicyText.severityTag(resolved)))</strong> "
            + "<code>\(escape(finding.code))</code> \(rule): \(escape(finding.explanation))"
            + "<br><small>Citation: \(escape(finding.citation))</small></li>"
    }

    static func escape(_ text: String) -> String { SafeText.html(text) }

    /// The review as one standalone, print-friendly HTML page with no scripts; ledger text is escaped.
    public static func html(_ report: ReviewReport) -> String {
        let check = report.check
        var body: [String] = []
        body.append("<h1>\(escape(title(report)))</h1>")
        body.append(
            "<p class=\"meta\">Ledger <code>\(escape(report.ledger))</code>, generated "
                + "\(escape(report.generatedAt)).<br>\(escape(EvidenceText.summary(report.evidence))).</p>"
        )
        let worst = check.unresolved.map(\.finding.severity).max()
        body.append(
            "<p class=\"verdict \(worst?.rawValue ?? "clear")\"><strong>Verdict:</strong> "
                + "\(escape(PolicyText.verdict(check))). Cumulative compute: "
                + "\(escape(PolicyText.figure(check.facts.cumulative))) operations.</p>"
        )
        body.append("<p>\(escape(PolicyText.partiesLine(check)))</p>")
        body.append(
            "<h2>Lineage</h2><pre>\(SafeText.html(TextRenderer.tree(report.lineage), keepingLines: true))</pre>")
        body.append(
            "<table><thead><tr><th>artifact</th><th>kind</th><th>trained in</th><th>own "
                + "compute</th><th>method</th><th>cumulative</th><th>published</th></tr></thead><tbody>"
        )
        for row in rows(report) {
            let artifact = "\(escape(row.label))<br><code>\(escape(String(row.digest.prefix(19))))…</code>"
            let cells = [row.kind, row.country, row.own, row.method, row.cumulative, row.published].map(escape)
            body.append(HTML.row([artifact] + cells))
        }
        body.append("</tbody></table>")
        body.append(
            "<h2>Fact history</h2><p>Changes after registration; facts as of \(check.date), corrections applied.</p>"
                + (report.history.isEmpty
                    ? "<p>None: every fact is as registered.</p>"
                    : "<ul>" + historyLines(report).map { "<li>\(escape($0))</li>" }.joined() + "</ul>"))
        body.append("<h2>Policy outcomes</h2>")
        for verdict in check.verdicts {
            body.append("<section><h3>\(escape(verdict.loaded.pack.title))</h3>")
            body.append(
                "<p><code>\(escape(verdict.loaded.pack.id))</code> \(escape(verdict.loaded.pack.version)): "
                    + "\(escape(verdict.status.standing.rawValue)) on \(check.date), "
                    + "\(verdict.status.enforced ? "enforced" : "<strong>not enforced</strong>").</p>"
            )
            if verdict.findings.isEmpty {
                body.append("<p>No rule applies.</p>")
            } else {
                body.append("<ul>")
                for resolved in verdict.findings {
                    body.append(findingItem(resolved))
                }
                body.append("</ul>")
            }
            body.append("</section>")
        }
        body.append(
            "<h2>Deployments</h2>"
                + (report.deployments.isEmpty
                    ? "<p>None recorded.</p>"
                    : "<ul>" + report.deployments.map { "<li>\(escape(deploymentLine($0)))</li>" }.joined() + "</ul>"))
        body.append(
            "<h2>Licenses</h2>"
                + (report.licenses.isEmpty
                    ? "<p>None recorded.</p>"
                    : "<ul>" + report.licenses.map { "<li>\(escape(licenseLine($0)))</li>" }.joined() + "</ul>"))
        body.append(
            "<h2>Packs used</h2><ul>"
                + check.verdicts.map {
                    "<li><code>\(escape($0.loaded.pack.id))</code> \(escape($0.loaded.pack.version)) "
                        + "<code>\(escape($0.loaded.digest))</code> (\(escape($0.loaded.source)))</li>"
                }.joined() + "</ul>")
        body.append(
            "<h2>Log</h2><ul>" + EvidenceText.lines(report.evidence).map { "<li>\(escape($0))</li>" }.joined()
                + "</ul>")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title(report)))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em \
            .5em;text-align:left;vertical-align:top}
            pre{background:#f4f4f4;padding:.6em;overflow-x:auto}.verdict{padding:.5em;border:2px solid #888}
            .verdict.block,li.block{border-color:#b00;color:#700}.verdict.warn,li.warn{color:#850}\
            li.licensed{color:#060}
            @media print{body{margin:0;max-width:none}pre{white-space:pre-wrap}}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>
            """
    }
}

/// The formats `review` prints: text for a terminal, Markdown and HTML to file, JSON for scripts.
public enum ReviewFormat: String, CaseIterable, Sendable {
    case text, md, html, json
}
