import Foundation

/// Writes small but real safetensors files (8-byte little-endian header length, JSON header,
/// raw tensor data), for the demo and for tests. Tensor bytes are pseudo-random from a seed,
/// so the same call always yields the same digest.
public struct SafetensorsWriter {
    /// One tensor: name, safetensors dtype (`F32`, `BF16`, `F16`, `I8`, `U8`) and shape.
    public struct Tensor: Sendable {
        /// The tensor's name.
        public let name: String
        /// Its dtype (`BF16`, `F32`, …).
        public let dtype: String
        /// Its shape.
        public let shape: [Int]
        /// A tensor with every field given.
        public init(_ name: String, _ dtype: String, _ shape: [Int]) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
        }
    }

    static let dtypeSizes = ["F64": 8, "F32": 4, "BF16": 2, "F16": 2, "I32": 4, "I16": 2, "I8": 1, "U8": 1]

    /// The file's bytes.
    public static func bytes(tensors: [Tensor], metadata: [String: String] = [:], seed: UInt64) -> [UInt8] {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for tensor in tensors {
            let size = tensor.shape.reduce(1, *) * (dtypeSizes[tensor.dtype] ?? 1)
            header[tensor.name] =
                ["dtype": tensor.dtype, "shape": tensor.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        var json = Array((try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data())
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out += $0 }
        out += json
        var filler = FillerBytes(seed: seed)
        filler.append(offset, to: &out)
        return out
    }

    /// Writes the file at `path`, replacing any file there.
    public static func write(to path: String, tensors: [Tensor], metadata: [String: String] = [:], seed: UInt64) throws
    {
        try Data(bytes(tensors: tensors, metadata: metadata, seed: seed)).write(to: URL(fileURLWithPath: path))
    }

    /// `model.safetensors.index.json` for shards: total tensor bytes and which file holds each tensor.
    public static func index(shards: [(file: String, tensors: [Tensor])]) -> [UInt8] {
        var weightMap: [String: String] = [:]
        var total = 0
        for shard in shards {
            for tensor in shard.tensors {
                weightMap[tensor.name] = shard.file
                total += tensor.shape.reduce(1, *) * (dtypeSizes[tensor.dtype] ?? 1)
            }
        }
        let document: [String: Any] = ["metadata": ["total_size": total], "weight_map": weightMap]
        return Array(
            (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data())
    }

    /// A tiny decoder-only transformer's tensors: embeddings, `layers` blocks, head.
    public static func transformer(hidden: Int, layers: Int, vocab: Int, dtype: String) -> [Tensor] {
        var tensors = [Tensor("model.embed_tokens.weight", dtype, [vocab, hidden])]
        for layer in 0..<layers {
            for part in ["q_proj", "k_proj", "v_proj", "o_proj"] {
                tensors.append(Tensor("model.layers.\(layer).self_attn.\(part).weight", dtype, [hidden, hidden]))
            }
            tensors.append(Tensor("model.layers.\(layer).mlp.up_proj.weight", dtype, [hidden * 2, hidden]))
            tensors.append(Tensor("model.layers.\(layer).mlp.down_proj.weight", dtype, [hidden, hidden * 2]))
        }
        tensors.append(Tensor("lm_head.weight", dtype, [vocab, hidden]))
        return tensors
    }
}
