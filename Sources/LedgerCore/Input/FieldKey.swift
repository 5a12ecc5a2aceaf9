/// The name of one input field, in the JSON API's spelling: `trainedIn`, `compute.tokens`,
/// `files[0].size`.
///
/// Validation errors carry a key rather than a surface's spelling of it, so the rule that
/// refuses a value is written once and each surface names the field its own way: the CLI as an
/// option (`--trained-in`), the HTTP API as a JSON key (`trainedIn`).
public struct FieldKey: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Dotted path with `[index]` for array elements.
    public let path: String

    /// A key from its JSON path.
    public init(_ path: String) { self.path = path }

    /// A key from a literal path.
    public init(stringLiteral path: String) { self.path = path }

    /// A field inside this one: `compute` + `tokens` is `compute.tokens`.
    public func member(_ name: String) -> FieldKey { FieldKey(path + "." + name) }

    /// An element of this array field: `files` + 0 is `files[0]`.
    public func element(_ index: Int) -> FieldKey { FieldKey(path + "[\(index)]") }

    /// The first component: `compute` for `compute.tokens`, `files` for `files[0].size`.
    public var root: String { String(path.prefix { $0 != "." && $0 != "[" }) }

    /// The last component: `tokens` for `compute.tokens`.
    public var leaf: String {
        String(path.split(separator: ".").last.map { $0.prefix { $0 != "[" } } ?? Substring(path))
    }

    public var description: String { path }
}

extension FieldKey {
    // Registration: the bytes.
    public static let digest: FieldKey = "digest"
    public static let files: FieldKey = "files"
    public static let sizeBytes: FieldKey = "sizeBytes"
    public static let location: FieldKey = "location"
    // Registration: the facts.
    public static let names: FieldKey = "names"
    public static let kind: FieldKey = "kind"
    public static let parents: FieldKey = "parents"
    public static let trainedIn: FieldKey = "trainedIn"
    public static let site: FieldKey = "site"
    public static let compute: FieldKey = "compute"
    public static let published: FieldKey = "published"
    public static let publishedOn: FieldKey = "publishedOn"
    public static let started: FieldKey = "started"
    public static let finished: FieldKey = "finished"
    // Checks, deployments, reviews, audits.
    public static let artifact: FieldKey = "artifact"
    public static let to: FieldKey = "to"
    public static let on: FieldKey = "on"
    public static let recipient: FieldKey = "recipient"
    public static let license: FieldKey = "license"
    public static let policies: FieldKey = "policies"
    public static let rehash: FieldKey = "rehash"
    public static let maxBytes: FieldKey = "maxBytes"
    // Licenses.
    public static let authority: FieldKey = "authority"
    public static let number: FieldKey = "number"
    public static let artifacts: FieldKey = "artifacts"
    public static let destinations: FieldKey = "destinations"
    public static let validFrom: FieldKey = "validFrom"
    public static let validUntil: FieldKey = "validUntil"
    // Tokens.
    public static let name: FieldKey = "name"
    public static let role: FieldKey = "role"
}

extension FieldKey {
    /// The fields of one compute method, under `compute`.
    public enum Compute {
        public static let operations = FieldKey.compute.member("operations")
        public static let parameters = FieldKey.compute.member("parameters")
        public static let tokens = FieldKey.compute.member("tokens")
        public static let accelerator = FieldKey.compute.member("accelerator")
        public static let count = FieldKey.compute.member("count")
        public static let hours = FieldKey.compute.member("hours")
        public static let utilization = FieldKey.compute.member("utilization")
        public static let precision = FieldKey.compute.member("precision")
    }
}
