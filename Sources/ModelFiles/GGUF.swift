import LedgerCore

/// The GGUF header (versions 2 and 3, little-endian): magic, version, tensor and metadata counts,
/// metadata key/values, then tensor infos (name, dimensions, ggml type, offset).
/// https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
public enum GGUF {
    static let magic: UInt32 = 0x4655_4747  // "GGUF" read as a little-endian u32
    /// GGML_MAX_DIMS.
    static let maxDimensions: UInt32 = 4
    /// Longest string accepted in a header (keys, names, values).
    static let maxStringBytes: UInt64 = 16 << 20
    /// Arrays may nest; deeper than this is refused.
    static let maxArrayDepth = 3

    /// ggml_type numbers and their names (ggml.h); numbers not listed are reported as `type-N`.
    static let typeNames: [UInt32: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1",
        10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K",
        16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS",
        24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16", 34: "TQ1_0", 35: "TQ2_0",
        39: "MXFP4",
    ]

    /// Bytes of one scalar of each metadata value type; 8 (STRING) and 9 (ARRAY) are variable.
    static let scalarSize: [UInt32: UInt64] = [0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8]

    /// Reads the header of one GGUF file.
    public static func inspect(_ source: ByteSource, path: String) throws -> ModelInfo {
        var reader = SequentialReader(source: source, path: path)
        do {
            guard try reader.u32("magic") == magic else { throw reader.fail("no GGUF magic") }
            let version = try reader.u32("version")
            guard version == 2 || version == 3 else {
                throw reader.fail("version \(version) is not supported (2 or 3)")
            }
            let tensorCount = try reader.u64("tensor count")
            let kvCount = try reader.u64("metadata count")
            // Each entry takes at least 13 bytes (key length, type, one byte); each tensor info 24.
            guard kvCount <= UInt64(reader.remaining) / 13 else {
                throw reader.fail("metadata count \(kvCount) cannot fit in the file")
            }
            guard tensorCount <= UInt64(reader.remaining) / 24 else {
                throw reader.fail("tensor count \(tensorCount) cannot fit in the file")
            }
            var architecture: String?
            var name: String?
            for _ in 0..<kvCount {
                let key = try string(&reader, what: "metadata key")
                let type = try reader.u32("value type of \(key)")
                if type == 8 && (key == "general.architecture" || key == "general.name") {
                    let value = try string(&reader, what: key)
                    if key == "general.architecture" { architecture = value } else { name = value }
                } else {
                    try skipValue(type, &reader, depth: 0, key: key)
                }
            }
            var dtypes: [String: Int64] = [:]
            var parameters: Int64 = 0
            for index in 0..<tensorCount {
                let tensorName = try string(&reader, what: "tensor \(index) name")
                let dimensions = try reader.u32("dimension count of \(tensorName)")
                guard dimensions <= maxDimensions else {
                    throw reader.fail("tensor '\(tensorName)' has \(dimensions) dimensions (at most \(maxDimensions))")
                }
                var shape: [UInt64] = []
                for _ in 0..<dimensions { shape.append(try reader.u64("dimension of \(tensorName)")) }
                let type = try reader.u32("type of \(tensorName)")
                _ = try reader.u64("offset of \(tensorName)")
                let elements = try Checked.product(shape) { reader.fail($0) }
                let typeName = typeNames[type] ?? "type-\(type)"
                parameters = try Checked.add(parameters, elements) { reader.fail($0) }
                dtypes[typeName] = try Checked.add(dtypes[typeName] ?? 0, elements) { reader.fail($0) }
            }
            return ModelInfo(
                format: "gguf", parameters: parameters, dtypes: dtypes, tensors: Int(tensorCount),
                architecture: architecture, name: name, files: 1)
        } catch let error as ModelFileError where !error.reason.hasPrefix("not a valid GGUF file") {
            throw ModelFileError(path: path, reason: "not a valid GGUF file: " + error.reason)
        }
    }

    private static func string(_ reader: inout SequentialReader, what: String) throws -> String {
        let length = try reader.u64("length of \(what)")
        guard length <= maxStringBytes else {
            throw reader.fail("\(what) claims \(length) bytes (at most \(maxStringBytes))")
        }
        return String(decoding: try reader.bytes(Int(length), what: what), as: UTF8.self)
    }

    private static func skipValue(_ type: UInt32, _ reader: inout SequentialReader, depth: Int, key: String) throws {
        if let size = scalarSize[type] { return try reader.skip(size, what: "value of \(key)") }
        switch type {
        case 8:
            let length = try reader.u64("string length in \(key)")
            try reader.skip(length, what: "string in \(key)")
        case 9:
            guard depth < maxArrayDepth else { throw reader.fail("arrays in \(key) nest deeper than \(maxArrayDepth)") }
            let elementType = try reader.u32("array type of \(key)")
            let count = try reader.u64("array length of \(key)")
            if let size = scalarSize[elementType] {
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { throw reader.fail("array \(key) claims \(count) elements") }
                try reader.skip(bytes, what: "array \(key)")
            } else {
                guard elementType == 8 || elementType == 9 else {
                    throw reader.fail("array \(key) has unknown element type \(elementType)")
                }
                // A string or array element takes at least 8 bytes.
                guard count <= UInt64(max(reader.remaining, 0)) / 8 else {
                    throw reader.fail("array \(key) claims \(count) elements, more than fit")
                }
                for _ in 0..<count { try skipValue(elementType, &reader, depth: depth + 1, key: key) }
            }
        default:
            throw reader.fail("metadata \(key) has unknown value type \(type)")
        }
    }
}
