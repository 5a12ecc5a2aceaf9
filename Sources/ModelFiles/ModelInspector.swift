import Foundation
import LedgerCore

/// Finds and reads the model headers of an artifact: a safetensors or GGUF file (by extension or
/// by content), or a directory holding a sharded safetensors model (`model.safetensors.index.json`),
/// safetensors files (a precision variant of another counted once), one GGUF file, or every part
/// of a split GGUF (`-0000N-of-0000M.gguf`).
public enum ModelInspector {
    /// The model facts of the file or directory at `path`, or nil when it holds no model file.
    /// `files` are the directory's relative paths (as hashed); a bad header is an error.
    public static func inspect(path: String, files: [String]? = nil) throws -> ModelInfo? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFileError(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return try inspectFile(path) }
        let members = try files ?? (FileManager.default.subpathsOfDirectory(atPath: path)).sorted()
        let base = path.hasSuffix("/") ? path : path + "/"
        try checkExternalData(members, base: base)
        let config = members.contains("config.json") ? HFModelFolder.config(base + "config.json") : nil
        var counted: [String]
        var skipped: [String] = []
        if members.contains("model.safetensors.index.json") {
            counted = try shards(index: base + "model.safetensors.index.json")
        } else {
            (counted, skipped) = Variants.split(members.filter { $0.hasSuffix(".safetensors") })
        }
        if !counted.isEmpty {
            if let config {
                let headers = try counted.map { try Safetensors.read(FileSource(path: base + $0), path: base + $0) }
                return try HFModelFolder.summary(headers, config: config, path: path).with(skippedVariants: skipped)
            }
            guard
                let combined = ModelInfo.combine(
                    try counted.map { try Safetensors.inspect(FileSource(path: base + $0), path: base + $0) })
            else { return nil }
            return combined.with(skippedVariants: skipped)
        }
        let gguf = members.filter { $0.hasSuffix(".gguf") }
        if gguf.count == 1 { return try GGUF.inspect(FileSource(path: base + gguf[0]), path: base + gguf[0]) }
        if gguf.count > 1, let parts = try SplitGGUF.parts(gguf, base: base) {
            return ModelInfo.combine(try parts.map { try GGUF.inspect(FileSource(path: base + $0), path: base + $0) })
        }
        return nil
    }

    static func inspectFile(_ path: String) throws -> ModelInfo? {
        if path.hasSuffix(".onnx") {
            let external = try ONNX.externalData(FileSource(path: path), path: path)
            guard external.isEmpty else {
                throw ModelFileError(
                    path: path,
                    reason: "keeps its weights in \(external.joined(separator: ", ")) (ONNX external data), which is "
                        + "not part of this artifact: register the folder that holds the model and its data")
            }
            return nil
        }
        if path.hasSuffix(".safetensors") { return try Safetensors.inspect(FileSource(path: path), path: path) }
        if path.hasSuffix(".gguf") { return try GGUF.inspect(FileSource(path: path), path: path) }
        // Unnamed files (`.sft`, a blob in a cache): recognise GGUF by its magic, safetensors by an
        // 8-byte header length followed by a JSON object; a file that only looks like one is no model.
        let source = try FileSource(path: path)
        guard source.size >= 10 else { return nil }
        let start = try source.read(at: 0, count: 9)
        if Array(start[0..<4]) == Array("GGUF".utf8) { return try GGUF.inspect(source, path: path) }
        let length = start[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if start[8] == UInt8(ascii: "{"), length >= 2, length <= Safetensors.maxHeaderBytes,
            length <= UInt64(source.size) - 8
        {
            return try? Safetensors.inspect(source, path: path)
        }
        return nil
    }

    /// Every ONNX model in a folder must find the external data it names inside the folder.
    static func checkExternalData(_ members: [String], base: String) throws {
        let present = Set(members)
        for model in members where model.hasSuffix(".onnx") {
            for location in try ONNX.externalData(FileSource(path: base + model), path: base + model) {
                guard let file = ONNX.resolve(location, besides: model), present.contains(file) else {
                    throw ModelFileError(
                        path: base + model,
                        reason: "names external data \(location), which is not a file of this artifact (absolute, "
                            + "outside the folder, left out or missing)")
                }
            }
        }
    }

    /// The shards a sharded safetensors model's index (`weight_map`) names, sorted.
    static func shards(index: String) throws -> [String] {
        func fail(_ reason: String) -> ModelFileError { ModelFileError(path: index, reason: reason) }
        let source = try FileSource(path: index)
        guard source.size <= 64 << 20 else { throw fail("index larger than 64 MiB") }
        let json: JSONValue
        do { json = try JSONParser.parse(try source.read(at: 0, count: Int(source.size))) } catch let error
            as ModelFileError
        { throw error } catch {
            throw fail("not valid JSON (\(error))")
        }
        guard case .object(let map)? = json["weight_map"] else { throw fail("no weight_map object") }
        var shards: Set<String> = []
        for (tensor, file) in map {
            guard let file = file.stringValue, !file.isEmpty, !file.contains("/"), file != ".." else {
                throw fail("weight_map entry '\(tensor)' does not name a shard file in the same directory")
            }
            shards.insert(file)
        }
        return shards.sorted()
    }
}

/// Precision variants: `name.VARIANT.safetensors` beside `name.safetensors` in the same folder (the
/// Hugging Face and diffusers convention, e.g. `model.fp16.safetensors`) holds the same weights.
enum Variants {
    /// The files to count and the variants left out, both sorted.
    static func split(_ files: [String]) -> (counted: [String], skipped: [String]) {
        let all = Set(files)
        var counted: [String] = []
        var skipped: [String] = []
        for file in files.sorted() {
            let stem = String(file.dropLast(".safetensors".count))
            if let dot = stem.lastIndex(of: "."), !stem[stem.index(after: dot)...].contains("/"),
                all.contains(String(stem[..<dot]) + ".safetensors")
            {
                skipped.append(file)
            } else {
                counted.append(file)
            }
        }
        return (counted, skipped)
    }
}

/// The parts of a split GGUF (`NAME-00001-of-00003.gguf` …), in order, when the folder holds
/// exactly one complete split model; a missing part is an error.
enum SplitGGUF {
    static func parts(_ files: [String], base: String) throws -> [String]? {
        let pattern = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/
        var groups: [String: [(index: Int, count: Int, file: String)]] = [:]
        for file in files {
            guard let match = file.wholeMatch(of: pattern), let index = Int(match.2), let count = Int(match.3) else {
                return nil
            }
            groups[String(match.1), default: []].append((index, count, file))
        }
        guard groups.count == 1, let (name, members) = groups.first else { return nil }
        let count = members[0].count
        let indexes = Set(members.map(\.index))
        guard members.allSatisfy({ $0.count == count }), indexes == Set(1...max(count, 1)) else {
            let missing = Set(1...max(count, 1)).subtracting(indexes).sorted().map { String($0) }
            throw ModelFileError(
                path: base + name,
                reason: "split GGUF of \(count) parts is incomplete (missing part \(missing.joined(separator: ", ")))")
        }
        return members.sorted { $0.index < $1.index }.map(\.file)
    }
}

extension ModelInfo {
    /// The same facts with the precision variants left out of the count.
    func with(skippedVariants: [String]) -> ModelInfo {
        ModelInfo(
            format: format, parameters: parameters, dtypes: dtypes, tensors: tensors, architecture: architecture,
            name: name, files: files, activeParameters: activeParameters, experts: experts, expertsUsed: expertsUsed,
            splitCount: splitCount, skippedVariants: skippedVariants, quantization: quantization)
    }
}
