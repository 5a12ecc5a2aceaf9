import LedgerCore

/// How the CLI spells the domain's field keys: as the option a person typed (`trainedIn` is
/// `--trained-in`). The API spells the same keys as JSON; the rules that refuse a value are
/// written once, in the core.
enum FieldSpelling {
    /// Keys whose option is not `--` and the key in kebab case.
    static let exceptions: [String: String] = [
        "names": "--name",
        "parents": "--parent",
        "artifacts": "--artifact",
        "destinations": "--to",
        "artifact": "reference",
        "ref": "reference",
        "compute.operations": "--compute",
        "compute.parameters": "--params",
        "headquarters": "--hq",
        "parentOrganisation": "--parent-org",
        "revenueUSD": "--revenue-usd",
        "organisation": "name",
        "path": "PATH",
    ]

    /// The option (or argument) a person typed for `key`; array elements are spelled as their array.
    static func option(_ key: FieldKey) -> String {
        let path = key.path.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "", options: .regularExpression)
        if let exact = exceptions[path] { return exact }
        let last = path.hasPrefix("compute.") ? String(path.dropFirst("compute.".count)) : path
        return "--" + kebab(last)
    }

    /// `trainedIn` → `trained-in`, `maxBytes` → `max-bytes`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "-" + character.lowercased()
            } else {
                out.append(character == "." ? "-" : character)
            }
        }
        return out
    }
}
