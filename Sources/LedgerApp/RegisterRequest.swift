import Foundation
import LedgerCore

/// How the registrant says the compute was obtained, before it is checked.
public enum ComputeSpec: Equatable, Sendable {
    case unknown
    case declared(operations: Double)
    case counting(parameters: Double, tokens: Double)
    /// `--params auto --tokens D`: N is read from the artifact's safetensors or GGUF headers.
    case countingFromHeaders(tokens: Double)
    case hardware(accelerator: String, count: Double, hours: Double, utilization: Double?, precision: String?)

    /// Checks the inputs and computes the figure (in the core).
    func compute() throws -> Compute {
        switch self {
        case .unknown: return .unknown
        case .declared(let operations): return try .declared(operations)
        case .counting(let parameters, let tokens): return try .counting(parameters: parameters, tokens: tokens)
        case .countingFromHeaders(let tokens):
            _ = try Compute.counting(parameters: 0, tokens: tokens)  // checks the tokens now, before hashing
            return .unknown
        case .hardware(let accelerator, let count, let hours, let utilization, let precision):
            return try .hardware(accelerator: accelerator, count: count, hours: hours, utilization: utilization, precision: precision)
        }
    }
}

/// Everything `register` accepts, as typed: text is checked by `validated()`.
public struct RegisterRequest: Sendable {
    public var path: String
    public var names: [String] = []
    public var kind: String?
    public var parents: [String] = []
    public var trainedIn: String?
    public var site: String?
    public var compute: ComputeSpec = .unknown
    public var publishedURL: String?
    public var publishedOn: String?
    public var started: String?
    public var finished: String?

    public init(path: String) { self.path = path }

    /// True when any training fact was given (re-registration then checks them against the record).
    var givesTrainingFacts: Bool {
        kind != nil || !parents.isEmpty || trainedIn != nil || site != nil || compute != .unknown
            || publishedURL != nil || publishedOn != nil || started != nil || finished != nil
    }

    /// The request with every field parsed into domain types; no I/O.
    struct Validated {
        var names: [ArtifactName]
        var kind: TrainingKind?
        var parents: [ArtifactReference]
        var trainedIn: CountryCode?
        var site: String?
        var compute: Compute
        var published: Publication?
        var started: LedgerDate?
        var finished: LedgerDate?
    }

    /// How errors name the fields: the CLI's options (`--trained-in`) or the API's JSON keys
    /// (`trainedIn`, `compute.tokens`).
    public var fieldNames: FieldNames = .options

    public enum FieldNames: Sendable {
        case options, json

        /// `key` is the JSON key; `inner` the field a domain type named (compute's own numbers).
        func name(_ key: String, inner: String) -> String {
            switch self {
            case .json: return key == "compute" ? "compute.\(inner)" : key
            case .options: return key == "compute" ? inner : RegisterRequest.options[key] ?? key
            }
        }
    }

    static let options = ["names": "--name", "kind": "--kind", "parents": "--parent", "trainedIn": "--trained-in",
                          "published": "--published", "publishedOn": "--published-on", "started": "--started", "finished": "--finished"]

    /// Parses one field, naming it in the error the way the caller spelled it.
    private func field<T>(_ key: String, _ parse: () throws -> T) throws -> T {
        do { return try parse() } catch DomainError.invalid(let inner, let value, let expected) {
            throw DomainError.invalid(field: fieldNames.name(key, inner: inner), value: value, expected: expected)
        }
    }

    func validated() throws -> Validated {
        if publishedOn != nil && publishedURL == nil {
            throw DomainError.inconsistent("--published-on needs --published URL")
        }
        let names = try field("names") { try self.names.map { try ArtifactName($0) } }
        guard Set(names).count == names.count else { throw DomainError.inconsistent("the same --name is given twice") }
        let site = self.site?.trimmingCharacters(in: .whitespacesAndNewlines)
        let publishedOn = try field("publishedOn") { try self.publishedOn.map { try LedgerDate($0) } }
        return Validated(
            names: names,
            kind: try field("kind") { try kind.map { try TrainingKind(parsing: $0) } },
            parents: try field("parents") { try parents.map { try ArtifactReference($0) } },
            trainedIn: try field("trainedIn") { try trainedIn.map { try CountryCode($0) } },
            site: site?.isEmpty == true ? nil : site,
            compute: try field("compute") { try compute.compute() },
            published: try field("published") { try publishedURL.map { try Publication(url: $0, date: publishedOn) } },
            started: try field("started") { try started.map { try LedgerDate($0) } },
            finished: try field("finished") { try finished.map { try LedgerDate($0) } })
    }
}
