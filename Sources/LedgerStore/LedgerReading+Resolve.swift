import LedgerCore

extension LedgerReading {
    /// Resolves what a user typed to exactly one registered artifact: the one rule, whatever
    /// the backend. A name without a tag matches that exact untagged name, else every tag of it,
    /// as long as they all point at the same artifact.
    public func resolve(_ reference: ArtifactReference) throws -> ArtifactDigest {
        switch reference {
        case .digest(let digest):
            guard try contains(digest) else { throw StoreError.unknownReference(reference.description) }
            return digest
        case .digestPrefix(let prefix):
            let matches = try digests(withPrefix: prefix, limit: 5)
            guard let first = matches.first else { throw StoreError.unknownReference(reference.description) }
            guard matches.count == 1 else {
                throw StoreError.ambiguousReference(reference.description, candidates: matches.map { $0.short + "…" })
            }
            return first
        case .name(let name):
            if let digest = try binding(of: name) { return digest }
            guard name.tag == nil else { throw StoreError.unknownReference(reference.description) }
            let rows = try bindings(inRepository: name.repository)
            let artifacts = Set(rows.map(\.artifact))
            guard artifacts.count <= 1 else {
                throw StoreError.ambiguousReference(reference.description, candidates: rows.map(\.name))
            }
            guard let only = artifacts.first else { throw StoreError.unknownReference(reference.description) }
            return only
        case .hubAlias(let repository, let revision):
            let matches = try hubArtifacts(repository: repository).filter { _, origin in
                revision.map { origin.revision == $0.lowercased() || origin.refs.contains($0) } ?? true
            }
            guard let first = matches.first else { throw StoreError.unknownReference(reference.description) }
            guard matches.count == 1 else {
                throw StoreError.ambiguousReference(reference.description, candidates: matches.map(\.origin.alias))
            }
            return first.digest
        }
    }

    /// The license a user refers to by `AUTHORITY/NUMBER` or by a number only one authority uses.
    public func license(_ reference: String) throws -> License? {
        let matches = try licenses(matching: reference)
        if let exact = matches.first(where: { $0.id == reference }) { return exact }
        guard matches.count <= 1 else { throw StoreError.ambiguousReference(reference, candidates: matches.map(\.id)) }
        return matches.first
    }

    /// The facts policy reads about one artifact (its lineage comes from `ancestryGraph`).
    public func policyArtifact(_ digest: ArtifactDigest) throws -> PolicyArtifact? {
        guard let record = try record(digest) else { return nil }
        return PolicyArtifact(
            digest: digest, names: record.names, kind: record.training.kind, trainedIn: record.training.trainedIn)
    }
}

extension LedgerReading {
    /// Every artifact in registration order, read a page at a time but returned at once: for
    /// small ledgers and tests (a walk over a large ledger takes the pages one by one).
    public func records() throws -> [ArtifactRecord] {
        var all: [ArtifactRecord] = []
        var cursor: Int64 = 0
        while true {
            let page = try records(after: cursor, limit: 1_000)
            guard let last = page.last else { return all }
            all += page
            cursor = last.registeredSeq
        }
    }
}
