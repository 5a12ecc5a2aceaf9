import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// The review pages legal reads in a browser: server-rendered HTML, no scripts, no CDN, styles
/// inline, print-friendly. Every function returns a whole document.
public enum HTMLPages {
    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#fff}
        header{background:#1f2937;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
        header a{color:#fff} main{padding:1em 1.2em;max-width:70em}
        table{border-collapse:collapse;margin:.5em 0} th,td{border:1px solid #ccc;padding:.3em \
        .6em;text-align:left;vertical-align:top}
        th{background:#f3f4f6} code{font-size:.9em} .block{color:#a4161a;font-weight:bold} \
        .warn{color:#9a6700;font-weight:bold}
        .legend span{display:inline-block;padding:.1em .6em;margin-right:.6em;border:1px solid #999}
        form.inline{display:inline} .error{color:#a4161a}
        .verdict{padding:.4em 1em;border:3px solid #888;margin:1em 0;max-width:60em} .verdict dt{font-weight:bold}
        .verdict dd{margin:0 0 .3em 1.5em} .verdict.block{border-color:#a4161a} .verdict.warn{border-color:#9a6700}
        .verdict.licensed,.verdict.clear{border-color:#2b7a0b}
        .graph{overflow-x:auto} .graph svg{max-width:100%;height:auto} code.digest{word-break:break-all}
        @media print{header,form{display:none} main{max-width:none} .graph{break-inside:avoid} \
        .graph svg{max-width:100%;height:auto} table,tr{break-inside:avoid}}
        """

    static func page(_ title: String, caller: String?, _ body: String) -> String {
        let nav =
            caller.map { name in
                "<header><strong>WeightLedger</strong><a href=\"/artifacts\">Artifacts</a><a href=\"/flags\">Flags</a>"
                    + "<a href=\"/deployments\">Deployments</a><a href=\"/licenses\">Licences</a><span>signed in as "
                    + "\(HTML.escape(name))</span>"
                    + "<form class=\"inline\" method=\"post\" action=\"/logout\"><button type=\"submit\">Sign "
                    + "out</button></form></header>"
            } ?? "<header><strong>WeightLedger</strong></header>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, \
            initial-scale=1">
            <title>\(HTML.escape(title)) — WeightLedger</title><style>\(style)</style></head>
            <body>\(nav)<main>
            \(body)
            </main></body></html>
            """
    }

    /// `GET /login`: a token field; `next` is where to go afterwards.
    public static func login(next: String, error: String?) -> String {
        page(
            "Sign in", caller: nil,
            """
            <h1>Sign in</h1>
            \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
            <form method="post" action="/login">
            <input type="hidden" name="next" value="\(HTML.escape(next))">
            <p><label for="token">API token</label><br><input id="token" name="token" type="password" size="60" \
            autocomplete="off" required></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            <p>Tokens come from <code>weightledger token create</code>; the page keeps a session cookie, never the \
            token.</p>
            """)
    }

    /// `GET /artifacts?q=`: search by name or digest.
    public static func search(query: String, results: [ArtifactDetails], limit: Int, caller: String) -> String {
        let rows = results.map { view -> String in
            let training = view.record.training
            let link = "<a href=\"/artifacts/\(view.record.digest.value)\">\(HTML.escape(TextRenderer.label(view)))</a>"
            return HTML.row([
                link, "<code>\(view.record.digest.short)…</code>", training.kind.rawValue,
                training.trainedIn?.code ?? "unknown", Format.operations(training.compute.operations),
                HTML.escape(TextRenderer.cumulativeText(view.cumulative)), HTML.escape(view.record.registeredAt),
            ]) + "\n"
        }.joined()
        let plural = results.count == 1 ? "" : "s"
        let cut = results.count == limit ? " (the newest \(limit); narrow the search)" : ""
        let summary =
            results.isEmpty ? "<p>No artifact matches.</p>" : "<p>\(results.count) artifact\(plural)\(cut).</p>"
        let headings = ["Artifact", "Digest", "Kind", "Trained in", "Own compute", "Cumulative", "Registered"]
        let table = "<table><thead>\(HTML.row(headings, header: "th"))</thead><tbody>\n\(rows)</tbody></table>"
        return page(
            "Artifacts", caller: caller,
            """
            <h1>Artifacts</h1>
            <form method="get" action="/artifacts"><label for="q">Name or digest</label>
            <input id="q" name="q" value="\(HTML.escape(query))" size="40"> <button type="submit">Search</button></form>
            \(summary)
            \(results.isEmpty ? "" : table)
            """)
    }

    /// `GET /artifacts/{digest}[?to=CC&on=DATE]`: facts, the lineage graph, the check form and its findings.
    public static func artifact(
        _ report: ArtifactPageReport, destination: String?, date: String?, caller: String
    ) -> String {
        let view = report.artifact
        let record = view.record
        let training = record.training
        let label = TextRenderer.label(view)
        let facts: [(String, String)] = [
            ("Digest", record.digest.value),
            ("Names", record.names.isEmpty ? "none" : record.names.map(\.description).joined(separator: ", ")),
            ("Kind", training.kind.rawValue),
            ("Trained in", training.trainedIn.map { "\($0.name) (\($0.code))" } ?? "unknown"),
            (
                "Own compute",
                "\(Format.operations(training.compute.operations)) (\(TextRenderer.methodText(training.compute)))"
            ),
            ("Cumulative compute", TextRenderer.cumulativeText(view.cumulative)),
            ("Files", "\(record.files.count), \(Format.bytes(record.sizeBytes))"),
            ("Registered", "\(record.registeredAt) (event \(record.registeredSeq))"),
        ]
        let legend = [Severity.block, .warn, nil].map { severity -> String in
            let style = LineageDrawing.style(severity)
            return "<span style=\"background:\(style.fill);border-color:\(style.stroke)\">\(style.label)</span>"
        }.joined()
        let graph = LineageDrawing.make(
            nodes: report.nodes, edges: report.edges, worst: report.worst, root: record.digest,
            hidden: report.hiddenDescendants)
        let svg = graph.svg { "/artifacts/\($0.value)" }
        let destinationText = report.check?.destination.map { "for an export to \(HTML.escape($0.name))" } ?? ""
        let factRows = facts.map { "<tr><th>\($0.0)</th><td>\(HTML.escape($0.1))</td></tr>" }.joined()
        var body = """
            <h1>\(HTML.escape(label))</h1>
            <table class="facts"><tbody>\(factRows)</tbody></table>
            <h2>Lineage</h2>
            <p class="legend">Ancestors above, descendants below; colour: each artifact's own worst open finding \
            \(destinationText) on \(report.date). \(legend)</p>
            <div class="graph">\(svg)</div>
            <p class="caption">\(HTML.escape(graph.caption))</p>
            \(graph.membersTable)
            <h2>Check a deployment</h2>
            <form method="get" action="/artifacts/\(record.digest.value)">
            <label for="to">Destination (ISO 3166 code)</label> <input id="to" name="to" size="4" \
            value="\(HTML.escape(destination ?? ""))" required>
            <label for="on">on</label> <input id="on" name="on" type="date" \
            value="\(HTML.escape(date ?? report.date.description))">
            <button type="submit">Check</button></form>
            """
        if let check = report.check, let country = check.destination {
            body += "\n<h2>Verdict for \(HTML.escape(country.name)) (\(country.code)) on \(check.date)</h2>\n"
            body += VerdictBox(check).html
            body += "\n<h2>Findings, most severe first</h2>\n"
            body += findingsTable(check.findings)
            let reviewQuery = "to=\(country.code)&on=\(check.date)"
            body +=
                "<p><a href=\"/artifacts/\(record.digest.value)/review?\(reviewQuery)\">Print-friendly review "
                + "report</a></p>"
        } else {
            body += "<p><a href=\"/artifacts/\(record.digest.value)/review\">Print-friendly review report</a></p>"
        }
        return page(label, caller: caller, body)
    }

    /// Each pack's findings with the rule, citation and whether the rule is being enforced.
    static func findingsTable(_ findings: [ResolvedFinding]) -> String {
        guard !findings.isEmpty else { return "<p>No pack has a finding.</p>" }
        var rows = ""
        for resolved in findings {
            let finding = resolved.finding
            let severity = finding.severity.rawValue
            let status =
                resolved.resolvedBy.map { "resolved by license \($0)" }
                ?? (finding.needsAttention ? "open" : "information")
            rows +=
                "<tr class=\"finding\"><td class=\"\(severity)\">\(severity)</td><td>\(HTML.escape(finding.pack)) "
                + "\(HTML.escape(finding.packVersion))<br>"
                + "<code>\(HTML.escape(finding.rule))</code> "
                + "\(HTML.escape(finding.ruleTitle))</td><td>\(HTML.escape(finding.explanation))</td>"
                + "<td>\(finding.requires.rawValue)</td><td>\(HTML.escape(finding.citation))</td>"
                + "<td>\(finding.enforced ? "enforced" : "not enforced on this date")"
                + "\(finding.determined ? "" : "; undetermined (compute unknown)")</td>"
                + "<td>\(HTML.escape(status))</td></tr>\n"
        }
        return
            "<table class=\"findings\"><thead><tr><th>Severity</th><th>Pack and "
            + "rule</th><th>Reason</th><th>Requires</th><th>Citation</th>"
            + "<th>Enforcement</th><th>Status</th></tr></thead><tbody>\n\(rows)</tbody></table>"
    }

    /// A page for an error the reader can act on (unknown artifact, bad date).
    public static func problem(_ title: String, message: String, caller: String?) -> String {
        page(
            title, caller: caller,
            "<h1>\(HTML.escape(title))</h1><p class=\"error\">\(HTML.escape(message))</p><p><a "
                + "href=\"/artifacts\">Back to the artifacts</a></p>"
        )
    }
}
