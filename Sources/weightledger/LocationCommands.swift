import ArgumentParser
import Foundation
import LedgerCore
import LedgerRender
import LedgerUseCases

struct LocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location",
        abstract: "Remove or move an artifact's recorded storage locations (each change is one event).",
        discussion: """
            Audits re-hash every current location; a checkpoint deleted or moved on disk fails every audit until \
            its location is removed or moved here. The old location stays in the log with the reason.
            """,
        subcommands: [LocationRemoveCommand.self, LocationMoveCommand.self])
}

struct LocationRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop checking a recorded location: the bytes are no longer there.")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String
    @Argument(help: ArgumentHelp("The location as recorded (as 'show' lists it).", valueName: "path"))
    var path: String
    @Option(name: .long, help: ArgumentHelp("Why the location goes (kept in the log).", valueName: "text"))
    var reason: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let change = try LocationChange(artifact: reference, path: path, reason: reason)
        let result = try ChangeLocation(context: ledger.context).run(change)
        if output.json {
            return try Output.json(
                LocationChangeView(digest: result.digest.value, path: path, to: nil, event: result.seq))
        }
        print("removed location \(path) of \(result.digest.value) (event \(result.seq))")
    }
}

struct LocationMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Record that an artifact's bytes moved from a recorded location to another.")

    @Argument(help: ArgumentHelp("Digest, hex prefix or name[:tag] of the artifact.", valueName: "ref"))
    var reference: String
    @Argument(help: ArgumentHelp("The location as recorded (as 'show' lists it).", valueName: "path"))
    var path: String
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the bytes are now: a path on this machine (it must exist), or HOST:/path on another.",
            valueName: "path"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("Why they moved (kept in the log).", valueName: "text"))
    var reason: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let destination = try Self.local(to)
        let change = try LocationChange(artifact: reference, path: path, moveTo: destination, reason: reason)
        let result = try ChangeLocation(context: ledger.context).run(change)
        if output.json {
            return try Output.json(
                LocationChangeView(digest: result.digest.value, path: path, to: destination, event: result.seq))
        }
        print("moved \(result.digest.value) from \(path) to \(destination) (event \(result.seq))")
    }

    /// A path of this machine made absolute as `register` records it, and checked to exist;
    /// `HOST:/path` as given.
    static func local(_ text: String) throws -> String {
        guard !text.isEmpty else { throw InputError("--to may not be empty") }
        if !text.hasPrefix("/") && !text.hasPrefix(".") && text.contains(":/") { return text }
        let path = URL(fileURLWithPath: text).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError("--to \(path): no file or directory there (the bytes must be at the new location)")
        }
        return path
    }
}
