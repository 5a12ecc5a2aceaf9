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
/// and the base models come from there unless given; the base models are resolved when the
/// artifact is recorded (`BaseModels`), locally or by the server, in the same transaction.
public struct HubImport {
    /// The use case; reading a folder needs no ledger.
    public init() {}

    /// The plan for `path`; `useCard` false ignores the card.
    public func plan(path: String, facts: Registration.Draft, useCard: Bool) throws -> HubPlan {
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
            let parentsGiven = facts.parents != nil || facts.baseModels != nil
            if facts.kind == nil, !parentsGiven, let kind = card.kind {
                facts.kind = kind.rawValue
                used.append("kind")
            }
            if !parentsGiven, !card.baseModels.isEmpty {
                facts.baseModels = card.baseModels
                used.append("parents")
            }
        }
        return HubPlan(
            snapshot: snapshot, card: read?.using(used.filter { $0 != "name" }), facts: facts,
            followSymlinks: snapshot != nil)
    }
}
