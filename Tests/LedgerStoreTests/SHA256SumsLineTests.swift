import Foundation
import Hashing
import TestSupport
import Testing

@testable import LedgerRender

/// The SHA256SUMS line of a name coreutils escapes (backslash, newline, carriage return), checked
/// by `sha256sum -c` on real files with such names: the line checks the file, and stays one line.
@Suite struct SHA256SumsLineTests {
    @Test(arguments: ["plain.bin", "back\\slash.bin", "new\nline.bin", "carriage\rreturn.bin", "two  spaces.bin"])
    func coreutilsChecksTheLine(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(name, Array(name.utf8))
        let line = SHA256SumsExport.line(hex: try SHA256.hash(Array(name.utf8)).hex, path: name)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(line.filter { $0 == "\n" }.count == 1 && line.hasSuffix("\n"))
        let sums = try directory.write("SUMS", Array(line.utf8))
        let checked = try Subprocess.run("/usr/bin/env", ["sha256sum", "-c", sums], directory: directory.path)
        #expect(checked.status == 0, "\(name.debugDescription): \(checked.stdout) \(checked.stderr)")
    }
}
