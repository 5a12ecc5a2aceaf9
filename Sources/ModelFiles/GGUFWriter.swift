/// Writes small but real GGUF v3 files (header, metadata, tensor infos, aligned tensor data), for
/// the demo and for tests. The layout follows ggml's docs/gguf.md; tensor bytes are pseudo-random.
public struct GGUFWriter {
    /// One tensor: name, dimensions (ggml order, fastest first) and ggml type (`F32`, `F16`, `Q8_0`).
    public struct Tensor: Sendable {
        /// The tensor's name.
        public let name: String
        /// Its dimensions, GGUF order.
        public let dimensions: [UInt64]
        /// Its GGML type (`F32`, `Q8_0`, …).
        public let type: String
        /// A tensor with every field given.
        public init(_ name: String, _ dimensions: [UInt64], _ type: String) {
            self.name = name
            self.dimensions = dimensions
            self.type = type
        }
    }

    /// A metadata value.
    public enum Value: Sendable {
        case string(String)
        case uint32(UInt32)
        case float32(Float)
        case strings([String])
    }

    /// ggml type number, elements per block, bytes per block.
    static let types: [String: (number: UInt32, block: UInt64, bytes: UInt64)] = [
        "F32": (0, 1, 4), "F16": (1, 1, 2), "Q8_0": (8, 32, 34), "Q4_K": (12, 256, 144), "BF16": (30, 1, 2),
    ]
    static let alignment: UInt64 = 32

    /// A GGUF v3 file with the metadata, tensor infos and filler data.
    public static func bytes(metadata: [(String, Value)], tensors: [Tensor], seed: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        func string(_ text: String) {
            u64(UInt64(text.utf8.count))
            out += Array(text.utf8)
        }
        out += Array("GGUF".utf8)
        u32(3)
        u64(UInt64(tensors.count))
        u64(UInt64(metadata.count + 1))
        string("general.alignment")
        u32(4)
        u32(UInt32(alignment))
        for (key, value) in metadata {
            string(key)
            switch value {
            case .string(let text):
                u32(8)
                string(text)
            case .uint32(let number):
                u32(4)
                u32(number)
            case .float32(let number):
                u32(6)
                u32(number.bitPattern)
            case .strings(let texts):
                u32(9)
                u32(8)
                u64(UInt64(texts.count))
                texts.forEach(string)
            }
        }
        var offset: UInt64 = 0
        var sizes: [UInt64] = []
        for tensor in tensors {
            let type = types[tensor.type] ?? types["F32"]!
            let elements = tensor.dimensions.reduce(1, *)
            let size = (elements + type.block - 1) / type.block * type.bytes
            string(tensor.name)
            u32(UInt32(tensor.dimensions.count))
            tensor.dimensions.forEach(u64)
            u32(type.number)
            u64(offset)
            sizes.append(size)
            offset += (size + alignment - 1) / alignment * alignment
        }
        while UInt64(out.count) % alignment != 0 { out.append(0) }
        var filler = FillerBytes(seed: seed, salt: 7)
        for size in sizes {
            filler.append(Int(size), to: &out)
            while UInt64(out.count) % alignment != 0 { out.append(0) }
        }
        return out
    }
}
