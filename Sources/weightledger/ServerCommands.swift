import ArgumentParser
import Foundation
import LedgerApp
import LedgerServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/api/v1) for clusters and reviewers, behind bearer tokens ('weightledger token create').",
        discussion: "Routes: GET /healthz; GET /api/v1/artifacts, /api/v1/artifacts/{ref}, /api/v1/artifacts/{ref}/lineage, /api/v1/check?artifact=&to=&on=, /api/v1/flags?on=; POST /api/v1/deployments (reviewer).")

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host = "127.0.0.1"
    @Option(name: .long, help: ArgumentHelp("Port to listen on.", valueName: "port"))
    var port = 8080
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var ledger: LedgerOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() throws {
        let context = ledger.context
        guard FileManager.default.fileExists(atPath: context.ledgerPath) else {
            throw InputError("no ledger at \(context.ledgerPath); create one and a token first ('weightledger token create')")
        }
        // Bad packs are refused before listening.
        let server = LedgerServer(ledgerPath: context.ledgerPath, library: try policy.library())
        let (host, port) = (self.host, self.port)
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await server.run(host: host, port: port) } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }
}

final class FailureBox: @unchecked Sendable {
    var error: Error?
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens for the server.",
                                                    subcommands: [TokenCreateCommand.self, TokenRevokeCommand.self])
}

struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Make a token with a role (registrar, reviewer, auditor, admin); it is printed once, only its SHA-256 is kept.")

    @Option(name: .long, help: ArgumentHelp("registrar, reviewer, auditor or admin.", valueName: "role"))
    var role: String
    @Option(name: .long, help: ArgumentHelp("The token's name, recorded as the actor of what it does.", valueName: "name"))
    var name: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        print(try Tokens(context: ledger.context).create(name: name, role: role))
    }
}

struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by name.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "name"))
    var name: String
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try Tokens(context: ledger.context).revoke(name: name)
        print("revoked token \(name)")
    }
}
