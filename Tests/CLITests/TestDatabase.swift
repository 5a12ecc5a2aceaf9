import Foundation
import TestSupport

extension TestDatabase {
    /// A new empty database of one test's own; `migrated`: with the ledger's schema, made by
    /// `weightledger migrate` as an operator would.
    convenience init(migrated: Bool = true) throws {
        try self.init { url in
            guard migrated else { return }
            let result = try Subprocess.run(CLI.binary, ["migrate", "--database", url])
            guard result.status == 0 else { throw CLI.Failure("migrate exited \(result.status): \(result.stderr)") }
        }
    }
}
