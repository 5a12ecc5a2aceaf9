import ArgumentParser
import Hashing
import LedgerRender
import LedgerUseCases

struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the digest of files or directories without touching a ledger.",
        discussion:
            "A file's digest is the SHA-256 of its bytes (as sha256sum prints it); a directory's is the SHA-256 of "
            + "its manifest (schema/manifest.md)."
    )

    @Argument(help: ArgumentHelp("Files or directories of weights.", valueName: "path"))
    var paths: [String]

    @OptionGroup var hashing: HashingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let hasher = hashing.hasher()
        let results = try hashing.withProgress(hasher) { try HashPaths(hasher: hasher).run(paths) }.map(HashView.init)
        if output.json { return try Output.json(results) }
        print(HashText.render(results))
    }
}
