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

    @Test(arguments: [
        ("H100-SXM", nil, 1000.0, 24.0, 0.4, 1000 * 24 * 3600 * 989.4e12 * 0.4),
        ("h100", "fp8", 10, 10, 0.5, 10 * 10 * 3600 * 1978.9e12 * 0.5),
        ("A100", nil, 1, 1, 1, 3600 * 312e12),
        ("H800", nil, 2048, 1000, 0.3, 2048 * 1000 * 3600 * 989.4e12 * 0.3),
        ("Ascend-910B", nil, 1, 1, nil, 3600 * 320e12 * 0.4),
        ("910c", "bf16", 1, 1, nil, 3600 * 780e12 * 0.4),
        ("H100-PCIe", nil, 8, 100, 0.35, 8 * 100 * 3600 * 756e12 * 0.35),
    ] as [(String, String?, Double, Double, Double?, Double)])
    func hardwareEstimate(accelerator: String, precision: String?, count: Double, hours: Double, utilization: Double?, expected: Double) throws {
        let compute = try Compute.hardware(accelerator: accelerator, count: count, hours: hours, utilization: utilization, precision: precision)
        #expect(compute.method == .hardware)
        #expect(abs(compute.operations! - expected) <= expected * 1e-12)
        #expect(compute.inputs.utilization == (utilization ?? AcceleratorTable.defaultUtilization))
        #expect(compute.inputs.peakSource?.isEmpty == false)
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

    @Test func overflowingProductIsRefused() {
        #expect(throws: DomainError.self) { try Compute.counting(parameters: 1e200, tokens: 1e200) }
    }

    @Test func hardwareRefusesBadInputs() {
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "TPUv9", count: 1, hours: 1) }
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "A100", count: 1, hours: 1, precision: "fp8") }
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "A100", count: 1, hours: 1, utilization: 0) }
        #expect(throws: DomainError.self) { try Compute.hardware(accelerator: "A100", count: 1, hours: 1, utilization: 1.5) }
    }
}
