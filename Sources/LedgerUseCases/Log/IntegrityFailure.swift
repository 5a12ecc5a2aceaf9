import Foundation
import LedgerCore
import LedgerStore
import TransparencyLog

/// A check of the log that did not hold: exit 3, naming what.
public struct IntegrityFailure: Error, CustomStringConvertible, Sendable {
    /// What did not hold, the first one first.
    public let problems: [String]
    /// A failure naming `problems`.
    public init(problems: [String]) { self.problems = problems }
    public var description: String {
        problems.first.map {
            "integrity failure: \($0)" + (problems.count > 1 ? " (and \(problems.count - 1) more)" : "")
        } ?? "integrity failure"
    }
}
