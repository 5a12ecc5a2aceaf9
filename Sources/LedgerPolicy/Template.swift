import Foundation
import LedgerCore

/// Explanation templates: `{name}` placeholders filled from the subject and pack parameters.
///
/// Placeholders: artifact, digest, destination, destinationName, trainedIn, date, kind, own,
/// cumulative, sincePublished, publishedBase, parents, publishedAncestors, cumulativeWithoutTeachers,
/// exporter, exporterHeadquarters, developer, and param:NAME.
/// Unknown placeholders are refused when a pack is loaded.
public enum Template {
    static let placeholders: Set<String> = [
        "artifact", "digest", "destination", "destinationName", "trainedIn", "date", "kind",
        "own", "cumulative", "sincePublished", "publishedBase", "parents", "publishedAncestors",
        "cumulativeWithoutTeachers", "exporter", "exporterHeadquarters", "developer",
    ]

    /// The placeholder names used in a template (what `compile` finds between braces).
    static func names(in template: String) -> [String] {
        compile(template).compactMap { part in
            if case .placeholder(let name) = part { return name }
            return nil
        }
    }

    /// A piece of a compiled template.
    enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    /// Splits a template into text and placeholders, once per rule.
    static func compile(_ template: String) -> [Part] {
        var parts: [Part] = []
        let bytes = Array(template.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) {
                if start < index { parts.append(.text(String(decoding: bytes[start..<index], as: UTF8.self))) }
                parts.append(.placeholder(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)))
                index = close + 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { parts.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
        return parts
    }

    /// The compiled template with every placeholder filled.
    static func render(_ parts: [Part], subject: EvaluationSubject, pack: PolicyPack) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .placeholder(let name): out += value(of: name, subject: subject, pack: pack)
            }
        }
        return out
    }

    static func figure(_ figure: ComputeFigure) -> String {
        guard figure.isApplicable else { return "n/a" }
        if figure.complete { return Format.operations(figure.value) }
        guard let value = figure.value else { return "unknown" }
        return "at least \(Format.operations(value))"
    }

    private static func value(of name: String, subject: EvaluationSubject, pack: PolicyPack) -> String {
        if name.hasPrefix("param:") { return pack.parameters[String(name.dropFirst(6))]?.text ?? "?" }
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
        case "cumulativeWithoutTeachers": return figure(facts.cumulativeWithoutTeachers)
        case "exporter":
            guard let exporter = subject.parties.exporter else { return "the exporter (not recorded)" }
            return subject.parties.exporterIsDefault
                ? "\(exporter) (the developer, as no exporter was given)" : exporter.value
        case "exporterHeadquarters":
            return subject.parties.exporter.flatMap {
                subject.parties.directory[$0]?.headquarters(on: subject.date)?.code
            } ?? "unknown"
        case "developer": return subject.parties.developer?.value ?? "the developer (not recorded)"
        default: return "{\(name)}"
        }
    }
}
