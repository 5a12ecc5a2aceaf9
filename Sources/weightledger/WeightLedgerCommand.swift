import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

/// The `weightledger` command: parses, calls one use case, renders.
struct WeightLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weightledger",
        abstract: "A provenance ledger for model weights: hashes, training facts, lineage and compute.",
        discussion: """
            Ledger: --ledger PATH, else $WEIGHTLEDGER_LEDGER, else ./weightledger.db (created on first write).
            Exit codes: 0 ok; 1 findings that need a person; 2 usage or input error; 3 integrity failure.
            """,
        version: WeightLedgerVersion.current,
        subcommands: [
            InitCommand.self, HashCommand.self, RegisterCommand.self, ShowCommand.self, ListCommand.self,
            LineageCommand.self, NameCommand.self, LocationCommand.self, SignatureCommand.self, SignCommand.self,
            ExportCommand.self,
            PublishCommand.self, UnpublishCommand.self,
            CorrectCommand.self, OrgCommand.self, PolicyCommand.self, CheckCommand.self,
            DeployCommand.self, ApproveCommand.self,
            LicenseCommand.self, FlagsCommand.self, ReviewCommand.self, KeyCommand.self, LogCommand.self,
            VerifyCommand.self, AuditCommand.self, TokenCommand.self, ServeCommand.self, MigrateCommand.self,
            CopyCommand.self, BackupCommand.self,
            DemoCommand.self, AcceleratorsCommand.self,
        ]
    )
}

@main
enum Main {
    /// Runs the command with the exit codes and one-line errors scripts rely on: argument
    /// errors exit 2 (not ArgumentParser's 64), and no usage text follows an error.
    static func main() async {
        ProcessMemory.configure()
        var command: ParsableCommand
        do {
            command = try WeightLedgerCommand.parseAsRoot()
        } catch {
            exitForArgumentError(error)
        }
        do {
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            // `help COMMAND` parses to a command whose run() asks for help in turn.
            if WeightLedgerCommand.exitCode(for: error) == .success { WeightLedgerCommand.exit(withError: error) }
            fail(Failure.message(of: error), status: ExitStatus(of: error))
        }
    }

    /// Help and version requests print and exit 0; any other argument error is one line, exit 2.
    static func exitForArgumentError(_ error: Error) -> Never {
        if WeightLedgerCommand.exitCode(for: error) == .success { WeightLedgerCommand.exit(withError: error) }
        fail(oneLine(WeightLedgerCommand.message(for: error)) + " (see 'weightledger help')", status: .input)
    }

    /// ArgumentParser lists the accepted values of a long enum one per line (`  - pretrain`):
    /// stderr gets one line, so the list is folded into it.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first else { return "invalid arguments" }
        let items = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
        return items.isEmpty ? first : first + " " + items.joined(separator: ", ")
    }

    static func fail(_ message: String, status: ExitStatus) -> Never {
        // The message may quote input (a name, a path): it is one line, with nothing hidden in it.
        FileHandle.standardError.write(Data("weightledger: error: \(SafeText.line(message))\n".utf8))
        Foundation.exit(status.rawValue)
    }
}
