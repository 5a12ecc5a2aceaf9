/// The exit codes users and cron jobs rely on (README "Exit codes").
public enum ExitStatus: Int32, Sendable {
    /// All is well.
    case ok = 0
    /// Findings that need a person.
    case findings = 1
    /// Usage or input error.
    case input = 2
    /// The ledger log or stored bytes do not match what was recorded.
    case integrity = 3
}

/// Input a use case refuses for a reason outside the domain types (conflicts with the ledger).
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Maps any error from the layers below to its exit status and one line for stderr.
public enum Failure {
    /// The exit status an error leads to.
    public static func status(of error: Error) -> ExitStatus {
        if error is DeploymentRefused { return .findings }
        if error is IntegrityFailure { return .integrity }
        // Everything else is input the ledger refused, or a file it could not read.
        return .input
    }

    /// One line saying what went wrong.
    public static func message(of error: Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
