import LedgerCore
import LedgerPolicy
import LedgerUseCases

extension ReviewRenderer {
    /// One finding of the HTML review: severity, code, pack, rule, enforcement, reason and citation.
    static func findingItem(_ resolved: ResolvedFinding) -> String {
        let finding = resolved.finding
        let style = resolved.resolvedBy == nil ? finding.severity.rawValue : "licensed"
        let rule =
            "(<code>\(escape(finding.pack))</code>, rule <code>\(escape(finding.rule))</code>, "
            + "\(finding.enforced ? "enforced" : "<strong>not enforced</strong>"))"
        return "<li class=\"\(style)\"><strong>\(escape(PolicyText.severityTag(resolved)))</strong> "
            + "<code>\(escape(finding.code))</code> \(rule): \(escape(finding.explanation))"
            + "<br><small>Citation: \(escape(finding.citation))</small></li>"
    }

    static func escape(_ text: String) -> String { SafeText.html(text) }

    /// The reviewer's form: approve the deployment this report describes, bound to its digest.
    static func signOffForm(_ report: ReviewReport, _ destination: CountryCode, _ name: String) -> String {
        let check = report.check
        return """
            <form method="post" action="/artifacts/\(check.artifact.digest.value)/approvals" class="sign-off">
            <h2>Sign off</h2>
            <p>Approve the \(escape(destination.name)) deployment as this report describes it (report \
            <code>\(escape(report.reportDigest))</code>). If a fact, licence or pack changes before you submit, \
            nothing is recorded and you are asked to review again.</p>
            <input type="hidden" name="to" value="\(destination.code)">
            <input type="hidden" name="on" value="\(check.date)">
            <input type="hidden" name="reportDigest" value="\(escape(report.reportDigest))">
            <p><label for="by">Approved by</label><br><input id="by" name="by" size="40" required \
            value="\(escape(name))"></p>
            <p><label for="note">Note</label><br><textarea id="note" name="note" rows="3" cols="60"></textarea></p>
            <p><button type="submit">Record approval</button></p>
            </form>
            """
    }

    static func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? "<p>\(empty)</p>" : "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    }

    /// The lineage graph of a review: every member coloured by its own worst open finding.
    public static func graph(_ report: ReviewReport) -> LineageDrawing {
        LineageDrawing.make(
            nodes: report.lineage.nodes, edges: report.lineage.edges, worst: report.worst,
            root: report.check.artifact.digest)
    }

    /// The review as one standalone, print-friendly HTML page with no scripts; ledger text is
    /// escaped. The verdict box comes first, then the findings most severe first. `pdf` is where
    /// the same review is as PDF (the server's page links it), `link` where each artifact's page is;
    /// with `signOff` (the approver's default name) and a destination, the page ends with the
    /// sign-off form, bound to this report's digest. `exports` are the downloads of the standard
    /// exports (the server's page); without them the page lists the commands that write them.
    public static func html(
        _ report: ReviewReport, pdf: String? = nil, link: (ArtifactDigest) -> String = { "#" + $0.value },
        signOff: String? = nil, exports: [(title: String, href: String)] = []
    ) -> String {
        let check = report.check
        var body: [String] = []
        body.append("<h1>\(escape(title(report)))</h1>")
        body.append(
            "<p class=\"meta\">Ledger <code>\(escape(report.ledger))</code>, generated "
                + "\(escape(report.generatedAt)).<br>\(escape(EvidenceText.summary(report.evidence))).</p>")
        if let pdf { body.append("<p class=\"pdf\"><a href=\"\(escape(pdf))\">PDF</a> of this review</p>") }
        body.append(VerdictBox(report).html)
        body.append("<h2>Findings</h2><p>Most severe first.</p>")
        body.append(
            check.findings.isEmpty
                ? "<p>No rule applies.</p>" : "<ul>" + check.findings.map(findingItem).joined() + "</ul>")
        let graph = graph(report)
        let destination = check.destination.map { " for an export to \(escape($0.name))" } ?? ""
        body.append(
            "<h2>Lineage</h2><p>Parents above; each artifact coloured by its own worst open finding\(destination) on "
                + "\(check.date).</p><div class=\"graph\">\(graph.svg(link: link))</div>"
                + "<p>\(escape(graph.caption))</p>")
        body.append(
            "<table><thead><tr><th>artifact</th><th>kind</th><th>trained in</th><th>own "
                + "compute</th><th>method</th><th>cumulative</th><th>published</th></tr></thead><tbody>")
        for row in rows(report) {
            let artifact =
                "<span id=\"\(escape(row.digest))\">\(escape(row.label))</span><br>"
                + "<code class=\"digest\">\(escape(row.digest))</code>"
            let cells = [row.kind, row.country, row.own, row.method, row.cumulative, row.published].map(escape)
            body.append(HTML.row([artifact] + cells))
        }
        body.append("</tbody></table>")
        body.append(
            "<h2>Fact history</h2><p>Changes after registration; facts as of \(check.date), corrections applied.</p>"
                + list(historyLines(report), empty: "None: every fact is as registered."))
        body.append("<h2>Policy outcomes</h2><ul>")
        for verdict in check.verdicts {
            let pack = packLines(verdict, on: check.date)
            let style = verdict.status.enforced ? "" : " class=\"not-enforced\""
            body.append(
                "<li\(style)>\(escape(pack.heading))<ul>" + pack.lines.map { "<li>\(escape($0))</li>" }.joined()
                    + "</ul></li>")
        }
        body.append("</ul>")
        body.append("<h2>Deployments</h2>" + list(report.deployments.map(deploymentLine), empty: "None recorded."))
        body.append("<h2>Licenses</h2>" + list(report.licenses.map(licenseLine), empty: "None recorded."))
        body.append(
            "<h2>Packs used</h2><ul>"
                + check.verdicts.map {
                    "<li><code>\(escape($0.loaded.pack.id))</code> \(escape($0.loaded.pack.version)) "
                        + "<code>\(escape($0.loaded.digest))</code> (\(escape($0.loaded.source)))</li>"
                }.joined() + "</ul>")
        body.append("<h2>Approvals</h2>" + list(approvalLines(report), empty: "None recorded."))
        if let signOff, let destination = check.destination { body.append(signOffForm(report, destination, signOff)) }
        body.append(
            "<h2>Standard exports</h2>"
                + (exports.isEmpty
                    ? list(ExportLinks.commands(check.artifact.digest).map { "\($0.title): \($0.command)" }, empty: "")
                    : "<ul>"
                        + exports.map { "<li><a href=\"\(escape($0.href))\">\(escape($0.title))</a></li>" }.joined()
                        + "</ul>"))
        body.append("<h2>Legend</h2>" + list(ReportLegend.lines, empty: ""))
        body.append("<h2>Log</h2>" + list(EvidenceText.lines(report.evidence), empty: ""))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title(report)))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em \
            .5em;text-align:left;vertical-align:top}
            code.digest{word-break:break-all}
            pre{background:#f4f4f4;padding:.6em;overflow-x:auto}.graph{overflow-x:auto}
            .verdict{padding:.5em 1em;border:3px solid #888;margin:1em 0}.verdict dt{font-weight:bold}
            .verdict dd{margin:0 0 .3em 1.5em}
            .verdict.block,li.block{border-color:#b00;color:#700}.verdict.warn,li.warn{border-color:#c80;color:#850}\
            .verdict.licensed,.verdict.clear,li.licensed{border-color:#080;color:#060}
            @media print{body{margin:0;max-width:none}pre{white-space:pre-wrap}pre.tree,table,tr,.verdict\
            {break-inside:avoid}h2{break-after:avoid}.graph{break-inside:avoid}\
            .graph svg{max-width:100%;height:auto}.pdf,.sign-off{display:none}}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>
            """
    }
}
