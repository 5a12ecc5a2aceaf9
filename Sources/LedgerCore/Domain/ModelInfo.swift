/// What a model file's header says: format, parameter count and the mix of types.
public struct ModelInfo: Codable, Equatable, Sendable {
    /// `safetensors` or `gguf`.
    public let format: String
    /// Sum over tensors of the product of their shapes.
    public let parameters: Int64
    /// Parameters per tensor type (`BF16`, `F32`, `Q4_K`, …).
    public let dtypes: [String: Int64]
    /// How many tensors the headers list.
    public let tensors: Int
    /// GGUF `general.architecture`, or the safetensors metadata's when it has one.
    public let architecture: String?
    /// GGUF `general.name`.
    public let name: String?
    /// Files the figures were read from (one for a single file, every shard of a sharded model).
    public let files: Int
    /// For a mixture of experts: the parameters one token goes through (every tensor once, expert
    /// tensors by `expertsUsed / experts`); absent for a dense model.
    public let activeParameters: Int64?
    /// For a mixture of experts: experts per layer (GGUF `*.expert_count`).
    public let experts: Int?
    /// For a mixture of experts: experts each token uses (GGUF `*.expert_used_count`).
    public let expertsUsed: Int?
    /// A GGUF file that is one part of a split model (`split.count` > 1, the parts not joined):
    /// how many parts there are. The figures are this part's only.
    public let splitCount: Int?
    /// Files left out of the count because they hold the same weights as another in another
    /// precision (`model.fp16.safetensors` beside `model.safetensors`), relative paths.
    public let skippedVariants: [String]?
    /// How packed (quantized) weights were counted, or why the count is uncertain; absent for
    /// weights stored one value per element.
    public let quantization: String?

    /// Header facts with every field given.
    public init(
        format: String, parameters: Int64, dtypes: [String: Int64], tensors: Int, architecture: String?, name: String?,
        files: Int, activeParameters: Int64? = nil, experts: Int? = nil, expertsUsed: Int? = nil,
        splitCount: Int? = nil, skippedVariants: [String]? = nil, quantization: String? = nil
    ) {
        self.quantization = quantization
        self.skippedVariants = skippedVariants.flatMap { $0.isEmpty ? nil : $0 }
        self.activeParameters = activeParameters
        self.experts = experts
        self.expertsUsed = expertsUsed
        self.splitCount = splitCount.flatMap { $0 > 1 ? $0 : nil }
        self.format = format
        self.parameters = parameters
        self.dtypes = dtypes
        self.tensors = tensors
        self.architecture = architecture
        self.name = name
        self.files = files
    }

    /// Several shards of one model (or every part of a split GGUF), added up.
    public static func combine(_ parts: [ModelInfo]) -> ModelInfo? {
        guard let first = parts.first else { return nil }
        var dtypes: [String: Int64] = [:]
        var parameters: Int64 = 0
        var active: Int64 = 0
        for part in parts {
            parameters = parameters.addingReportingOverflow(part.parameters).partialValue
            active = active.addingReportingOverflow(part.activeParameters ?? part.parameters).partialValue
            for (dtype, count) in part.dtypes { dtypes[dtype, default: 0] += count }
        }
        let moe = parts.contains { $0.activeParameters != nil }
        return ModelInfo(
            format: first.format, parameters: parameters, dtypes: dtypes, tensors: parts.reduce(0) { $0 + $1.tensors },
            architecture: parts.compactMap(\.architecture).first, name: parts.compactMap(\.name).first,
            files: parts.count, activeParameters: moe ? active : nil, experts: parts.compactMap(\.experts).first,
            expertsUsed: parts.compactMap(\.expertsUsed).first)
    }

    /// `BF16 92.1%, F32 7.9%`, largest first.
    public var dtypeMix: String {
        guard parameters > 0 else { return dtypes.keys.sorted().joined(separator: ", ") }
        return dtypes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { dtype, count in
            let percent = Double(count) / Double(parameters) * 100
            let shown = percent >= 99.95 ? "100" : percent < 0.1 ? "<0.1" : String(Double(Int(percent * 10 + 0.5)) / 10)
            return "\(dtype) \(shown)%"
        }.joined(separator: ", ")
    }
}
