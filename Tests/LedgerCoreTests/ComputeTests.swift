import Foundation
import Testing

@testable import LedgerCore

/// Compute estimation: method, inputs and the figure, from POLICY-BRIEF §4.
@Suite struct ComputeTests {
    @Test(arguments: [
        (7e9, 2e12, 8.4e22), (4e11, 1.25e14, 3e26), (1e12, 0, 0), (0, 1e12, 0), (7e10, 1.5e13, 6.3e24),
    ])
    func countingIsSixND(parameters: Double, tokens: Double, operations: Double) throws {
        let compute = try Compute.counting(parameters: parameters, tokens: tokens)
        #expect(compute.method == .counting)
        #expect(compute.operations == operations)
        #expect(compute.inputs.parameters == parameters)
        #expect(compute.inputs.tokens == tokens)
    }

    @Test(
        arguments: [
            ("H100-SXM", nil, 1000.0, 24.0, 0.4, 1000 * 24 * 3600 * 989.4e12 * 0.4),
            ("h100", "fp8", 10, 10, 0.5, 10 * 10 * 3600 * 1978.9e12 * 0.5),
            ("A100", nil, 1, 1, 1, 3600 * 312e12),
            ("H800", nil, 2048, 1000, 0.3, 2048 * 1000 * 3600 * 989.4e12 * 0.3),
            ("Ascend-910B", nil, 1, 1, nil, 3600 * 320e12 * 0.4),
            ("910c", "bf16", 1, 1, nil, 3600 * 780e12 * 0.4),
            ("H100-PCIe", nil, 8, 100, 0.35, 8 * 100 * 3600 * 756e12 * 0.35),
        ] as [(String, String?, Double, Double, Double?, Double)])
    func hardwareEstimate(
        accelerator: String, precision: String?, count: Double, hours: Double, utilization: Double?, expected: Double
    ) throws {
        let compute = try Compute.hardware(
            accelerator: accelerator, count: count, hours: hours, utilization: utilization, precision: precision)
        #expect(compute.method == .hardware)
        #expect(abs(compute.operations! - expected) <= expected * 1e-12)
        #expect(compute.inputs.utilization == (utilization ?? AcceleratorTable.defaultUtilization))
        #expect(compute.inputs.peakSource?.isEmpty == false)
    }

    /// The stored text of a compute's inputs is their canonical JSON, with or without inputs.
    @Test(arguments: [
        ComputeInputs(), ComputeInputs(parameters: 7e9, tokens: 2e12), ComputeInputs(estimator: "tool"),
        ComputeInputs(accelerator: "h100", precision: "bf16", count: 8, hours: 1.5, utilization: 0.4),
        ComputeInputs(parametersCounted: ""),
    ])
    func inputsStoredAsTheirCanonicalJSON(_ inputs: ComputeInputs) throws {
        #expect(
            try inputs.canonicalText() == String(decoding: try CanonicalJSON.bytes(encoding: inputs), as: UTF8.self))
    }

    @Test func declaredKeepsTheFigure() throws {
        let compute = try Compute.declared(3e26)
        #expect(compute.operations == 3e26)
        #expect(compute.method == .declared)
        #expect(try Compute.declared(0).operations == 0)
    }

    @Test func unknownIsNotZero() {
        #expect(Compute.unknown.operations == nil)
        #expect(Compute.unknown.method == .unknown)
    }

    @Test(arguments: [-1, .nan, .infinity, -.infinity, -0.5e26] as [Double])
    func declaredRefusesNegativeAndNonFinite(value: Double) {
        #expect(throws: DomainError.self) { try Compute.declared(value) }
        #expect(throws: DomainError.self) { try Compute.counting(parameters: value, tokens: 1e12) }
        #expect(throws: DomainError.self) { try Compute.counting(parameters: 1e9, tokens: value) }
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "A100", count: value, hours: 1) }
    }

    /// A tool's estimate from the run (a trainer's total_flos): the figure, the method `estimate`
    /// and the tool; the draft's rules (the estimator goes with operations, one line, ≤ 200).
    @Test(
        arguments: [
            (ComputeDraft(operations: 1.5e20, estimator: "transformers Trainer state.total_flos"), "estimate"),
            (ComputeDraft(operations: 0, estimator: " lightning "), "estimate"),
            (ComputeDraft(operations: 2e24), "declared"),
            (ComputeDraft(estimator: "transformers"), "refused"),
            (ComputeDraft(operations: 1e20, estimator: ""), "refused"),
            (ComputeDraft(operations: 1e20, estimator: "   "), "refused"),
            (ComputeDraft(operations: 1e20, estimator: "a\u{1B}[2Jb"), "refused"),
            (ComputeDraft(operations: 1e20, estimator: "line\nbreak"), "refused"),
            (ComputeDraft(operations: 1e20, estimator: "rtl\u{202E}override"), "refused"),
            (ComputeDraft(operations: 1e20, estimator: String(repeating: "x", count: 201)), "refused"),
            (ComputeDraft(operations: -1, estimator: "transformers"), "refused"),
            (ComputeDraft(operations: 1e20, parameters: 1e9, tokens: 1e9, estimator: "x"), "refused"),
        ] as [(ComputeDraft, String)])
    func estimateFromTheRun(draft: ComputeDraft, expected: String) throws {
        guard expected != "refused" else {
            #expect(throws: DomainError.self, "\(draft)") { try draft.claim() }
            return
        }
        guard case .known(let compute) = try draft.claim() else {
            Issue.record("no figure from \(draft)")
            return
        }
        #expect(compute.method.rawValue == expected)
        #expect(compute.operations == draft.operations)
        #expect(compute.inputs.estimator == draft.estimator?.trimmingCharacters(in: .whitespaces))
        // What a client sends back after resolving is the same claim.
        #expect(try ComputeDraft(compute).claim() == .known(compute))
    }

    @Test func overflowingProductIsRefused() {
        #expect(throws: DomainError.self) { try Compute.counting(parameters: 1e200, tokens: 1e200) }
    }

    @Test func hardwareRefusesBadInputs() {
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "TPUv9", count: 1, hours: 1) }
        #expect(throws: DomainError.self) {
            try Compute.hardware(accelerator: "A100", count: 1, hours: 1, precision: "fp8")
        }
        #expect(throws: DomainError.self) {
            try Compute.hardware(accelerator: "A100", count: 1, hours: 1, utilization: 0)
        }
        #expect(throws: DomainError.self) {
            try Compute.hardware(accelerator: "A100", count: 1, hours: 1, utilization: 1.5)
        }
    }
}

/// `Format.operations` must print exactly what `String(format: "%.2e")` prints.
@Suite struct FormatTests {
    @Test func scientificMatchesPrintf() {
        var values: [Double] = [
            1, 9.995, 9.9949999, 1.005e26, 2.675e25, 1.0049999999999999e26, 3e26, 1e26, 9.999999999999999e25,
            1.0000000000000002e26, 4.2e-7, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 0.000125, 1.125, 1.135,
            999.5, 99.95,
        ]
        var state: UInt64 = 7
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Double(state >> 11) / Double(1 << 53) * 9 + 1
            let exponent = Int(state % 61) - 10
            values.append(mantissa * pow(10, Double(exponent)))
            // Values whose shortest digits end in a 5 at the rounding position.
            values.append((Double(state % 9000) + 1000.5) / 1000 * pow(10, Double(exponent)))
        }
        var mismatches: [String] = []
        for value in values where Format.scientific(value) != String(format: "%.2e", value) {
            mismatches.append("\(value): \(Format.scientific(value)) vs \(String(format: "%.2e", value))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
