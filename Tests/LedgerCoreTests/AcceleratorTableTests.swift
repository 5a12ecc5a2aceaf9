import Foundation
import Testing

@testable import LedgerCore

/// The accelerator table is data (data/accelerators.json, embedded by scripts/embed-accelerators.py).
@Suite struct AcceleratorTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theEmbeddedTableIsTheDataFileAndReads() throws {
        let file = try String(contentsOf: Self.root.appendingPathComponent("data/accelerators.json"), encoding: .utf8)
        #expect(
            file.trimmingCharacters(in: .newlines) == AcceleratorTable.document,
            "stale: run python3 scripts/embed-accelerators.py")
        let table = try AcceleratorTable.load()
        #expect(table.format == 1 && table.defaultPrecision == AcceleratorTable.defaultPrecision)
        #expect(AcceleratorTable.entries.count == table.accelerators.count)
    }

    @Test func everyEntryHasASourceAConfidenceAndADefaultPrecisionPeak() {
        var spellings = Set<String>()
        for accelerator in AcceleratorTable.entries {
            #expect(["primary", "secondary", "uncertain"].contains(accelerator.confidence), "\(accelerator.id)")
            #expect(accelerator.source.hasSuffix("[\(accelerator.confidence)]"), "\(accelerator.id): tag matches")
            #expect(accelerator.peakFlopsPerSecond[AcceleratorTable.defaultPrecision] != nil, "\(accelerator.id)")
            #expect(accelerator.peakFlopsPerSecond.values.allSatisfy { $0 > 1e12 && $0 < 1e17 })
            for spelling in [accelerator.id] + accelerator.aliases {
                #expect(spellings.insert(spelling.uppercased()).inserted, "\(spelling) names one accelerator")
            }
        }
    }

    /// (name as typed, id found, bf16 dense peak): the figures the hardware estimate multiplies.
    static let peaks: [(String, String, Double)] = [
        ("H100", "H100-SXM", 989.4e12), ("h100-pcie", "H100-PCIe", 756e12), ("A100-80GB", "A100", 312e12),
        ("H200", "H200", 989.5e12), ("B200", "B200", 2.25e15), ("GB200", "GB200", 2.5e15),
        ("MI300X", "MI300X", 1307.4e12), ("MI325X", "MI325X", 1307.4e12), ("TPU-v5e", "TPU-v5e", 197e12),
        ("tpu-v5p", "TPU-v5p", 459e12), ("Trillium", "TPU-v6e", 918e12), ("910C", "Ascend-910C", 780e12),
        ("Ascend-910B", "Ascend-910B", 320e12),
    ]

    @Test(arguments: peaks)
    func hardwareEstimatesUseTheTable(_ typed: String, _ id: String, _ peak: Double) throws {
        #expect(try AcceleratorTable.find(typed).id == id)
        let compute = try Compute.hardware(accelerator: typed, count: 1000, hours: 100, utilization: 0.5)
        #expect(compute.inputs.accelerator == id && compute.inputs.peakFlopsPerSecond == peak)
        #expect(compute.operations == 1000 * 100 * 3600 * peak * 0.5)
        #expect(compute.inputs.peakSource == (try AcceleratorTable.find(id)).source)
    }

    @Test func anUnknownAcceleratorNamesTheListCommand() {
        do {
            _ = try AcceleratorTable.find("Z900")
            Issue.record("Z900 was found")
        } catch {
            #expect(error is DomainError && "\(error)".contains("weightledger accelerators"), "\(error)")
        }
    }
}
