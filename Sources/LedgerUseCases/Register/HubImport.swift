import Foundation
import LedgerCore
import LedgerStore
import ModelFiles

/// What a registration takes from a Hugging Face snapshot and its model card, with the facts as
/// they will be registered (a flag given on the command line always wins over the card).
public struct HubPlan: Sendable {
    /// The snapshot, when the path is one.
    public let snapshot: HFSnapshot?
    /// The card's facts (saying which were used), when there is a card and it is used.
    public let card: ModelCardFacts?
    /// The facts to register.
    public let facts: Registration.Draft
    /// Symbolic links inside the folder are to be followed (a cache snapshot is made of them).
    public let followSymlinks: Bool
}

extension ArtifactSubmission {
    /// The submission with the snapshot's origin and the card's facts; refuses a snapshot whose
    /// weights do not hash to the SHA-256 their blob is named by (a damaged or altered cache).
    public func with(_ plan: HubPlan?, path: String) throws -> ArtifactSubmission {
        var submission = self
        if let snapshot = plan?.snapshot {
            let wrong = snapshot.mismatchedBlobs(files.map { ($0.path, $0.sha256.value) })
            guard wrong.isEmpty else {
                throw InputError(
                    "\(path): the bytes of \(wrong.joined(separator: ", ")) do not hash to the blob name the cache "
                        + "gives them (a damaged or altered cache); nothing was recorded")
            }
            submission.origin = snapshot.origin
        }
        submission.card = plan?.card
        return submission
    }
}

/// `register` of a Hugging Face cache snapshot or a folder with a model card: the name, the kind
/// and the parents come from there unless given; base models resolve to artifacts already in the
/// ledger by name (`org/name`) or by the repository their snapshot was registered from.
public struct HubImport {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// The plan for `path`; `useCard` false ignores the card. Resolving a base model needs the
    /// ledger (`resolveBases`); a client of a server sends the names and the server resolves them.
    public func plan(
        path: String, facts: Registration.Draft, useCard: Bool, resolveBases: Bool = true
    ) throws
        -> HubPlan
    {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return HubPlan(snapshot: nil, card: nil, facts: facts, followSymlinks: false)
        }
        let snapshot = HFSnapshot.detect(path: path)
        let read = useCard ? try ModelCard.read(folder: path) : nil
        var facts = facts
        var used: [String] = []
        if facts.names == nil, let snapshot {
            facts.names = [snapshot.proposedName]
            used.append("name")
        }
        if let card = read {
            if facts.kind == nil, facts.parents == nil, let kind = card.kind {
                facts.kind = kind.rawValue
                used.append("kind")
            }
            if facts.parents == nil, !card.baseModels.isEmpty {
                facts.parents = try card.baseModels.map { try resolveBases ? resolve($0) : $0 }
                used.append("parents")
            }
        }
        return HubPlan(
            snapshot: snapshot, card: read?.using(used.filter { $0 != "name" }), facts: facts,
            followSymlinks: snapshot != nil)
    }

    /// The reference a card's `base_model` stands for: the artifact bound to the name `org/name`,
    /// else the one registered from a snapshot of that repository.
    func resolve(_ base: String) throws -> String {
        guard context.ledgerExists else { throw notInLedger(base) }
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        // The reader's one resolution rule: the name `org/name` (all its tags on the same bytes),
        // else the snapshot registered from the hub repository (`hf:org/name`).
        return try ledger.read { reader in
            for reference in [try? ArtifactReference(base), .hubAlias(repository: base, revision: nil)] {
                guard let reference else { continue }
                do { return try reader.resolve(reference).value } catch StoreError.unknownReference {
                    continue
                } catch StoreError.ambiguousReference(_, let candidates) {
                    throw InputError(
                        "the model card's base_model \(base) matches \(candidates.count) artifacts in the ledger "
                            + "(\(candidates.prefix(5).joined(separator: ", "))); pass --parent with the one "
                            + "it was made from")
                }
            }
            throw notInLedger(base)
        }
    }

    func notInLedger(_ base: String) -> InputError {
        InputError(
            "the model card's base_model \(base) is not in the ledger: register it first, pass --parent, or pass "
                + "--no-card")
    }
}
