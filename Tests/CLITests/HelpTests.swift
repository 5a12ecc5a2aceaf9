import TestSupport
import Testing

/// Help and version go to stdout with exit 0; they are not errors.
@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["help"], ["-h"]])
    func rootHelp(arguments: [String]) throws {
        let result = try CLI().run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: weightledger"))
        for command in ["register", "show", "lineage", "demo", "hash"] { #expect(result.stdout.contains(command)) }
        #expect(result.stderr.isEmpty)
    }

    @Test(arguments: [["register", "--help"], ["help", "register"]])
    func commandHelp(arguments: [String]) throws {
        let result = try CLI().run(arguments)
        #expect(result.status == 0)
        for option in [
            "--trained-in", "--parent", "--compute", "--params", "--accelerator", "--published-on", "--json",
            "--ledger",
        ] {
            #expect(result.stdout.contains(option), "help lacks \(option)")
        }
    }

    @Test func version() throws {
        let result = try CLI().run("--version")
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }
}
