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

    public var description: String { path }
}

extension FieldKey {
    // Registration: the bytes.
    /// The artifact's `sha256:` digest.
    public static let digest: FieldKey = "digest"
    /// The files of a submitted artifact (`files[i].path`, `.size`, `.sha256`).
    public static let files: FieldKey = "files"
    /// The artifact's total size in bytes.
    public static let sizeBytes: FieldKey = "sizeBytes"
    /// Where the submitted bytes are stored.
    public static let location: FieldKey = "location"
    // Registration: the facts.
    /// Names to bind (`--name`).
    public static let names: FieldKey = "names"
    /// A training kind, or a deployment kind (`--kind`).
    public static let kind: FieldKey = "kind"
    /// What an artifact was made from (`--parent`).
    public static let parents: FieldKey = "parents"
    /// The country of training (`--trained-in`).
    public static let trainedIn: FieldKey = "trainedIn"
    /// The training site (`--site`).
    public static let site: FieldKey = "site"
    /// The compute object; its methods' fields are `FieldKey.Compute`.
    public static let compute: FieldKey = "compute"
    /// The publication URL (`--published`).
    public static let published: FieldKey = "published"
    /// The publication date (`--published-on`).
    public static let publishedOn: FieldKey = "publishedOn"
    /// The day training started (`--started`).
    public static let started: FieldKey = "started"
    /// The day training finished (`--finished`).
    public static let finished: FieldKey = "finished"
    // Checks, deployments, reviews, audits.
    /// The artifact a check, deployment or review is about (the CLI's reference).
    public static let artifact: FieldKey = "artifact"
    /// A destination country (`--to`).
    public static let to: FieldKey = "to"
    /// An evaluation or deployment date (`--on`).
    public static let on: FieldKey = "on"
    /// Who receives deployed weights (`--recipient`).
    public static let recipient: FieldKey = "recipient"
    /// The license a deployment relies on (`--license`).
    public static let license: FieldKey = "license"
    /// Pack ids to evaluate (`--policy`).
    public static let policies: FieldKey = "policies"
    /// What an audit re-hashes (`--rehash`).
    public static let rehash: FieldKey = "rehash"
    /// An audit's re-hash budget (`--max-bytes`).
    public static let maxBytes: FieldKey = "maxBytes"
    /// Which remote locations an audit may open (`--audit-roots`).
    public static let auditRoots: FieldKey = "auditRoots"
    /// A recorded location to remove or move (`location remove REF PATH`).
    public static let path: FieldKey = "path"
    // Licenses.
    /// A license's issuing authority (`--authority`).
    public static let authority: FieldKey = "authority"
    /// A license's number (`--number`).
    public static let number: FieldKey = "number"
    /// The artifacts a license covers (`--artifact`).
    public static let artifacts: FieldKey = "artifacts"
    /// The countries a license covers (`--to`).
    public static let destinations: FieldKey = "destinations"
    /// A license's first valid day (`--valid-from`).
    public static let validFrom: FieldKey = "validFrom"
    /// A license's last valid day (`--valid-until`).
    public static let validUntil: FieldKey = "validUntil"
    // Facts over time and organisations.
    /// Who made an artifact's step (`--developer`).
    public static let developer: FieldKey = "developer"
    /// Who ships deployed weights (`--exporter`).
    public static let exporter: FieldKey = "exporter"
    /// Why a fact was corrected or a publication withdrawn (`--reason`).
    public static let reason: FieldKey = "reason"
    /// Who approves a deployment (`approve --by`).
    public static let by: FieldKey = "by"
    /// What an approver notes (`approve --note`).
    public static let note: FieldKey = "note"
    /// The digest of the report an approver saw (`approve --report-digest`).
    public static let reportDigest: FieldKey = "reportDigest"
    /// An organisation's headquarters country (`--hq`).
    public static let headquarters: FieldKey = "headquarters"
    /// The organisation another belongs to (`--parent-org`).
    public static let parentOrganisation: FieldKey = "parentOrganisation"
    /// A year's revenue in US dollars (`--revenue-usd`).
    public static let revenueUSD: FieldKey = "revenueUSD"
    /// The year of that revenue (`--revenue-year`).
    public static let revenueYear: FieldKey = "revenueYear"
    /// An organisation's name (`org add NAME`).
    public static let organisation: FieldKey = "organisation"
    // Tokens.
    /// A name: of a token (`--name`), or one to bind (`name add`).
    public static let name: FieldKey = "name"
    /// Whether a name that looks like an existing one is meant (`--allow-similar-name`).
    public static let allowSimilarName: FieldKey = "allowSimilarName"
    /// The text a search looks for (the API's and the search page's `q`).
    public static let query: FieldKey = "q"
    /// A token's role (`--role`).
    public static let role: FieldKey = "role"
}

extension FieldKey {
    /// The fields of one compute method, under `compute`.
    public enum Compute {
        /// Declared operations (`--compute`).
        public static let operations = FieldKey.compute.member("operations")
        /// N of 6·N·D (`--params`).
        public static let parameters = FieldKey.compute.member("parameters")
        /// D of 6·N·D (`--tokens`).
        public static let tokens = FieldKey.compute.member("tokens")
        /// The accelerator of a hardware estimate (`--accelerator`).
        public static let accelerator = FieldKey.compute.member("accelerator")
        /// The number of accelerators (`--count`).
        public static let count = FieldKey.compute.member("count")
        /// Wall-clock training hours (`--hours`).
        public static let hours = FieldKey.compute.member("hours")
        /// Model FLOP utilization (`--utilization`).
        public static let utilization = FieldKey.compute.member("utilization")
        /// Tensor precision of the peak figure (`--precision`).
        public static let precision = FieldKey.compute.member("precision")
        /// The tool whose estimate the operations are (`--estimator`).
        public static let estimator = FieldKey.compute.member("estimator")
    }
}
