/// The compute of one training step as a registrant gives it, before it is checked: at most one
/// method's fields. The API's `compute` object; the CLI fills it from `--compute`, `--params`…
public struct ComputeDraft: Codable, Equatable, Sendable {
    /// Declared operations (`--compute`).
    public var operations: Double?
    /// N of 6·N·D (`--params`): active parameters for mixture-of-experts.
    public var parameters: Double?
    /// D of 6·N·D (`--tokens`): training tokens.
    public var tokens: Double?
    /// The accelerator of a hardware estimate (`--accelerator`), from the peak table.
    public var accelerator: String?
    /// How many accelerators (`--count`).
    public var count: Double?
    /// Wall-clock hours (`--hours`).
    public var hours: Double?
    /// Model FLOP utilization in (0, 1] (`--utilization`; the table's default when nil).
    public var utilization: Double?
    /// Tensor precision for the peak figure (`--precision`; the table's default when nil).
    public var precision: String?
    /// With `operations`: the tool that estimated them from the run (`--estimator`), recorded as
    /// the method `estimate` instead of `declared`.
    public var estimator: String?
    /// `--params auto`: count the parameters from the artifact's safetensors or GGUF headers.
    /// Resolved where the bytes are read (never sent: a remote client resolves it first).
    public var parametersFromHeaders = false

    enum CodingKeys: String, CodingKey {
        case operations, parameters, tokens, accelerator, count, hours, utilization, precision, estimator
    }

    /// A draft with the fields given; nil fields were not given.
    public init(
        operations: Double? = nil, parameters: Double? = nil, tokens: Double? = nil, accelerator: String? = nil,
        count: Double? = nil, hours: Double? = nil, utilization: Double? = nil, precision: String? = nil,
        parametersFromHeaders: Bool = false, estimator: String? = nil
    ) {
        self.estimator = estimator
        self.operations = operations
        self.parameters = parameters
        self.tokens = tokens
        self.accelerator = accelerator
        self.count = count
        self.hours = hours
        self.utilization = utilization
        self.precision = precision
        self.parametersFromHeaders = parametersFromHeaders
    }

    /// The draft of a claim already checked (what a client sends after resolving `auto`).
    public init(_ compute: Compute) {
        switch compute.method {
        case .unknown: self.init()
        case .declared: self.init(operations: compute.operations)
        case .estimated: self.init(operations: compute.operations, estimator: compute.inputs.estimator)
        case .counting: self.init(parameters: compute.inputs.parameters, tokens: compute.inputs.tokens)
        case .hardware:
            self.init(
                accelerator: compute.inputs.accelerator, count: compute.inputs.count, hours: compute.inputs.hours,
                utilization: compute.inputs.utilization, precision: compute.inputs.precision)
        }
    }

    /// True when no field is given: compute is unknown.
    public var isEmpty: Bool { self == ComputeDraft() }

    /// The one place the compute rules live: at most one method, each method's fields together,
    /// each figure finite and non-negative (the `Compute` factories).
    public func claim() throws -> ComputeClaim {
        typealias Key = FieldKey.Compute
        let declared = operations != nil
        let counting = parameters != nil || parametersFromHeaders || tokens != nil
        let hardware = accelerator != nil || count != nil || hours != nil || utilization != nil || precision != nil
        guard [declared, counting, hardware].filter({ $0 }).count <= 1 else {
            throw DomainError.inconsistent(
                "give one compute method: \(field: Key.operations), or \(field: Key.parameters) with "
                    + "\(field: Key.tokens), or \(field: Key.accelerator) with \(field: Key.count) and "
                    + "\(field: Key.hours)"
            )
        }
        if let estimator {
            guard let operations else {
                throw DomainError.inconsistent("\(field: Key.estimator) goes with \(field: Key.operations)")
            }
            return .known(try .estimated(operations, by: estimator))
        }
        if let operations { return .known(try .declared(operations)) }
        if counting {
            guard let tokens, parameters != nil || parametersFromHeaders else {
                throw DomainError.inconsistent("\(field: Key.parameters) and \(field: Key.tokens) go together")
            }
            guard let parameters else {
                _ = try Compute.counting(parameters: 0, tokens: tokens)  // checks the tokens before any hashing
                return .countingFromHeaders(tokens: tokens)
            }
            return .known(try .counting(parameters: parameters, tokens: tokens))
        }
        if hardware {
            guard let accelerator, let count, let hours else {
                throw DomainError.inconsistent(
                    "the hardware estimate needs \(field: Key.accelerator), \(field: Key.count) and \(field: Key.hours)"
                )
            }
            return .known(
                try .hardware(
                    accelerator: accelerator, count: count, hours: hours, utilization: utilization,
                    precision: precision))
        }
        return .known(.unknown)
    }
}

/// Checked compute, possibly still waiting for the parameter count in the artifact's headers.
public enum ComputeClaim: Equatable, Sendable {
    /// A figure (or unknown) that needs nothing more.
    case known(Compute)
    /// 6·N·D with N read from the safetensors or GGUF headers of the bytes being registered.
    case countingFromHeaders(tokens: Double)

    /// True unless the claim is plain unknown.
    public var isGiven: Bool { self != .known(.unknown) }

    /// The figure, reading N from `model` when the claim asks for it. `path` names the bytes in the error.
    public func resolved(model: ModelInfo?, path: String) throws -> Compute {
        switch self {
        case .known(let compute): return compute
        case .countingFromHeaders(let tokens):
            guard let model, model.parameters > 0 else {
                throw InputError(
                    "\(field: FieldKey.Compute.parameters) auto: \(path) has no safetensors or GGUF header to count "
                        + "parameters from; give \(field: FieldKey.Compute.parameters) N")
            }
            if let parts = model.splitCount {
                throw InputError(
                    "\(field: FieldKey.Compute.parameters) auto: \(path) is one part of a GGUF split into "
                        + "\(parts) files; register the folder holding every part, or give "
                        + "\(field: FieldKey.Compute.parameters) N")
            }
            // 6·N·D counts the parameters each token goes through: for a mixture of experts, the
            // active ones (shared tensors, and expert tensors by experts used / experts).
            if let active = model.activeParameters, let experts = model.experts, let used = model.expertsUsed {
                return try .counting(
                    parameters: Double(active), tokens: tokens,
                    counted: "active: \(used) of \(experts) experts per token; "
                        + "\(Format.grouped(Double(model.parameters))) in all")
            }
            return try .counting(parameters: Double(model.parameters), tokens: tokens)
        }
    }
}
