import ArgumentParser
import LedgerCore
import LedgerRender

struct AcceleratorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accelerators",
        abstract:
            "List the accelerators the hardware estimate knows: dense peak FLOP/s per precision, source, confidence.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        if output.json { return try Output.json(AcceleratorView.table()) }
        print(AcceleratorView.text())
    }
}
