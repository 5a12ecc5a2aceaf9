import Foundation
import Hashing
import LedgerCore
import LedgerPolicy

/// A pack as loaded: the pack, where it came from, and the digest evaluations record.
public struct LoadedPack: Sendable {
    /// The pack as parsed and checked.
    public let pack: PolicyPack
    /// `built-in:FILE` or the file's path.
    public let source: String
    /// `sha256:` of the pack's canonical JSON (RFC 8785): the same rules give the same digest
    /// whatever the whitespace or key order of the file.
    public let digest: String
    /// The built-in pack this one replaces, when an organisation's file uses a built-in id.
    public let overrides: Bool
    /// The pack document as parsed, for `policy show --json`.
    public let document: JSONValue
}

extension LoadedPack {
    init(pack: PolicyPack, source: String, bytes: [UInt8], overrides: Bool) throws {
        let document = try JSONParser.parse(bytes)
        self.init(
            pack: pack, source: source, digest: "sha256:" + (try SHA256.hash(CanonicalJSON.bytes(of: document))).hex,
            overrides: overrides, document: document)
    }
}

/// The packs in effect: the built-ins, with an organisation's directory added or overriding by id.
public struct PolicyLibrary: Sendable {
    /// Every pack, by id.
    public let packs: [LoadedPack]

    /// `--policy-dir`, else `$WEIGHTLEDGER_POLICY_DIR`, else none.
    public static func directory(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["WEIGHTLEDGER_POLICY_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return nil
    }

    /// Loads the built-ins and every `*.json` in `directory`. A bad pack, an unreadable directory
    /// or two files with one id refuse the whole load: evaluating with a silently missing pack
    /// would report "clear" where a rule applies.
    public static func load(directory: String?) throws -> PolicyLibrary {
        var byID: [String: LoadedPack] = [:]
        for document in BuiltinPacks.all {
            let pack = try PolicyPack.parse(document.bytes, source: document.source)
            byID[pack.id] = try LoadedPack(pack: pack, source: document.source, bytes: document.bytes, overrides: false)
        }
        if let directory {
            var fromDirectory: [String: String] = [:]
            for path in try packFiles(in: directory) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError("policy pack \(path): cannot read the file")
                }
                let bytes = [UInt8](data)
                let pack = try PolicyPack.parse(bytes, source: path)
                if let earlier = fromDirectory[pack.id] {
                    throw InputError(
                        "policy pack \(path): id '\(pack.id)' is already used by \(earlier); each pack id once per "
                            + "directory"
                    )
                }
                fromDirectory[pack.id] = path
                byID[pack.id] = try LoadedPack(pack: pack, source: path, bytes: bytes, overrides: byID[pack.id] != nil)
            }
        }
        return PolicyLibrary(packs: byID.values.sorted { $0.pack.id < $1.pack.id })
    }

    private static func packFiles(in directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("policy directory \(directory) does not exist or is not a directory")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw InputError("policy directory \(directory) cannot be read")
        }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map {
            (directory as NSString).appendingPathComponent($0)
        }
    }

    /// The packs named by `--policy` (all when none), refusing unknown ids.
    public func select(_ ids: [String]) throws -> [LoadedPack] {
        guard !ids.isEmpty else { return packs }
        return try ids.map { id in
            guard let pack = packs.first(where: { $0.pack.id == id }) else {
                throw InputError("no policy pack '\(id)' (known: \(packs.map(\.pack.id).joined(separator: ", ")))")
            }
            return pack
        }
    }

    /// One pack by id.
    public func pack(_ id: String) throws -> LoadedPack {
        try select([id])[0]
    }
}
