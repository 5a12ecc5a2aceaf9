import Foundation
import LedgerCore

/// The body of `POST /api/v1/artifacts` (docs/openapi.yaml `Registration`): one flat JSON object
/// with the bytes as the client hashed them (`digest`, `form`, `sizeBytes`, `files`, `model`,
/// `location`) and the same facts `register` takes as options (`Registration.Draft`'s keys).
public struct RegistrationBody: Codable, Sendable {
    /// The bytes: digest, form, size, files, headers, location.
    public var artifact: ArtifactSubmission
    /// How they were made, unchecked.
    public var facts: Registration.Draft

    /// A body from a locally hashed artifact and its facts.
    public init(artifact: ArtifactSubmission, facts: Registration.Draft) {
        self.artifact = artifact
        self.facts = facts
    }

    /// Both halves from the one flat object.
    public init(from decoder: Decoder) throws {
        artifact = try ArtifactSubmission(from: decoder)
        facts = try Registration.Draft(from: decoder)
    }

    /// Both halves into one flat object.
    public func encode(to encoder: Encoder) throws {
        try artifact.encode(to: encoder)
        try facts.encode(to: encoder)
    }

    /// The submission (digest checked against the files) and the checked facts the use case takes.
    public func checked() throws -> (ArtifactSubmission, Registration) {
        (try artifact.checked(), try Registration(facts))
    }
}
