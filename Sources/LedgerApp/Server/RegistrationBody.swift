import Foundation
import LedgerCore

/// The body of `POST /api/v1/artifacts` (docs/openapi.yaml `Registration`): the bytes as the
/// client hashed them, and the same facts `register` takes as options.
public struct RegistrationBody: Codable, Sendable {
    /// `digest`, `form`, `sizeBytes`, `files`, `model`, `location`: the bytes.
    public var artifact: ArtifactSubmission
    /// Everything else: how they were made.
    public var facts: Facts

    /// The same facts `register` takes as options, under their JSON names.
    public struct Facts: Codable, Sendable {
        public var names: [String]?
        public var kind: String?
        public var parents: [String]?
        public var trainedIn: String?
        public var site: String?
        public var compute: ComputeBody?
        public var published: String?
        public var publishedOn: String?
        public var started: String?
        public var finished: String?
    }

    /// One flat JSON object: the artifact's keys and the facts' keys side by side.
    public init(from decoder: Decoder) throws {
        artifact = try ArtifactSubmission(from: decoder)
        facts = try Facts(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try artifact.encode(to: encoder)
        try facts.encode(to: encoder)
    }

    /// One compute method: `operations`; or `parameters` with `tokens`; or `accelerator`,
    /// `count` and `hours` (with optional `utilization` and `precision`).
    public struct ComputeBody: Codable, Sendable {
        public var operations: Double?
        public var parameters: Double?
        public var tokens: Double?
        public var accelerator: String?
        public var count: Double?
        public var hours: Double?
        public var utilization: Double?
        public var precision: String?

        public init(_ spec: ComputeSpec) {
            switch spec {
            case .unknown: break
            case .declared(let operations): self.operations = operations
            case .counting(let parameters, let tokens): (self.parameters, self.tokens) = (parameters, tokens)
            case .countingFromHeaders(let tokens): self.tokens = tokens
            case .hardware(let accelerator, let count, let hours, let utilization, let precision):
                (self.accelerator, self.count, self.hours, self.utilization, self.precision) = (accelerator, count, hours, utilization, precision)
            }
        }

        func spec() throws -> ComputeSpec {
            let declared = operations != nil
            let counting = parameters != nil || tokens != nil
            let hardware = accelerator != nil || count != nil || hours != nil || utilization != nil || precision != nil
            guard [declared, counting, hardware].filter({ $0 }).count <= 1 else {
                throw DomainError.inconsistent("compute: give one method: operations; or parameters with tokens; or accelerator with count and hours")
            }
            if let operations { return .declared(operations: operations) }
            if counting {
                guard let parameters, let tokens else { throw DomainError.inconsistent("compute: parameters and tokens go together") }
                return .counting(parameters: parameters, tokens: tokens)
            }
            if hardware {
                guard let accelerator, let count, let hours else {
                    throw DomainError.inconsistent("compute: the hardware estimate needs accelerator, count and hours")
                }
                return .hardware(accelerator: accelerator, count: count, hours: hours, utilization: utilization, precision: precision)
            }
            return .unknown
        }
    }

    /// The body for a locally hashed artifact and a request (compute `auto` already resolved by the client).
    public init(_ submission: ArtifactSubmission, _ request: RegisterRequest) {
        artifact = submission
        facts = Facts(names: request.names.isEmpty ? nil : request.names, kind: request.kind,
                      parents: request.parents.isEmpty ? nil : request.parents, trainedIn: request.trainedIn, site: request.site,
                      compute: request.compute == .unknown ? nil : ComputeBody(request.compute), published: request.publishedURL,
                      publishedOn: request.publishedOn, started: request.started, finished: request.finished)
    }

    /// The submission (digest checked against the files) and the request the use case takes.
    public func split() throws -> (ArtifactSubmission, RegisterRequest) {
        let submission = try artifact.checked()
        var request = RegisterRequest(path: artifact.location ?? artifact.digest.value)
        request.fieldNames = .json
        request.names = facts.names ?? []
        request.kind = facts.kind
        request.parents = facts.parents ?? []
        request.trainedIn = facts.trainedIn
        request.site = facts.site
        request.compute = try facts.compute?.spec() ?? .unknown
        request.publishedURL = facts.published
        request.publishedOn = facts.publishedOn
        request.started = facts.started
        request.finished = facts.finished
        return (submission, request)
    }
}
