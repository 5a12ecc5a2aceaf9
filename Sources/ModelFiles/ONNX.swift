import LedgerCore

/// The external-data references of an ONNX model (a protobuf `ModelProto`): tensors whose
/// `data_location` is EXTERNAL name the file that holds their bytes in `external_data`
/// (`location`). The model file alone is then not the weights: registering it without that file
/// would record 144 bytes of graph as the model. Read front to back, skipping tensor payloads, so
/// a model with gigabytes of weights inside is never held in memory.
/// https://github.com/onnx/onnx/blob/main/onnx/onnx.proto
public enum ONNX {
    /// Subgraphs (If, Loop, Scan bodies) nest; deeper than this is refused.
    static let maxDepth = 32

    /// Every distinct `location` an external tensor names, in the order first seen.
    public static func externalData(_ source: ByteSource, path: String) throws -> [String] {
        var reader = SequentialReader(source: source, path: path)
        var found: [String] = []
        do {
            try message(&reader, end: source.size, depth: 0, kind: .model, found: &found)
        } catch let error as ModelFileError {
            throw ModelFileError(path: path, reason: "not a valid ONNX model: " + error.reason)
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    /// The messages that can hold tensors, and which of their fields lead to one.
    enum Kind {
        case model, graph, node, attribute, tensor, sparseTensor, entry

        /// The message a length-delimited field of this message holds, if it is one to descend into.
        func child(_ field: UInt64) -> Kind? {
            switch (self, field) {
            case (.model, 7): return .graph  // ModelProto.graph
            case (.graph, 1): return .node  // GraphProto.node
            case (.graph, 5): return .tensor  // GraphProto.initializer
            case (.graph, 15): return .sparseTensor  // GraphProto.sparse_initializer
            case (.node, 5): return .attribute  // NodeProto.attribute
            case (.attribute, 5), (.attribute, 10): return .tensor  // AttributeProto.t, .tensors
            case (.attribute, 6), (.attribute, 11): return .graph  // AttributeProto.g, .graphs
            case (.attribute, 22), (.attribute, 23): return .sparseTensor  // sparse_tensor(s)
            case (.sparseTensor, 1), (.sparseTensor, 2): return .tensor  // values, indices
            case (.tensor, 13): return .entry  // TensorProto.external_data
            default: return nil
            }
        }
    }

    static func message(
        _ reader: inout SequentialReader, end: Int64, depth: Int, kind: Kind, found: inout [String]
    ) throws {
        guard depth <= maxDepth else { throw reader.fail("messages nest deeper than \(maxDepth)") }
        var location: String?
        var external = false
        var (key, value): (String?, String?) = (nil, nil)
        while reader.offset < end {
            let tag = try varint(&reader)
            let (field, wire) = (tag >> 3, tag & 7)
            guard field > 0 else { throw reader.fail("field number 0") }
            switch wire {
            case 0:
                let number = try varint(&reader)
                if kind == .tensor && field == 14 { external = number == 1 }  // data_location EXTERNAL
            case 1: try reader.skip(8, what: "fixed64 field \(field)")
            case 5: try reader.skip(4, what: "fixed32 field \(field)")
            case 2:
                let length = try varint(&reader)
                guard length <= UInt64(end - reader.offset) else {
                    throw reader.fail("truncated: field \(field) claims \(length) bytes, \(end - reader.offset) remain")
                }
                let stop = reader.offset + Int64(length)
                if kind == .entry && (field == 1 || field == 2) {
                    guard length <= 4096 else { throw reader.fail("external_data entry longer than 4096 bytes") }
                    let text = String(decoding: try reader.bytes(Int(length), what: "external_data"), as: UTF8.self)
                    if field == 1 { key = text } else { value = text }
                } else if let child = kind.child(field) {
                    if child == .entry {
                        var entry: [String] = []
                        try message(&reader, end: stop, depth: depth + 1, kind: .entry, found: &entry)
                        if let first = entry.first { location = first }
                    } else {
                        try message(&reader, end: stop, depth: depth + 1, kind: child, found: &found)
                    }
                } else {
                    try reader.skip(length, what: "field \(field)")
                }
                guard reader.offset == stop else { throw reader.fail("field \(field) overruns its length") }
            default:
                throw reader.fail("wire type \(wire) of field \(field) is not one ONNX uses")
            }
        }
        guard reader.offset == end else { throw reader.fail("a message overruns its length") }
        if kind == .entry, key == "location", let value { found.append(value) }
        if kind == .tensor, external, let location { found.append(location) }
    }

    static func varint(_ reader: inout SequentialReader) throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let byte = try reader.bytes(1, what: "varint")[0]
            value |= UInt64(byte & 0x7f) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw reader.fail("varint longer than 10 bytes")
    }

    /// The file a `location` names, relative to the folder of the model that names it; nil when
    /// it is absolute or leaves that folder (`..`), which no artifact can hold.
    public static func resolve(_ location: String, besides model: String) -> String? {
        guard !location.isEmpty, !location.hasPrefix("/"), !location.contains("\\") else { return nil }
        var parts = model.split(separator: "/").dropLast().map(String.init)
        for part in location.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": return nil
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
