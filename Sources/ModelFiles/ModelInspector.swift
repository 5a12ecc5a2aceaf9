import Foundation
import LedgerCore

/// Finds and reads the model headers of an artifact: a `.safetensors` or `.gguf` file, or a
/// directory holding a sharded safetensors model (`model.safetensors.index.json`), safetensors
/// files, or one GGUF file.
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
        if members.contains("model.safetensors.index.json") {
            return try sharded(index: base + "model.safetensors.index.json", base: base)
        }
        let safetensors = members.filter { $0.hasSuffix(".safetensors") }
        if !safetensors.isEmpty {
            return ModelInfo.combine(
                try safetensors.map { try Safetensors.inspect(FileSource(path: base + $0), path: base + $0) })
        }
        let gguf = members.filter { $0.hasSuffix(".gguf") }
        if gguf.count == 1 { return try GGUF.inspect(FileSource(path: base + gguf[0]), path: base + gguf[0]) }
        return nil
    }

    static func inspectFile(_ path: String) throws -> ModelInfo? {
        if path.hasSuffix(".safetensors") { return try Safetensors.inspect(FileSource(path: path), path: path) }
        if path.hasSuffix(".gguf") { return try GGUF.inspect(FileSource(path: path), path: path) }
        // Unnamed files: recognise GGUF by its magic; safetensors has none to check.
        let source = try FileSource(path: path)
        if source.size >= 4, try source.read(at: 0, count: 4) == Array("GGUF".utf8) {
            return try GGUF.inspect(source, path: path)
        }
        return nil
    }

    /// A sharded safetensors model: the shards its index's `weight_map` names, added up.
    static func sharded(index: String, base: String) throws -> ModelInfo? {
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
        return ModelInfo.combine(
            try shards.sorted().map { try Safetensors.inspect(FileSource(path: base + $0), path: base + $0) })
    }
}
