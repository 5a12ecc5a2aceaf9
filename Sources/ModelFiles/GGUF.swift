import LedgerCore

/// The GGUF header (versions 2 and 3, little- or big-endian): magic, version, tensor and metadata
/// counts, metadata key/values, then tensor infos (name, dimensions, ggml type, offset); the tensor
/// data follows, aligned to `general.alignment` (32 by default). Every tensor's extent is checked
/// against the file: a truncated file is refused as truncated.
/// https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
public enum GGUF {
    /// "GGUF" as it starts every file, whatever its byte order.
    static let magic: [UInt8] = Array("GGUF".utf8)
    /// GGML_MAX_DIMS.
    static let maxDimensions: UInt32 = 4
    /// Longest string accepted in a header (keys, names, values).
    static let maxStringBytes: UInt64 = 16 << 20
    /// Arrays may nest; deeper than this is refused.
    static let maxArrayDepth = 3
    /// The data alignment when `general.alignment` is absent.
    static let defaultAlignment: UInt64 = 32

    /// Bytes of one scalar of each metadata value type; 8 (STRING) and 9 (ARRAY) are variable.
    static let scalarSize: [UInt32: UInt64] = [0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8]

    /// What one file's header says besides its tensors.
    struct Metadata {
        var architecture: String?
        var name: String?
        var alignment = GGUF.defaultAlignment
        var expertCount: Int64?
        var expertsUsed: Int64?
        var splitCount: Int64?
    }

    /// Reads the header of one GGUF file and checks every tensor's extent against its size.
    public static func inspect(_ source: ByteSource, path: String) throws -> ModelInfo {
        var reader = SequentialReader(source: source, path: path)
        do {
            guard try reader.bytes(4, what: "magic") == magic else { throw reader.fail("no GGUF magic") }
            let raw = try reader.bytes(4, what: "version")
            let little = raw.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let big = raw.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard [2, 3].contains(little) || [2, 3].contains(big) else {
                throw reader.fail("version \(little) is not supported (2 or 3, either byte order)")
            }
            reader.bigEndian = ![2, 3].contains(little)
            let tensorCount = try reader.u64("tensor count")
            let kvCount = try reader.u64("metadata count")
            // Each entry takes at least 13 bytes (key length, type, one byte); each tensor info 24.
            guard kvCount <= UInt64(reader.remaining) / 13 else {
                throw reader.fail("metadata count \(kvCount) cannot fit in the file")
            }
            guard tensorCount <= UInt64(reader.remaining) / 24 else {
                throw reader.fail("tensor count \(tensorCount) cannot fit in the file")
            }
            var metadata = Metadata()
            for _ in 0..<kvCount { try readEntry(&reader, into: &metadata) }
            guard metadata.alignment > 0, metadata.alignment <= 1 << 20,
                metadata.alignment & (metadata.alignment - 1) == 0
            else { throw reader.fail("general.alignment \(metadata.alignment) is not a power of two up to 1 MiB") }
            let tensors = try (0..<tensorCount).map { try tensorInfo(&reader, index: $0) }
            return try summary(tensors, metadata, dataStart: reader.offset, reader: reader)
        } catch let error as ModelFileError where !error.reason.hasPrefix("not a valid GGUF file") {
            throw ModelFileError(path: path, reason: "not a valid GGUF file: " + error.reason)
        }
    }

    struct TensorInfo {
        let name: String
        let elements: Int64
        let firstDimension: UInt64
        let type: UInt32
        let offset: UInt64
    }

    static func tensorInfo(_ reader: inout SequentialReader, index: UInt64) throws -> TensorInfo {
        let name = try string(&reader, what: "tensor \(index) name")
        let dimensions = try reader.u32("dimension count of \(name)")
        guard dimensions <= maxDimensions else {
            throw reader.fail("tensor '\(name)' has \(dimensions) dimensions (at most \(maxDimensions))")
        }
        var shape: [UInt64] = []
        for _ in 0..<dimensions { shape.append(try reader.u64("dimension of \(name)")) }
        let type = try reader.u32("type of \(name)")
        let offset = try reader.u64("offset of \(name)")
        let elements = try Checked.product(shape) { reader.fail($0) }
        return TensorInfo(name: name, elements: elements, firstDimension: shape.first ?? 1, type: type, offset: offset)
    }

    /// Parameters and types, each tensor's bytes checked to lie inside the file; expert tensors
    /// (`*_exps`) count `expert_used_count / expert_count` towards the active parameters.
    static func summary(
        _ tensors: [TensorInfo], _ metadata: Metadata, dataStart: Int64, reader: SequentialReader
    ) throws -> ModelInfo {
        let alignment = metadata.alignment
        let start = (UInt64(dataStart) + alignment - 1) / alignment * alignment
        var dtypes: [String: Int64] = [:]
        var parameters: Int64 = 0
        var expertElements: Int64 = 0
        for tensor in tensors {
            let layout = GGUFTypes.table[tensor.type]
            let typeName = layout?.name ?? "type-\(tensor.type)"
            parameters = try Checked.add(parameters, tensor.elements) { reader.fail($0) }
            dtypes[typeName] = try Checked.add(dtypes[typeName] ?? 0, tensor.elements) { reader.fail($0) }
            if tensor.name.contains("_exps") {
                expertElements = try Checked.add(expertElements, tensor.elements) { reader.fail($0) }
            }
            guard tensor.offset % alignment == 0 else {
                throw reader.fail("tensor '\(tensor.name)' starts at \(tensor.offset), not a multiple of \(alignment)")
            }
            // A type this table does not know cannot be sized: only its start is checked.
            guard let layout else { continue }
            guard tensor.firstDimension % layout.block == 0 else {
                throw reader.fail(
                    "tensor '\(tensor.name)' of \(layout.name) has a first dimension of \(tensor.firstDimension), "
                        + "not a multiple of its block of \(layout.block)")
            }
            let (blocks, size) = (UInt64(tensor.elements) / layout.block, layout.bytes)
            let (bytes, overflow) = blocks.multipliedReportingOverflow(by: size)
            let (end, past) = (start + tensor.offset).addingReportingOverflow(bytes)
            guard !overflow, !past, end <= UInt64(reader.source.size) else {
                let needed = overflow || past ? "beyond 2^64" : "\(end)"
                throw reader.fail(
                    "truncated: tensor '\(tensor.name)' needs bytes up to \(needed), the file has \(reader.source.size)"
                )
            }
        }
        var active: Int64?
        if let count = metadata.expertCount, let used = metadata.expertsUsed, count > 0, used > 0, used <= count,
            expertElements > 0
        {
            let share = expertElements.multipliedReportingOverflow(by: used)
            guard !share.overflow else { throw reader.fail("expert parameters overflow") }
            active = parameters - expertElements + share.partialValue / count
        }
        return ModelInfo(
            format: "gguf", parameters: parameters, dtypes: dtypes, tensors: tensors.count,
            architecture: metadata.architecture, name: metadata.name, files: 1, activeParameters: active,
            experts: metadata.expertCount.map { Int($0) }, expertsUsed: metadata.expertsUsed.map { Int($0) },
            splitCount: metadata.splitCount.map { Int($0) })
    }

    /// One metadata entry: the keys the ledger reads are kept, the rest skipped.
    static func readEntry(_ reader: inout SequentialReader, into metadata: inout Metadata) throws {
        let key = try string(&reader, what: "metadata key")
        let type = try reader.u32("value type of \(key)")
        switch key {
        case "general.architecture" where type == 8: metadata.architecture = try string(&reader, what: key)
        case "general.name" where type == 8: metadata.name = try string(&reader, what: key)
        case "general.alignment": metadata.alignment = UInt64(try integer(&reader, type: type, key: key))
        case "split.count": metadata.splitCount = try integer(&reader, type: type, key: key)
        case _ where key.hasSuffix(".expert_count"): metadata.expertCount = try integer(&reader, type: type, key: key)
        case _ where key.hasSuffix(".expert_used_count"):
            metadata.expertsUsed = try integer(&reader, type: type, key: key)
        default: try skipValue(type, &reader, depth: 0, key: key)
        }
    }

    /// An unsigned or non-negative integer value (u8 … u64, i8 … i64).
    static func integer(_ reader: inout SequentialReader, type: UInt32, key: String) throws -> Int64 {
        let value: Int64
        switch type {
        case 0: value = Int64(try reader.bytes(1, what: key)[0])
        case 1: value = Int64(Int8(bitPattern: try reader.bytes(1, what: key)[0]))
        case 2: value = Int64(try reader.u16(key))
        case 3: value = Int64(Int16(bitPattern: try reader.u16(key)))
        case 4: value = Int64(try reader.u32(key))
        case 5: value = Int64(Int32(bitPattern: try reader.u32(key)))
        case 10, 11:
            let raw = try reader.u64(key)
            guard raw <= UInt64(Int64.max) else { throw reader.fail("\(key) is \(raw), too large") }
            value = Int64(raw)
        default: throw reader.fail("\(key) has value type \(type), not an integer")
        }
        guard value >= 0 else { throw reader.fail("\(key) is \(value), negative") }
        return value
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
