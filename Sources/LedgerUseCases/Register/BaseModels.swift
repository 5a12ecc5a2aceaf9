import LedgerCore
import LedgerStore

/// Base models named by a model card (`base_model`) or `--base-model`, resolved against the ledger.
public enum BaseModels {
    /// Each name resolved by the reader's one resolution rule: the name `org/name` (all its tags on
    /// the same bytes), else the snapshot registered from the hub repository (`hf:org/name`). A name
    /// that matches nothing is a parent outside the ledger (`external`), its compute unknown; one
    /// that matches several artifacts is refused, since guessing would pick a lineage.
    public static func resolve(
        _ names: [String], reader: any LedgerReading
    ) throws -> (parents: [ArtifactDigest], external: [String]) {
        var parents: [ArtifactDigest] = []
        var external: [String] = []
        for name in names {
            if let digest = try find(name, reader: reader) {
                if !parents.contains(digest) { parents.append(digest) }
            } else {
                external.append(name)
            }
        }
        return (parents, external)
    }

    static func find(_ name: String, reader: any LedgerReading) throws -> ArtifactDigest? {
        for reference in [try? ArtifactReference(name), .hubAlias(repository: name, revision: nil)] {
            guard let reference else { continue }
            do { return try reader.resolve(reference) } catch StoreError.unknownReference {
                continue
            } catch StoreError.ambiguousReference(_, let candidates) {
                throw InputError(
                    "the base model \(name) matches \(candidates.count) artifacts in the ledger "
                        + "(\(candidates.prefix(5).joined(separator: ", "))); pass --parent with the one "
                        + "it was made from")
            }
        }
        return nil
    }
}
