import Foundation

/// How a compute figure was obtained.
public enum ComputeMethod: String, Codable, Sendable {
    /// Stated by whoever registered the artifact.
    case declared
    /// Counted: 6 · parameters · tokens (dense transformer training).
    case counting = "6ND"
    /// Estimated from accelerators × hours × peak FLOP/s × utilization.
    case hardware
    /// Reported by a tool from the training run itself (a trainer's own count of floating-point
    /// operations, e.g. Hugging Face transformers' `state.total_flos`), named in `inputs.estimator`.
    case estimated = "estimate"
    /// Not known. Never treated as zero.
    case unknown
}

/// The inputs behind a compute figure, kept so a reviewer can see how it was obtained.
public struct ComputeInputs: Codable, Equatable, Sendable {
    /// N of 6·N·D.
    public var parameters: Double?
    /// D of 6·N·D.
    public var tokens: Double?
    /// The accelerator's id in the peak table.
    public var accelerator: String?
    /// The tensor precision whose peak was used.
    public var precision: String?
    /// How many accelerators.
    public var count: Double?
    /// Wall-clock hours.
    public var hours: Double?
    /// Model FLOP utilization used, in (0, 1].
    public var utilization: Double?
    /// The table's dense peak FLOP/s for the accelerator and precision.
    public var peakFlopsPerSecond: Double?
    /// Where the table's peak figure comes from (a datasheet).
    public var peakSource: String?
    /// Which parameters N counts when read from the headers of a mixture of experts (`active`:
    /// those one token goes through); absent for a dense model or N given by hand.
    public var parametersCounted: String?
    /// The tool whose estimate the figure is (`estimate`), e.g. `transformers Trainer state.total_flos`.
    public var estimator: String?

    /// Inputs with the fields given; nil fields did not apply.
    public init(
        parameters: Double? = nil, tokens: Double? = nil, accelerator: String? = nil, precision: String? = nil,
        count: Double? = nil, hours: Double? = nil, utilization: Double? = nil,
        peakFlopsPerSecond: Double? = nil, peakSource: String? = nil, parametersCounted: String? = nil,
        estimator: String? = nil
    ) {
        self.parametersCounted = parametersCounted
        self.estimator = estimator
        self.parameters = parameters
        self.tokens = tokens
        self.accelerator = accelerator
        self.precision = precision
        self.count = count
        self.hours = hours
        self.utilization = utilization
        self.peakFlopsPerSecond = peakFlopsPerSecond
        self.peakSource = peakSource
    }
}

extension ComputeInputs {
    /// The inputs' canonical JSON (RFC 8785) as the ledger's projection stores it: `{}` straight
    /// away for no inputs, as every declared figure has (a replay writes a million of them).
    public func canonicalText() throws -> String {
        if self == ComputeInputs() { return "{}" }
        return String(decoding: try CanonicalJSON.bytes(encoding: self), as: UTF8.self)
    }
}

/// An artifact's own training compute, in operations, with its method and inputs.
public struct Compute: Codable, Equatable, Sendable {
    /// Operations, or nil when unknown. A Double: 10^26 exceeds Int64.
    public let operations: Double?
    /// How the figure was obtained.
    public let method: ComputeMethod
    /// What it was computed from, for a reviewer to check.
    public let inputs: ComputeInputs

    /// Compute that nobody has stated.
    public static let unknown = Compute(operations: nil, method: .unknown, inputs: ComputeInputs())

    init(operations: Double?, method: ComputeMethod, inputs: ComputeInputs) {
        self.operations = operations
        self.method = method
        self.inputs = inputs
    }

    /// A figure stated by the registrant.
    public static func declared(_ operations: Double) throws -> Compute {
        try ComputeCheck.nonNegative(operations, field: FieldKey.Compute.operations)
        return Compute(operations: operations, method: .declared, inputs: ComputeInputs())
    }

    /// A figure a tool reported from the run (`estimator` names it: at most 200 characters, no
    /// control or formatting characters).
    public static func estimated(_ operations: Double, by estimator: String) throws -> Compute {
        try ComputeCheck.nonNegative(operations, field: FieldKey.Compute.operations)
        let name = estimator.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200,
            !name.unicodeScalars.contains(where: {
                [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
            })
        else {
            throw DomainError.invalid(
                field: FieldKey.Compute.estimator, value: estimator,
                expected: "the tool that estimated the figure, 1 to 200 characters on one line")
        }
        return Compute(operations: operations, method: .estimated, inputs: ComputeInputs(estimator: name))
    }

    /// 6 · N · D: N parameters (active parameters for mixture-of-experts), D training tokens.
    public static func counting(parameters: Double, tokens: Double, counted: String? = nil) throws -> Compute {
        try ComputeCheck.nonNegative(parameters, field: FieldKey.Compute.parameters)
        try ComputeCheck.nonNegative(tokens, field: FieldKey.Compute.tokens)
        let operations = 6 * parameters * tokens
        guard operations.isFinite else {
            throw DomainError.inconsistent(
                "6·\(field: FieldKey.Compute.parameters)·\(field: FieldKey.Compute.tokens) is not a finite number")
        }
        return Compute(
            operations: operations, method: .counting,
            inputs: ComputeInputs(parameters: parameters, tokens: tokens, parametersCounted: counted))
    }

    /// count × hours × 3600 × peak dense FLOP/s × utilization, from the accelerator table.
    public static func hardware(
        accelerator name: String, count: Double, hours: Double,
        utilization: Double? = nil, precision: String? = nil
    ) throws -> Compute {
        let accelerator = try AcceleratorTable.find(name)
        let precision = (precision ?? AcceleratorTable.defaultPrecision).lowercased()
        guard let peak = accelerator.peakFlopsPerSecond[precision] else {
            throw DomainError.invalid(
                field: FieldKey.Compute.precision, value: precision,
                expected: "one of " + accelerator.peakFlopsPerSecond.keys.sorted().joined(separator: ", ")
                    + " for \(accelerator.id)")
        }
        guard count.isFinite, count >= 1, count <= 10_000_000, count == count.rounded() else {
            throw DomainError.invalid(
                field: FieldKey.Compute.count, value: "\(count)", expected: "a whole number of accelerators, 1 or more")
        }
        try ComputeCheck.nonNegative(hours, field: FieldKey.Compute.hours)
        let utilization = utilization ?? AcceleratorTable.defaultUtilization
        guard utilization.isFinite, utilization > 0, utilization <= 1 else {
            throw DomainError.invalid(
                field: FieldKey.Compute.utilization, value: "\(utilization)", expected: "a fraction in (0, 1]")
        }
        let operations = count * hours * 3600 * peak * utilization
        guard operations.isFinite else {
            throw DomainError.inconsistent(
                "the hardware estimate (\(field: FieldKey.Compute.count) × \(field: FieldKey.Compute.hours) × peak "
                    + "× \(field: FieldKey.Compute.utilization)) is not a finite number"
            )
        }
        return Compute(
            operations: operations, method: .hardware,
            inputs: ComputeInputs(
                accelerator: accelerator.id, precision: precision, count: count, hours: hours,
                utilization: utilization, peakFlopsPerSecond: peak, peakSource: accelerator.source))
    }
}

enum ComputeCheck {
    static func nonNegative(_ value: Double, field: FieldKey) throws {
        guard value.isFinite, value >= 0 else {
            throw DomainError.invalid(field: field, value: "\(value)", expected: "a finite number of zero or more")
        }
    }
}

extension Compute {
    /// Rebuilds a compute figure exactly as it was recorded (no re-estimation).
    public static func restored(operations: Double?, method: ComputeMethod, inputs: ComputeInputs) -> Compute {
        Compute(operations: operations, method: method, inputs: inputs)
    }
}

extension ComputeInputs {
    /// Decodes inputs from their stored JSON.
    public static func decodeCanonical(_ bytes: [UInt8]) throws -> ComputeInputs {
        try JSONDecoder().decode(ComputeInputs.self, from: Data(bytes))
    }
}
