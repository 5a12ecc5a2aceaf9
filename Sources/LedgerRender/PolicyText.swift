import LedgerCore
import LedgerPolicy
import LedgerStore
import LedgerUseCases

/// Human-readable text for `check`, `deploy`, `license add`, `flags` and `policy`.
public enum PolicyText {
    /// `BLOCK`, `WARN `, `INFO ` (padded to line up), or `LICENSED (BIS/123)`.
    static func severityTag(_ finding: ResolvedFinding) -> String {
        if let license = finding.resolvedBy { return "LICENSED (\(license))" }
        let tag = finding.finding.severity.rawValue.uppercased()
        return tag + String(repeating: " ", count: max(0, 5 - tag.count))
    }

    static func enforcement(_ finding: Finding) -> String {
        finding.enforced ? "enforced" : "NOT ENFORCED on \(finding.date)"
    }

    /// A compute figure in words: `3.00e+26`, `at least 9.00e+25 (unknown: ab12…)`.
    public static func figure(_ figure: ComputeFigure) -> String {
        let text =
            figure.complete
            ? Format.operations(figure.value)
            : figure.value.map { "at least \(Format.operations($0))" } ?? "unknown"
        return figure.complete
            ? text
            : text + " (compute unknown for "
                + (figure.missing.map { $0.short + "…" } + figure.missingExternal.map(ExternalParent.label))
                .joined(separator: ", ") + ")"
    }

    /// The findings block shared by check, deploy and review.
    static func findings(_ findings: [ResolvedFinding], indent: String = "  ") -> [String] {
        var lines: [String] = []
        for resolved in findings.sorted(by: { $0.finding.severity > $1.finding.severity }) {
            let finding = resolved.finding
            lines.append(
                "\(indent)\(severityTag(resolved))  \(finding.code)  [\(finding.pack) · \(finding.rule) · "
                    + "\(enforcement(finding))]"
            )
            lines.append("\(indent)       \(SafeText.line(finding.explanation))")
            lines.append("\(indent)       citation: \(SafeText.line(finding.citation))")
        }
        return lines
    }

    /// The verdict line: what the packs require overall.
    /// Why a pack's rules are not enforced on the date, from its timeline.
    static func notEnforcedReason(_ status: PackStatus) -> String {
        switch status.standing {
        case .enforcementSuspended:
            let since = status.history.last { $0.kind == .enforcementSuspended }.map { " since \($0.date)" } ?? ""
            return "enforcement suspended\(since)"
        case .notYetEnforced: return "enforcement has not started"
        case .compliancePending: return "compliance is not yet required"
        case .notYetEffective: return "not yet effective"
        case .rescinded: return "rescinded"
        case .inForce: return "in force"
        }
    }

    static func verdict(_ report: CheckReport) -> String {
        let unresolved = report.unresolved
        let licenses = unresolved.filter { $0.finding.requires == .license }
        if licenses.contains(where: \.finding.enforced) { return "LICENSE REQUIRED" }
        if let first = licenses.first {
            // Say both: what the rule's text requires, and that the rule is not being enforced.
            let status = report.verdicts.first { $0.loaded.pack.id == first.finding.pack }?.status
            let why = status.map(notEnforcedReason).map { " (\($0))" } ?? ""
            return "LICENSE REQUIRED by the rule's text — the rule is NOT ENFORCED on \(report.date)\(why)"
        }
        if !unresolved.isEmpty {
            let needs = Set(unresolved.map(\.finding.requires.rawValue)).sorted().joined(separator: ", ")
            return "ATTENTION NEEDED (\(needs))"
        }
        if report.licensed { return "LICENSED: every license requirement is met by a license on record" }
        if report.destination == nil {
            return "no destination given: findings about the artifact only (give --to COUNTRY for export rules)"
        }
        return "no license or notification required"
    }

    /// `check` as text: the verdict, cumulative compute, then every pack's findings with what they require.
    public static func check(_ report: CheckReport) -> String {
        let label = report.artifact.names.first?.description ?? report.artifact.digest.short + "…"
        var lines = [
            "\(label) (\(report.artifact.digest.short)…) → "
                + (report.destination.map { "\($0.name) (\($0.code))" } ?? "no destination")
                + " on \(report.date)"
        ]
        lines.append("cumulative compute: \(figure(report.facts.cumulative)) operations")
        lines.append(partiesLine(report))
        lines.append(verdict(report))
        let found = findings(report.findings)
        lines += found.isEmpty ? ["  (no rule applies)"] : found
        lines.append("packs:")
        for verdict in report.verdicts {
            lines.append(
                "  \(verdict.loaded.pack.id) \(verdict.loaded.pack.version)  \(verdict.status.standing.rawValue)  "
                    + "\(verdict.loaded.digest)"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// Who made it and who ships it, as the rules read them.
    public static func partiesLine(_ check: CheckReport) -> String {
        let parties = check.parties
        func described(_ name: OrganisationName?) -> String {
            guard let name else { return "not recorded" }
            let hq = parties.directory[name]?.headquarters(on: check.date)?.code ?? "?"
            return "\(SafeText.line(name.description)) (headquartered in \(hq))"
        }
        let exporter = described(parties.exporter) + (parties.exporterIsDefault ? ", the developer" : "")
        return "developer: \(described(parties.developer)) · exporter: \(exporter)"
    }

    /// `deploy` as text: the recorded event, the license relied on, and the findings.
    public static func deploy(_ outcome: DeployOutcome) -> String {
        let report = outcome.report
        var head = "recorded deployment (event \(outcome.seq))"
        if let license = outcome.license { head += " under license \(license)" }
        if !report.unresolved.isEmpty { head += ": \(report.unresolved.count) finding(s) need a person" }
        return head + "\n" + check(report)
    }

    /// `license add` as text.
    public static func license(_ license: License, seq: Int64) -> String {
        "recorded license \(license.id) (event \(seq)): \(license.artifacts.count) artifact(s) to "
            + license.destinations.map(\.code).joined(separator: ", ")
            + ", valid \(license.validFrom?.description ?? "from the start") to "
            + "\(license.validUntil?.description ?? "no end")"
    }

    /// `flags` as text: open findings (all with `all`) by artifact and deployment, then the packs.
    public static func flags(_ report: FlagsReport, all: Bool) -> String {
        let writer = FlagsWriter(.text(all: all))
        var out: [UInt8] = []
        // In memory: a spill buffer never fails to take bytes it keeps in memory.
        try? report.entries.forEach(writer.add)
        try? writer.finish(report.summary) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    /// One finding of `flags` as text: its line and its explanation's.
    static func flagLines(_ entry: FlagEntry) -> String {
        let finding = entry.finding.finding
        let label = entry.artifact.names.first?.description ?? entry.artifact.digest.short + "…"
        let about =
            entry.deployment.map { " → \($0.destination.code) on \($0.date) (deployment, event \($0.seq))" } ?? ""
        return "\(severityTag(entry.finding))  \(label)\(about)  \(finding.code)  [\(finding.pack) · "
            + "\(enforcement(finding))]\n       \(SafeText.line(finding.explanation))"
    }

    /// `policy list` as text: one line per pack with its standing on the date.
    public static func policyList(_ library: PolicyLibrary, on date: LedgerDate) -> String {
        library.packs.map { loaded in
            let pack = loaded.pack
            return
                "\(pack.id)  \(pack.version)  \(pack.status(on: date).standing.rawValue) on \(date)  "
                + "\(pack.rules.count) rules  \(loaded.source)\n    \(pack.title)"
        }.joined(separator: "\n")
    }

    /// `policy show` as text: timeline, parameters, country sets, rules and citations.
    public static func policyShow(_ loaded: LoadedPack, on date: LedgerDate) -> String {
        let pack = loaded.pack
        var lines = [
            "\(pack.id) \(pack.version): \(pack.title)", "  jurisdiction  \(pack.jurisdiction)",
            "  scope         \(pack.scope)",
            "  source        \(loaded.source)\(loaded.overrides ? " (overrides the built-in pack)" : "")",
            "  digest        \(loaded.digest)", "  status        \(pack.status(on: date).standing.rawValue) on \(date)",
            "timeline:",
        ]
        for change in pack.timeline.sorted(by: { $0.date < $1.date }) {
            lines.append(
                "  \(change.date)  \(change.kind.rawValue) [\(change.confidence.rawValue)]"
                    + (change.note.map { "  \($0)" } ?? ""))
        }
        lines.append("parameters:")
        for (name, parameter) in pack.parameters.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "  \(name) = \(parameter.value) [\(parameter.confidence.rawValue)]"
                    + (parameter.note.map { "  \($0)" } ?? ""))
        }
        lines.append("country sets:")
        for (name, set) in pack.countrySets.sorted(by: { $0.key < $1.key }) {
            let members = set.members.map { member in
                member.code.code + (member.from.map { " from \($0)" } ?? "")
                    + (member.until.map { " until \($0)" } ?? "")
            }
            lines.append(
                "  \(name): \(set.title)"
                    + (set.includes.isEmpty ? "" : " (includes \(set.includes.joined(separator: ", ")))"))
            lines.append("    " + members.joined(separator: ", "))
        }
        lines.append("rules:")
        for rule in pack.rules {
            lines.append(
                "  \(rule.id): \(rule.title) → \(rule.outcome.code) (\(rule.outcome.severity.rawValue), requires "
                    + "\(rule.outcome.requires.rawValue))"
            )
            lines.append("    citation: \(pack.citations[rule.citation]?.rendered ?? rule.citation)")
        }
        lines.append("citations:")
        for (key, citation) in pack.citations.sorted(by: { $0.key < $1.key }) {
            lines.append("  [\(key)] \(citation.rendered)")
        }
        if !pack.notes.isEmpty {
            lines.append("notes:")
            lines += pack.notes.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
