import Foundation
import LedgerCore

/// Explanation templates: `{name}` placeholders filled from the subject and pack parameters.
///
/// Placeholders: artifact, digest, destination, destinationName, trainedIn, date, kind, own,
/// cumulative, sincePublished, publishedBase, parents, publishedAncestors, and param:NAME.
/// Unknown placeholders are refused when a pack is loaded.
public enum Template {
    static let placeholders: Set<String> = [
        "artifact", "digest", "destination", "destinationName", "trainedIn", "date", "kind",
        "own", "cumulative", "sincePublished", "publishedBase", "parents", "publishedAncestors",
    ]

    /// The placeholder names used in a template.
    static func names(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The template with every placeholder filled.
    static func render(_ template: String, subject: EvaluationSubject, pack: PolicyPack) -> String {
        // One pass: `flags` renders this for every finding of a large ledger.
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += value(of: String(rest[rest.index(after: open)..<close]), subject: subject, pack: pack)
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    static func figure(_ figure: ComputeFigure) -> String {
        guard figure.isApplicable else { return "n/a" }
        if figure.complete { return Format.operations(figure.value) }
        guard let value = figure.value else { return "unknown" }
        return "at least \(Format.operations(value))"
    }

    private static func value(of name: String, subject: EvaluationSubject, pack: PolicyPack) -> String {
        if name.hasPrefix("param:") { return pack.parameters[String(name.dropFirst(6))]?.value.description ?? "?" }
        let facts = subject.facts
        switch name {
        case "artifact": return subject.label
        case "digest": return subject.digest.value
        case "destination": return subject.destination?.code ?? "(no destination)"
        case "destinationName": return subject.destination?.name ?? "(no destination)"
        case "trainedIn": return subject.trainedIn?.code ?? "an unknown country"
        case "date": return subject.date.description
        case "kind": return subject.kind.rawValue
        case "own": return figure(facts.own)
        case "cumulative": return figure(facts.cumulative)
        case "sincePublished": return figure(facts.sincePublished)
        case "publishedBase": return figure(facts.publishedBase)
        case "parents": return figure(facts.parents)
        case "publishedAncestors": return facts.publishedAncestors.map { $0.short + "…" }.joined(separator: ", ")
        default: return "{\(name)}"
        }
    }
}
