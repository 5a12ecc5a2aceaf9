import LedgerCore
import LedgerStore

/// The one rule about new names beyond their syntax (`ArtifactName`): names are case-insensitive
/// for uniqueness, and a name that looks like an existing one needs to be meant.
///
/// - A name, or its repository, that differs from an existing one only by case is refused:
///   `ACME/MODEL:V1` beside `acme/model:v1`.
/// - A name whose confusables skeleton (`ArtifactName.skeleton`: `1`/`l`/`I`, `0`/`o`, `rn`/`m`)
///   equals an existing name's, or whose new repository's equals an existing repository's, is refused
///   unless the caller allows similar names (`--allow-similar-name`, `allowSimilarName`):
///   `acme/mode1:v1` or `acme/model:vl` beside `acme/model:v1`.
///
/// Either refusal names the nearest existing name and its artifact.
public enum NameRules {
    /// Refuses `name` for the reasons above; a name already bound is not checked again.
    public static func check(_ name: ArtifactName, reader: any LedgerReading, allowSimilar: Bool) throws {
        let similar = try reader.similarNames(to: name)
        guard !similar.isEmpty else { return }
        // A new tag in a repository that already exists makes no new look-alike repository.
        let repositoryExists = try !reader.bindings(inRepository: name.repository).isEmpty
        for (existing, artifact) in similar {
            let caseOnly =
                existing.description.lowercased() == name.description.lowercased()
                || (existing.repository.lowercased() == name.repository.lowercased()
                    && existing.repository != name.repository)
            let alike =
                caseOnly || ArtifactName.skeleton(existing.description) == ArtifactName.skeleton(name.description)
                || (existing.repository != name.repository && !repositoryExists)
            guard alike else { continue }
            if caseOnly {
                throw InputError(
                    "name \(name) differs only by case from \(existing) (bound to \(artifact.short)…); names are "
                        + "case-insensitive: use \(existing) or another name")
            }
            if !allowSimilar {
                throw InputError(
                    "name \(name) looks like \(existing) (bound to \(artifact.short)…); pass "
                        + "\(field: .allowSimilarName) if it names a different model")
            }
        }
    }
}
