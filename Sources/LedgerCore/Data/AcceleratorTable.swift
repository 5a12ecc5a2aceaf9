/// Peak dense tensor throughput of one accelerator, with where the figure comes from
/// (data/accelerators.json, POLICY-BRIEF §4).
///
/// Dense figures only: sparse peaks are twice these and must never be used for training estimates.
public struct Accelerator: Sendable, Equatable, Decodable {
    /// Canonical id used in records, e.g. `H100-SXM`.
    public let id: String
    /// Other spellings accepted on input (compared case-insensitively).
    public let aliases: [String]
    /// Peak dense FLOP/s per precision, e.g. `["bf16": 989.4e12, "fp8": 1978.9e12]`.
    public let peakFlopsPerSecond: [String: Double]
    /// Where the figure comes from, with its confidence tag (recorded with each hardware estimate).
    public let source: String
    /// `primary` (the vendor's datasheet), `secondary` (derived, or analysts) or `uncertain`.
    public let confidence: String
    /// The datasheet or documentation page, when there is one.
    public let url: String?
}

/// The accelerator peak table (data/accelerators.json, embedded in the binary) and the
/// utilization assumed when none is given.
public enum AcceleratorTable {
    /// Model FLOP utilization assumed when `--utilization` is not given. Epoch AI uses 0.3 for
    /// language models and 0.4 otherwise; the higher figure is the default because it yields the
    /// larger estimate, the conservative reading for export control.
    public static let defaultUtilization = 0.4
    /// Precision assumed when none is given.
    public static let defaultPrecision = "bf16"

    struct Document: Decodable, Sendable {
        let format: Int
        let notes: [String]?
        let defaultPrecision: String
        let accelerators: [Accelerator]
    }

    /// The table as embedded (a test keeps it readable and equal to data/accelerators.json).
    static func load() throws -> Document {
        try JSONValueDecoder.decode(Document.self, from: try JSONParser.parse(Array(document.utf8)))
    }

    static let loaded: Document? = try? load()

    /// Every accelerator the hardware estimate knows, with dense peak FLOP/s per precision and the
    /// datasheet each comes from (empty if the embedded table could not be read).
    public static var entries: [Accelerator] { loaded?.accelerators ?? [] }

    /// What the table says about itself.
    public static var notes: [String] { loaded?.notes ?? [] }

    /// Looks an accelerator up by id or alias, ignoring case.
    public static func find(_ name: String) throws -> Accelerator {
        let wanted = name.uppercased()
        if let hit = entries.first(where: {
            $0.id.uppercased() == wanted || $0.aliases.contains { $0.uppercased() == wanted }
        }) {
            return hit
        }
        throw DomainError.invalid(
            field: FieldKey.Compute.accelerator, value: name,
            expected: "one of " + entries.map(\.id).joined(separator: ", ") + " (weightledger accelerators lists them)")
    }
}
