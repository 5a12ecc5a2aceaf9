import LedgerCore
import LedgerPolicy
import LedgerUseCases

/// The pages for the ledger as a whole: flags (filtered), deployments and licences. Server-rendered,
/// no scripts, printable; ledger text escaped.
extension HTMLPages {
    /// What the flags page was asked to show.
    public struct FlagFilter: Sendable {
        /// One pack's findings only.
        public let pack: String?
        /// This severity only.
        public let severity: Severity?
        /// Findings of deployments to this country only.
        public let destination: CountryCode?
        /// Resolved and informational findings too.
        public let all: Bool

        /// The filter from the page's query.
        public init(pack: String?, severity: Severity?, destination: CountryCode?, all: Bool) {
            self.pack = pack
            self.severity = severity
            self.destination = destination
            self.all = all
        }

        func admits(_ entry: FlagEntry) -> Bool {
            (all || entry.finding.unresolved) && (severity.map { entry.finding.finding.severity == $0 } ?? true)
                && (destination.map { entry.deployment?.destination == $0 } ?? true)
        }
    }

    /// The most rows a register page draws; the page says how many more there are.
    public static let maxRows = 500

    /// `GET /flags`: every finding across the ledger, most severe first, filtered.
    public static func flags(_ report: FlagsReport, filter: FlagFilter, caller: String) -> String {
        let shown = report.entries.filter(filter.admits)
        let rows = shown.prefix(maxRows).map { entry -> String in
            let finding = entry.finding.finding
            let name = entry.artifact.names.first?.description ?? entry.artifact.digest.short + "…"
            let artifact = "<a href=\"/artifacts/\(entry.artifact.digest.value)\">\(HTML.escape(name))</a>"
            let subject =
                entry.deployment.map {
                    "deployment (event \($0.seq)) to \(HTML.escape($0.destination.name)) on \($0.date)"
                } ?? "the artifact"
            let status = entry.finding.resolvedBy.map { "resolved by licence \(HTML.escape($0))" } ?? "open"
            return HTML.row([
                "<span class=\"\(finding.severity.rawValue)\">\(finding.severity.rawValue)</span>", artifact, subject,
                "\(HTML.escape(finding.pack)) <code>\(HTML.escape(finding.rule))</code>",
                HTML.escape(finding.explanation), finding.enforced ? "enforced" : "not enforced on this date", status,
            ])
        }.joined(separator: "\n")
        let packs = report.packs.map { pack -> String in
            let id = pack.loaded.pack.id
            let selected = filter.pack == id ? " selected" : ""
            return "<option value=\"\(HTML.escape(id))\"\(selected)>\(HTML.escape(id))</option>"
        }.joined()
        let severities = Severity.allCases.map {
            "<option\(filter.severity == $0 ? " selected" : "")>\($0.rawValue)</option>"
        }.joined()
        let more = shown.count > maxRows ? " The first \(maxRows) are shown; narrow the filter." : ""
        let headings = ["Severity", "Artifact", "About", "Pack and rule", "Reason", "Enforcement", "Status"]
        return Self.page(
            "Flags", caller: caller,
            """
            <h1>Flags on \(report.date)</h1>
            <form method="get" action="/flags" class="filters">
            <label for="pack">Pack</label> <select id="pack" name="pack"><option value="">all</option>\(packs)</select>
            <label for="severity">Severity</label> <select id="severity" name="severity"><option value="">any</option>\
            \(severities)</select>
            <label for="to">Deployments to</label> <input id="to" name="to" size="4" \
            value="\(HTML.escape(filter.destination?.code ?? ""))">
            <label for="on">on</label> <input id="on" name="on" type="date" value="\(report.date)">
            <label><input type="checkbox" name="all" value="1"\(filter.all ? " checked" : "")> resolved and \
            informational too</label>
            <button type="submit">Show</button></form>
            <p>\(report.artifactCount) artifacts and \(report.deploymentCount) deployments evaluated; \
            \(report.unresolved.count) findings need a person; \(shown.count) match.\(more)</p>
            \(shown.isEmpty ? "<p>No finding matches.</p>" : """
            <table class="flags"><thead>\(HTML.row(headings, header: "th"))</thead><tbody>
            \(rows)
            </tbody></table>
            """)
            """)
    }

    /// `GET /deployments`: the deployment register, newest first, a page at a time.
    public static func deployments(_ page: DeploymentPage, destination: CountryCode?, caller: String) -> String {
        let rows = page.entries.map { entry -> String in
            let deployment = entry.deployment
            let name = entry.name ?? deployment.digest.short + "…"
            return HTML.row([
                "\(deployment.seq)", "\(deployment.date)",
                "<a href=\"/artifacts/\(deployment.digest.value)\">\(HTML.escape(name))</a><br>"
                    + "<code class=\"digest\">\(deployment.digest.value)</code>",
                HTML.escape(deployment.kind),
                "\(HTML.escape(deployment.destination.name)) (\(deployment.destination.code))",
                HTML.escape(deployment.recipient ?? "—"), HTML.escape(deployment.exporter?.value ?? "—"),
                HTML.escape(deployment.license ?? "—"),
                deployment.unresolvedFindings == 0
                    ? "none"
                    : "<span class=\"\(HTML.escape(deployment.worstSeverity ?? ""))\">\(deployment.unresolvedFindings) "
                        + "(worst \(HTML.escape(deployment.worstSeverity ?? "?")))</span>",
            ])
        }.joined(separator: "\n")
        let to = destination.map { "&to=\($0.code)" } ?? ""
        let next = page.next.map { "<p><a href=\"/deployments?before=\($0)\(to)\">Older deployments</a></p>" } ?? ""
        let headings = [
            "Event", "Date", "Artifact", "Kind", "Destination", "Recipient", "Exporter", "Licence",
            "Unresolved findings when recorded",
        ]
        return Self.page(
            "Deployments", caller: caller,
            """
            <h1>Deployments\(destination.map { " to \(HTML.escape($0.name))" } ?? "")</h1>
            <form method="get" action="/deployments"><label for="to">Destination</label> \
            <input id="to" name="to" size="4" value="\(HTML.escape(destination?.code ?? ""))"> \
            <button type="submit">Show</button></form>
            \(page.entries.isEmpty ? "<p>None recorded.</p>" : """
            <table class="deployments"><thead>\(HTML.row(headings, header: "th"))</thead><tbody>
            \(rows)
            </tbody></table>
            """)
            \(next)
            """)
    }

    /// `GET /licenses`: every licence on record, with its artifacts and whether it is valid on the date.
    public static func licenses(_ register: LicenseRegister, caller: String) -> String {
        let rows = register.entries.map { entry -> String in
            let license = entry.license
            let artifacts = license.artifacts.map { digest in
                "<a href=\"/artifacts/\(digest.value)\">\(HTML.escape(entry.names[digest] ?? "unnamed"))</a><br>"
                    + "<code class=\"digest\">\(digest.value)</code>"
            }.joined(separator: "<br>")
            return HTML.row([
                HTML.escape(license.id), HTML.escape(license.authority),
                license.destinations.map { "\(HTML.escape($0.name)) (\($0.code))" }.joined(separator: ", "),
                license.validFrom?.description ?? "from the start", license.validUntil?.description ?? "no end",
                license.isValid(on: register.date) ? "valid" : "<strong>not valid</strong>", artifacts,
            ])
        }.joined(separator: "\n")
        let headings = [
            "Licence", "Authority", "Destinations", "Valid from", "Valid until", "On \(register.date)",
            "Covers exactly",
        ]
        return Self.page(
            "Licences", caller: caller,
            """
            <h1>Licences on record</h1>
            <p>\(register.entries.count) licence\(register.entries.count == 1 ? "" : "s"). A licence covers exactly \
            the artifacts it names, not copies or derivatives of them.</p>
            \(register.entries.isEmpty ? "<p>None recorded.</p>" : """
            <table class="licenses"><thead>\(HTML.row(headings, header: "th"))</thead><tbody>
            \(rows)
            </tbody></table>
            """)
            """)
    }
}
