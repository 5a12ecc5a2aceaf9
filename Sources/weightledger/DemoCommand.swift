import ArgumentParser
import Foundation
import LedgerDemo
import LedgerSQLite
import LedgerUseCases

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Register a small, realistic set of model files and show lineage and compute end to end.",
        discussion:
            "Writes tiny safetensors files and a ledger into a new temporary directory, or the ledger at --ledger "
            + "with the files beside it."
    )

    @Option(name: .long, help: ArgumentHelp("Ledger to use (default: a new temporary directory).", valueName: "path"))
    var ledger: String?

    func run() throws {
        let ledgerPath: String
        if let ledger {
            ledgerPath = ledger
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "weightledger-demo-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            ledgerPath = directory.appendingPathComponent("demo.db").path
        }
        let absolute = URL(fileURLWithPath: ledgerPath).standardizedFileURL
        let models = absolute.deletingLastPathComponent().appendingPathComponent("weightledger-demo-models").path
        let context = AppContext(location: SQLiteLocation(path: ledgerPath), actor: "demo@weightledger")
        let report = try Demo(context: context, modelsDirectory: models).run()
        // Name the binary that ran: after `swift run` there is no `weightledger` on PATH.
        let invoked = CommandLine.arguments.first ?? "weightledger"
        let binary = invoked.contains("/") ? URL(fileURLWithPath: invoked).standardizedFileURL.path : invoked
        print(DemoText.render(report, ledgerPath: absolute.path, modelsDirectory: models, binary: binary))
    }
}
