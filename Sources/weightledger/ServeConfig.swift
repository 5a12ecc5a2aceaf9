import Foundation
import LedgerCore
import LedgerRender
import Yams

/// What `weightledger serve` is told, from its flags or from `--config FILE` (YAML read with Yams):
/// every setting is optional here; a flag given on the command line wins over the file, the file
/// over the environment and the defaults (docs/operations.md lists the keys).
struct ServeConfig: Equatable {
    var host: String?
    var port: Int?
    var sign: String?
    var origin: String?
    var logRequests: Bool?
    var logFormat: String?
    var maxBody: Int?
    var secureCookies: Bool?
    var auditRoots: [String]?
    var idleTimeout: Double?
    var headerTimeout: Double?
    var bodyTimeout: Double?
    var maxConnections: Int?
    var trustForwardedFor: Bool?
    var allowedOrigins: [String]?
    var policyDir: String?
    var ledger: String?
    var database: String?
    var actor: String?

    /// The keys a file may hold: the flags' names without their dashes.
    static let keys = [
        "host", "port", "sign", "origin", "log-requests", "log-format", "max-body", "secure-cookies", "audit-roots",
        "idle-timeout", "header-timeout", "body-timeout", "max-connections", "trust-forwarded-for", "allowed-origin",
        "policy-dir", "ledger", "database", "actor",
    ]

    /// Each setting of `flags` given, else this file's.
    func overridden(by flags: ServeConfig) -> ServeConfig {
        func pick<T>(_ path: WritableKeyPath<ServeConfig, T?>, _ merged: inout ServeConfig) {
            if let value = flags[keyPath: path] { merged[keyPath: path] = value }
        }
        var merged = self
        pick(\.host, &merged)
        pick(\.port, &merged)
        pick(\.sign, &merged)
        pick(\.origin, &merged)
        pick(\.logRequests, &merged)
        pick(\.logFormat, &merged)
        pick(\.maxBody, &merged)
        pick(\.secureCookies, &merged)
        pick(\.auditRoots, &merged)
        pick(\.idleTimeout, &merged)
        pick(\.headerTimeout, &merged)
        pick(\.bodyTimeout, &merged)
        pick(\.maxConnections, &merged)
        pick(\.trustForwardedFor, &merged)
        pick(\.allowedOrigins, &merged)
        pick(\.policyDir, &merged)
        pick(\.actor, &merged)
        // The ledger is one setting spelt two ways: a flag naming either replaces the file's.
        if flags.ledger != nil || flags.database != nil {
            merged.ledger = flags.ledger
            merged.database = flags.database
        }
        return merged
    }

    /// The settings in the file at `path`: a YAML mapping of the keys above. Refused, naming the
    /// file and the key: anything that is not such a mapping, an unknown key (a misspelt setting
    /// must not be ignored), a value of the wrong kind.
    static func load(path: String) throws -> ServeConfig {
        let name = SafeText.line(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
            throw InputError("--config \(name): \(reason)")
        }
        guard data.count <= 1 << 20 else { throw InputError("--config \(name): larger than 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("--config \(name): not UTF-8 text")
        }
        return try parse(text, name: name)
    }

    /// The settings in `text` (YAML), named `name` in errors.
    static func parse(_ text: String, name: String) throws -> ServeConfig {
        // Composed, not loaded: aliases are never expanded into values.
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            let said = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw InputError("--config \(name): not valid YAML (\(SafeText.line(said)))")
        }
        guard let root else { return ServeConfig() }
        guard let mapping = root.mapping else {
            throw InputError("--config \(name): expected a mapping of settings (key: value), one per line")
        }
        var config = ServeConfig()
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw InputError("--config \(name): every key must be a setting's name")
            }
            guard keys.contains(key) else {
                throw InputError(
                    "--config \(name): unknown setting '\(SafeText.line(key))' (known: \(keys.joined(separator: ", ")))"
                )
            }
            guard seen.insert(key).inserted else { throw InputError("--config \(name): '\(key)' is set twice") }
            let reader = ValueReader(file: name, key: key, node: value)
            switch key {
            case "host": config.host = try reader.string()
            case "port": config.port = try reader.integer()
            case "sign": config.sign = try reader.string()
            case "origin": config.origin = try reader.string()
            case "log-requests": config.logRequests = try reader.bool()
            case "log-format": config.logFormat = try reader.string()
            case "max-body": config.maxBody = try reader.integer()
            case "secure-cookies": config.secureCookies = try reader.bool()
            case "audit-roots": config.auditRoots = try reader.strings()
            case "idle-timeout": config.idleTimeout = try reader.number()
            case "header-timeout": config.headerTimeout = try reader.number()
            case "body-timeout": config.bodyTimeout = try reader.number()
            case "max-connections": config.maxConnections = try reader.integer()
            case "trust-forwarded-for": config.trustForwardedFor = try reader.bool()
            case "allowed-origin": config.allowedOrigins = try reader.strings()
            case "policy-dir": config.policyDir = try reader.string()
            case "ledger": config.ledger = try reader.string()
            case "database": config.database = try reader.string()
            default: config.actor = try reader.string()
            }
        }
        if config.ledger != nil, config.database != nil {
            throw InputError("--config \(name): set ledger or database, not both")
        }
        return config
    }

    /// One value of the file, read as its setting's kind.
    private struct ValueReader {
        let file: String
        let key: String
        let node: Node

        private func wrong(_ expected: String) -> InputError {
            InputError("--config \(file): '\(key)' must be \(expected)")
        }

        /// A plain scalar (not quoted) as YAML 1.2's core schema reads it: numbers and booleans.
        private var plain: String? {
            guard let scalar = node.scalar, scalar.style == .plain else { return nil }
            return scalar.string
        }

        func string() throws -> String {
            guard let scalar = node.scalar, !scalar.string.isEmpty else { throw wrong("a non-empty string") }
            guard !scalar.string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw wrong("a string without control characters")
            }
            return scalar.string
        }

        func integer() throws -> Int {
            guard let text = plain, let value = Int(text) else { throw wrong("a whole number") }
            return value
        }

        func number() throws -> Double {
            guard let text = plain, let value = Double(text), value.isFinite else { throw wrong("a number") }
            return value
        }

        func bool() throws -> Bool {
            switch plain {
            case "true": return true
            case "false": return false
            default: throw wrong("true or false")
            }
        }

        /// A list of strings, or one string.
        func strings() throws -> [String] {
            if node.scalar != nil { return [try string()] }
            guard let sequence = node.sequence else { throw wrong("a string or a list of strings") }
            return try sequence.map { try ValueReader(file: file, key: key, node: $0).string() }
        }
    }
}
