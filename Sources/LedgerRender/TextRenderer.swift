import LedgerCore
import LedgerUseCases

/// Human-readable text for `show`, `list` and `lineage`.
public enum TextRenderer {
    /// The label a person recognises: the first name, else the short digest.
    public static func label(_ view: ArtifactDetails) -> String {
        view.record.names.first?.description ?? view.record.digest.short
    }

    /// One line of facts: kind, country, own and cumulative compute.
    public static func summary(_ view: ArtifactDetails) -> String {
        let training = view.record.training
        var parts = [
            training.kind.rawValue, training.trainedIn?.code ?? "country unknown",
            training.compute.method == .unknown
                ? "own compute unknown"
                : "own \(Format.operations(training.compute.operations)) (\(training.compute.method.rawValue))",
            "cumulative \(cumulativeText(view.cumulative))",
        ]
        if view.publication != nil { parts.append("published") }
        return parts.joined(separator: " · ")
    }

    /// `3.00e+26`, or `≥ 3.00e+26 (lower bound: 1 ancestor's compute unknown)`.
    public static func cumulativeText(_ cumulative: CumulativeCompute) -> String {
        if cumulative.complete { return Format.operations(cumulative.operations) }
        let count = cumulative.unknownAncestors.count + cumulative.unknownExternal.count
        let who = count == 1 ? "1 artifact's" : "\(count) artifacts'"
        guard let operations = cumulative.operations else { return "unknown (\(who) compute unknown)" }
        return "≥ \(Format.operations(operations)) (lower bound: \(who) compute unknown)"
    }

    /// The full `show` text.
    public static func show(_ view: ArtifactDetails) -> String {
        let record = view.record
        let training = record.training
        var lines = [record.digest.value]
        func field(_ name: String, _ value: String) {
            lines.append("  " + name.padding(toLength: 13, withPad: " ", startingAt: 0) + SafeText.line(value))
        }
        field("names", record.names.isEmpty ? "(none)" : record.names.map(\.description).joined(separator: ", "))
        field("kind", training.kind.rawValue)
        field(
            "form",
            "\(record.form.rawValue), \(record.files.count) file\(record.files.count == 1 ? "" : "s"), "
                + "\(Format.bytes(record.sizeBytes))"
        )
        if let origin = record.origin {
            let refs = origin.refs.isEmpty ? "" : " (refs \(origin.refs.joined(separator: ", ")))"
            field("origin", "\(origin.hub) \(origin.repository) at commit \(origin.revision)\(refs)")
        }
        if let card = record.card {
            var said: [String] = []
            if !card.baseModels.isEmpty {
                said.append(
                    "base_model \(card.baseModels.joined(separator: ", "))"
                        + (card.relation.map { " (\($0))" } ?? ""))
            }
            if let license = card.license { said.append("license \(license)") }
            if !card.datasets.isEmpty { said.append("datasets \(card.datasets.joined(separator: ", "))") }
            if let tag = card.pipelineTag { said.append("pipeline_tag \(tag)") }
            field("model card", said.isEmpty ? "no facts in its front matter" : said.joined(separator: "; "))
            if !card.used.isEmpty { field("", "taken from the card: \(card.used.joined(separator: ", "))") }
        }
        if let model = record.model {
            var text =
                "\(model.format), \(model.parameters) parameters (\(Format.operations(Double(model.parameters)))) "
                + "in \(model.tensors) tensors"
            if model.files > 1 { text += " across \(model.files) files" }
            field("model", text)
            if let active = model.activeParameters, let experts = model.experts, let used = model.expertsUsed {
                field(
                    "",
                    "mixture of experts: \(used) of \(experts) experts per token, \(active) active parameters "
                        + "(\(Format.operations(Double(active))))")
            }
            if let quantization = model.quantization { field("", "packed weights: \(quantization)") }
            if let parts = model.splitCount {
                field("", "one part of a GGUF split into \(parts) files: the figures are this part's only")
            }
            if let skipped = model.skippedVariants {
                field("", "not counted (same weights in another precision): \(skipped.joined(separator: ", "))")
            }
            field("types", model.dtypeMix)
            if model.architecture != nil || model.name != nil {
                field(
                    "",
                    [model.name, model.architecture.map { "architecture \($0)" }].compactMap { $0 }.joined(
                        separator: ", "))
            }
        }
        field("trained in", training.trainedIn.map { "\($0.code) (\($0.name))" } ?? "unknown")
        if let site = training.site { field("site", site) }
        field(
            "compute", "\(Format.operations(training.compute.operations)) operations, \(methodText(training.compute))")
        field(
            "cumulative",
            cumulativeText(view.cumulative)
                + " over \(view.cumulative.artifactCount) artifact\(view.cumulative.artifactCount == 1 ? "" : "s")")
        for unknown in view.cumulative.unknownAncestors { field("", "compute unknown: \(unknown.short)…") }
        for name in view.cumulative.unknownExternal {
            field("", "compute unknown: \(ExternalParent.label(name))")
        }
        let parents = training.parents.map { $0.short + "…" } + training.externals.map(ExternalParent.label)
        field("parents", parents.isEmpty ? "(none)" : parents.joined(separator: ", "))
        if !view.children.isEmpty { field("children", view.children.map { $0.short + "…" }.joined(separator: ", ")) }
        for entry in view.signatures ?? [] {
            for (index, line) in SignatureText.lines(entry.signature).enumerated() {
                field(index == 0 ? "signature" : "", index == 0 ? line + " (event \(entry.seq))" : line)
            }
        }
        let day = view.asOf.map { " on \($0)" } ?? ""
        field(
            "published",
            view.publication.map { "\($0.url)" + ($0.date.map { " since \($0)" } ?? "") + day }
                ?? "no (closed weights\(day))")
        for change in record.publications.changes
        where change.value?.url != view.publication?.url || change.value == nil {
            field("", publicationNote(change))
        }
        if let developer = training.developer { field("developer", developer.value) }
        if training.started != nil || training.finished != nil {
            field("trained", "\(training.started?.description ?? "?") → \(training.finished?.description ?? "?")")
        }
        for location in record.locations { field("location", location) }
        field("registered", "\(record.registeredAt) (event \(record.registeredSeq))")
        if let corrected = record.correctedSeq { field("corrected", "event \(corrected) (see show --history)") }
        if let history = view.history {
            lines.append("  history")
            for entry in history {
                lines.append(
                    "    event \(entry.seq)  \(SafeText.line(entry.recordedAt))  \(SafeText.line(entry.actor))  "
                        + SafeText.line(entry.summary))
            }
        }
        if record.form == .directory {
            for file in record.files {
                lines.append(
                    "    \(file.sha256.hex.prefix(16))…  "
                        + "\(Format.bytes(file.size).padding(toLength: 10, withPad: " ", startingAt: 0))  \(file.path)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A publication or withdrawal other than the one in force, in words.
    static func publicationNote(_ change: Dated<Publication?>) -> String {
        let from = change.from.map { " from \($0)" } ?? ""
        guard let publication = change.value else { return "withdrawn\(from) (event \(change.seq))" }
        return "published at \(publication.url)\(from) (event \(change.seq))"
    }

    /// How the compute figure was obtained, with its inputs.
    public static func methodText(_ compute: Compute) -> String {
        let inputs = compute.inputs
        switch compute.method {
        case .declared: return "declared"
        case .estimated: return "estimated by \(SafeText.line(inputs.estimator ?? "?"))"
        case .unknown: return "not stated"
        case .counting:
            return
                "6·N·D with N = \(Format.operations(inputs.parameters)) parameters"
                + (inputs.parametersCounted.map { " (\(SafeText.line($0)))" } ?? "") + ", D = "
                + "\(Format.operations(inputs.tokens)) tokens"
        case .hardware:
            return
                "hardware: \(Int(inputs.count ?? 0)) × \(inputs.accelerator ?? "?") (\(inputs.precision ?? "?") "
                + "peak \(Format.operations(inputs.peakFlopsPerSecond)) FLOP/s) × \(inputs.hours ?? 0) h × "
                + "utilization \(inputs.utilization ?? 0)"
        }
    }

    /// The lineage as an indented tree; a node reached twice (a diamond) is printed once
    /// and referred back to after that.
    public static func tree(_ lineage: LineageWalk) -> String {
        var lines: [String] = []
        var printed: Set<ArtifactDigest> = []
        func next(of digest: ArtifactDigest) -> [ArtifactDigest] {
            switch lineage.direction {
            case .ancestors: return lineage.edges.filter { $0.child == digest }.map(\.parent)
            case .descendants: return lineage.edges.filter { $0.parent == digest }.map(\.child)
            }
        }
        func visit(_ digest: ArtifactDigest, prefix: String, connector: String) {
            guard let view = lineage.node(digest) else { return }
            let first = printed.insert(digest).inserted
            let head = "\(prefix)\(connector)\(label(view))  \(view.record.digest.short)…"
            lines.append(first ? "\(head)  \(summary(view))" : "\(head)  (shown above)")
            guard first else { return }
            let children = next(of: digest)
            let external = lineage.direction == .ancestors ? view.record.training.externals : []
            let childPrefix = prefix + (connector.isEmpty ? "" : connector == "└── " ? "    " : "│   ")
            for (index, child) in children.enumerated() {
                let last = index == children.count - 1 && external.isEmpty
                visit(child, prefix: childPrefix, connector: last ? "└── " : "├── ")
            }
            for (index, name) in external.enumerated() {
                let connector = index == external.count - 1 ? "└── " : "├── "
                lines.append(
                    "\(childPrefix)\(connector)\(SafeText.line(name))  outside the ledger: bytes and compute unknown")
            }
        }
        visit(lineage.root, prefix: "", connector: "")
        return lines.joined(separator: "\n")
    }

    /// Graphviz DOT: edges point from parent to child.
    public static func dot(_ lineage: LineageWalk) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["digraph lineage {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for view in lineage.nodes {
            let training = view.record.training
            let text =
                "\(label(view))\\n\(training.kind.rawValue) · \(training.trainedIn?.code ?? "??") · "
                + "\(Format.operations(training.compute.operations))"
            let style = view.record.digest == lineage.root ? ", penwidth=2" : ""
            lines.append(
                "  \(quoted(view.record.digest.value)) "
                    + "[label=\(quoted(text).replacingOccurrences(of: "\\\\n", with: "\\n"))\(style)];"
            )
        }
        for edge in lineage.edges {
            lines.append("  \(quoted(edge.parent.value)) -> \(quoted(edge.child.value));")
        }
        for view in lineage.nodes where lineage.direction == .ancestors {
            for name in view.record.training.externals {
                let id = quoted("external:" + name)
                lines.append("  \(id) [label=\(quoted(ExternalParent.label(name))), style=dashed];")
                lines.append("  \(id) -> \(quoted(view.record.digest.value));")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
