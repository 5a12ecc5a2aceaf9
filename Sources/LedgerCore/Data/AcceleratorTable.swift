/// Peak dense tensor throughput of accelerators, as data with sources (POLICY-BRIEF §4).
///
/// Dense figures only: sparse peaks are twice these and must never be used for training estimates.
public struct Accelerator: Sendable, Equatable {
    /// Canonical id used in records, e.g. `H100-SXM`.
    public let id: String
    /// Other spellings accepted on input (compared case-insensitively).
    public let aliases: [String]
    /// Peak dense FLOP/s per precision, e.g. `["bf16": 989.4e12, "fp8": 1978.9e12]`.
    public let peakFlopsPerSecond: [String: Double]
    /// Where the figure comes from, and how sure we are of it.
    public let source: String
}

/// The accelerator peak table and the utilization assumed when none is given.
public enum AcceleratorTable {
    /// Model FLOP utilization assumed when `--utilization` is not given. Epoch AI uses 0.3 for
    /// language models and 0.4 otherwise; the higher figure is the default because it yields the
    /// larger estimate, the conservative reading for export control.
    public static let defaultUtilization = 0.4
    /// Precision assumed when none is given.
    public static let defaultPrecision = "bf16"

    /// Every accelerator the hardware estimate knows, with dense peak FLOP/s per precision and the
    /// datasheet each comes from.
    public static let entries: [Accelerator] = [
        Accelerator(
            id: "H100-SXM", aliases: ["H100", "H100SXM", "H100-SXM5"],
            peakFlopsPerSecond: ["bf16": 989.4e12, "fp16": 989.4e12, "fp8": 1978.9e12],
            source: "NVIDIA H100 Tensor Core GPU datasheet, dense (without sparsity) [primary]"),
        Accelerator(
            id: "H100-PCIe", aliases: ["H100PCIE"],
            peakFlopsPerSecond: ["bf16": 756e12, "fp16": 756e12],
            source: "NVIDIA H100 Tensor Core GPU datasheet, PCIe, dense [primary]"),
        Accelerator(
            id: "H800", aliases: ["H800-SXM"],
            peakFlopsPerSecond: ["bf16": 989.4e12, "fp16": 989.4e12, "fp8": 1978.9e12],
            source: "assumed equal to H100 SXM (export variant with reduced interconnect) [uncertain]"),
        Accelerator(
            id: "A100", aliases: ["A100-SXM", "A100-PCIE", "A100-80GB", "A100-40GB"],
            peakFlopsPerSecond: ["bf16": 312e12, "fp16": 312e12],
            source: "NVIDIA A100 Tensor Core GPU datasheet, dense [primary]"),
        Accelerator(
            id: "Ascend-910B", aliases: ["910B", "ASCEND910B"],
            peakFlopsPerSecond: ["bf16": 320e12, "fp16": 320e12],
            source: "analyst estimates, about 320 TFLOP/s FP16 [uncertain]"),
        Accelerator(
            id: "Ascend-910C", aliases: ["910C", "ASCEND910C"],
            peakFlopsPerSecond: ["bf16": 780e12, "fp16": 780e12],
            source: "analyst estimates, about 780 TFLOP/s BF16 [uncertain]"),
    ]

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
            expected: "one of " + entries.map(\.id).joined(separator: ", "))
    }
}
