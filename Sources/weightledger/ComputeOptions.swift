import ArgumentParser
import LedgerCore

/// The compute of one training step, as `register` and `correct` take it: at most one method.
struct ComputeOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Declared training operations of this step, e.g. 3e26.", valueName: "ops"))
    var compute: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Parameters N for 6·N·D (active parameters for mixture-of-experts), or 'auto' to count them from the "
                + "safetensors or GGUF headers.",
            valueName: "N|auto"))
    var params: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Training tokens D for 6·N·D.", valueName: "D"))
    var tokens: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Accelerator for the hardware estimate: \(AcceleratorTable.entries.map(\.id).joined(separator: ", ")).",
            valueName: "name"))
    var accelerator: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Number of accelerators.", valueName: "N"))
    var count: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Wall-clock training hours.", valueName: "H"))
    var hours: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Model FLOP utilization, 0–1 (default \(AcceleratorTable.defaultUtilization)).", valueName: "U"))
    var utilization: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Tensor precision for the peak figure (default \(AcceleratorTable.defaultPrecision)).", valueName: "P"))
    var precision: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --compute: the tool that estimated it from the run (e.g. 'transformers Trainer state.total_flos'); "
                + "recorded as method 'estimate' instead of 'declared'.", valueName: "tool"))
    var estimator: String?

    /// The draft as typed; numbers are parsed here, every rule about them is the core's.
    func draft() throws -> ComputeDraft {
        typealias Key = FieldKey.Compute
        let auto = params?.trimmingCharacters(in: .whitespaces).lowercased() == "auto"
        return ComputeDraft(
            operations: try Output.number(compute, key: Key.operations),
            parameters: auto ? nil : try Output.number(params, key: Key.parameters),
            tokens: try Output.number(tokens, key: Key.tokens), accelerator: accelerator,
            count: try Output.number(count, key: Key.count), hours: try Output.number(hours, key: Key.hours),
            utilization: try Output.number(utilization, key: Key.utilization), precision: precision,
            parametersFromHeaders: auto, estimator: estimator)
    }
}
