import LedgerCore

/// The safetensors header: an 8-byte little-endian length, then that many bytes of JSON mapping
/// tensor names to `{dtype, shape, data_offsets}` (and an optional `__metadata__` of strings).
/// https://github.com/huggingface/safetensors — format section.
public enum Safetensors {
    /// Largest header accepted (the reference implementation's limit is 100 MB).
    public static let maxHeaderBytes: UInt64 = 100_000_000

    /// Bits per element of each dtype the format defines.
    static let bitsPerElement: [String: UInt64] = [
        "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8,
        "I16": 16, "U16": 16, "F16": 16, "BF16": 16,
        "I32": 32, "U32": 32, "F32": 32, "C64": 64,
        "I64": 64, "U64": 64, "F64": 64,
        "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
    ]

    /// One tensor as the header lists it.
    struct Tensor {
        let name: String
        let dtype: String
        let elements: Int64
    }

    /// What one file's header holds, checked.
    struct Header {
        let tensors: [Tensor]
        let architecture: String?
    }

    /// Reads the header of one safetensors file.
    public static func inspect(_ source: ByteSource, path: String) throws -> ModelInfo {
        let header = try read(source, path: path)
        var dtypes: [String: Int64] = [:]
        var parameters: Int64 = 0
        let fail = { (reason: String) in ModelFileError(path: path, reason: "not a valid safetensors file: \(reason)") }
        for tensor in header.tensors {
            parameters = try Checked.add(parameters, tensor.elements, fail)
            dtypes[tensor.dtype] = try Checked.add(dtypes[tensor.dtype] ?? 0, tensor.elements, fail)
        }
        return ModelInfo(
            format: "safetensors", parameters: parameters, dtypes: dtypes, tensors: header.tensors.count,
            architecture: header.architecture, name: nil, files: 1)
    }

    /// The checked header of one safetensors file: every tensor's name, dtype and element count.
    static func read(_ source: ByteSource, path: String) throws -> Header {
        func fail(_ reason: String) -> ModelFileError {
            ModelFileError(path: path, reason: "not a valid safetensors file: \(reason)")
        }
        guard source.size >= 8 else {
            throw fail("truncated: \(source.size) bytes, shorter than the 8-byte header length")
        }
        let length = try source.read(at: 0, count: 8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length >= 2 else { throw fail("header length \(length) is too small for a JSON object") }
        guard length <= maxHeaderBytes else {
            throw fail("header length \(length) exceeds the \(maxHeaderBytes)-byte limit")
        }
        guard length <= UInt64(source.size - 8) else {
            throw fail("header length \(length) exceeds the \(source.size - 8) bytes after it (truncated)")
        }
        let headerBytes = try source.read(at: 8, count: Int(length))
        let dataSize = UInt64(source.size - 8) - length
        let header: JSONValue
        do {
            header = try JSONParser.parse(headerBytes)
        } catch {
            throw fail("header is not valid JSON (\(error))")
        }
        guard case .object(let members) = header else { throw fail("header is not a JSON object") }
        var tensors: [Tensor] = []
        var ranges: [(begin: UInt64, end: UInt64, name: String)] = []
        var architecture: String?
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            if name == "__metadata__" {
                guard case .object(let metadata) = value, metadata.values.allSatisfy({ $0.stringValue != nil }) else {
                    throw fail("__metadata__ must be an object of strings")
                }
                architecture = metadata["architecture"]?.stringValue
                continue
            }
            guard case .object(let tensor) = value else { throw fail("tensor '\(name)' is not an object") }
            guard let dtype = tensor["dtype"]?.stringValue, let bits = bitsPerElement[dtype] else {
                throw fail(
                    "tensor '\(name)' has no known dtype (\(bitsPerElement.keys.sorted().joined(separator: ", ")))")
            }
            guard case .array(let shapeValues)? = tensor["shape"] else {
                throw fail("tensor '\(name)' has no shape array")
            }
            let shape = try shapeValues.map { value -> UInt64 in
                guard let number = value.numberValue, number >= 0, number <= 9_007_199_254_740_991,
                    number == number.rounded()
                else {
                    throw fail("tensor '\(name)' has a shape entry that is not a non-negative integer")
                }
                return UInt64(number)
            }
            guard case .array(let offsets)? = tensor["data_offsets"], offsets.count == 2,
                let begin = offsets[0].numberValue, let end = offsets[1].numberValue,
                begin >= 0, end >= begin, begin == begin.rounded(), end == end.rounded(), end <= Double(dataSize)
            else {
                throw fail(
                    "tensor '\(name)' has data_offsets that are not [begin, end] within the \(dataSize) data bytes")
            }
            let elements = try Checked.product(shape, fail)
            let (bitCount, overflow) = UInt64(elements).multipliedReportingOverflow(by: bits)
            guard !overflow, (bitCount + 7) / 8 == UInt64(end) - UInt64(begin) else {
                throw fail(
                    "tensor '\(name)': shape \(shape) of \(dtype) does not match its \(UInt64(end) - UInt64(begin)) "
                        + "data bytes"
                )
            }
            tensors.append(Tensor(name: name, dtype: dtype, elements: elements))
            ranges.append((UInt64(begin), UInt64(end), name))
        }
        ranges.sort { $0.begin != $1.begin ? $0.begin < $1.begin : $0.end < $1.end }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.begin < previous.end {
            throw fail("tensors '\(previous.name)' and '\(next.name)' overlap in the data")
        }
        return Header(tensors: tensors, architecture: architecture)
    }
}
