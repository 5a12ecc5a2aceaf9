import Foundation
import LedgerCore

/// A Hugging Face model folder: safetensors weights beside the `config.json` transformers writes.
/// The config names the architecture, the experts of a mixture of experts
/// (`num_local_experts`/`num_experts`/`n_routed_experts`, `num_experts_per_tok`) and how weights
/// are packed (`quantization_config`: GPTQ, AWQ, bitsandbytes), so the count is of logical
/// parameters: a packed int32 word of a `bits`-bit GPTQ/AWQ `qweight` holds 32 / bits values, a
/// bitsandbytes 4-bit uint8 two; scales, zeros, `g_idx`, absmax and quant maps are not parameters.
/// Packed tensors without a config that explains them are counted as stored and flagged.
enum HFModelFolder {
    /// Largest config.json read.
    static let maxConfigBytes: Int64 = 16 << 20

    /// The folder's config, when it has a readable one (an unreadable config is ignored: the
    /// weights' headers still count).
    static func config(_ path: String) -> [String: JSONValue]? {
        guard let source = try? FileSource(path: path), source.size <= maxConfigBytes,
            let bytes = try? source.read(at: 0, count: Int(source.size)),
            case .object(let members)? = try? JSONParser.parse(bytes)
        else { return nil }
        return members
    }

    /// The model facts of `headers` (one per counted file) read with `config`.
    static func summary(
        _ headers: [Safetensors.Header], config: [String: JSONValue], path: String
    ) throws
        -> ModelInfo
    {
        let fail = { (reason: String) in ModelFileError(path: path, reason: reason) }
        let quantization = config["quantization_config"]?.objectValue
        let method = quantization?["quant_method"]?.stringValue?.lowercased()
        let bits = quantization?["bits"]?.numberValue.map { Int($0) }
        let fourBit = quantization?["load_in_4bit"] == .bool(true)
        let names = Set(headers.flatMap { $0.tensors.map(\.name) })
        var dtypes: [String: Int64] = [:]
        var parameters: Int64 = 0
        var expertElements: Int64 = 0
        var packedUnexplained = false
        var note: String?
        for tensor in headers.flatMap(\.tensors) {
            var (elements, dtype) = (tensor.elements, tensor.dtype)
            switch method {
            case "gptq"?,
                "awq"? where bits.map { [2, 3, 4, 8].contains($0) } == true:
                let perWord = Int64(32 / bits!)
                if [".qzeros", ".scales", ".g_idx"].contains(where: tensor.name.hasSuffix) { continue }
                if tensor.name.hasSuffix(".qweight") {
                    elements = try Checked.multiply(elements, perWord, fail)
                    dtype = "\(method!.uppercased())-INT\(bits!)"
                }
                note =
                    "\(method!) \(bits!)-bit: each int32 of a qweight counted as \(perWord) parameters; "
                    + "qzeros, scales and g_idx not counted"
            case "bitsandbytes"? where fourBit:
                if [".absmax", ".quant_map", ".nested_absmax", ".nested_quant_map"].contains(
                    where: tensor.name.hasSuffix)
                    || tensor.name.contains(".quant_state.")
                {
                    continue
                }
                if names.contains(where: { $0.hasPrefix(tensor.name + ".quant_state.") }) {
                    elements = try Checked.multiply(elements, 2, fail)
                    dtype = "BNB-4BIT"
                }
                note =
                    "bitsandbytes 4-bit: each uint8 of a quantized weight counted as 2 parameters; absmax and "
                    + "quant maps not counted"
            default:
                if tensor.name.hasSuffix(".qweight") { packedUnexplained = true }
            }
            parameters = try Checked.add(parameters, elements, fail)
            dtypes[dtype] = try Checked.add(dtypes[dtype] ?? 0, elements, fail)
            if tensor.name.range(of: #"\.experts\.\d+\."#, options: .regularExpression) != nil {
                expertElements = try Checked.add(expertElements, elements, fail)
            }
        }
        if packedUnexplained {
            note =
                "uncertain: packed tensors (qweight) without a quantization_config that explains them; counted as "
                + "stored, so the parameter count is too low"
        } else if method != nil && note == nil {
            note = "uncertain: quantization_config \(method ?? "?") is not one this reader unpacks; counted as stored"
        }
        let experts = ["num_local_experts", "num_experts", "n_routed_experts"].lazy.compactMap {
            config[$0]?.numberValue
        }.first.map { Int($0) }
        let used = config["num_experts_per_tok"]?.numberValue.map { Int($0) }
        var active: Int64?
        if let experts, let used, experts > 0, used > 0, used <= experts, expertElements > 0 {
            active = parameters - expertElements + expertElements / Int64(experts) * Int64(used)
        }
        let architecture =
            config["architectures"]?.arrayValue?.first?.stringValue ?? config["model_type"]?.stringValue
            ?? headers.compactMap(\.architecture).first
        return ModelInfo(
            format: "safetensors", parameters: parameters, dtypes: dtypes,
            tensors: headers.reduce(0) { $0 + $1.tensors.count }, architecture: architecture, name: nil,
            files: headers.count, activeParameters: active, experts: active == nil ? nil : experts,
            expertsUsed: active == nil ? nil : used, quantization: note)
    }
}
