import LedgerCore
import LedgerStore
import ModelSigning

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

    /// The status an error from a use case leads to.
    public init(of error: Error) {
        switch error {
        case is DeploymentRefused, is DeploymentNotApproved: self = .findings
        case is IntegrityFailure: self = .integrity
        case StoreError.damaged: self = .integrity
        // Files that are not the signed ones, or a signature that is not the key's.
        case SigningError.notVerified: self = .integrity
        // Everything else is input the ledger refused, or a file it could not read.
        default: self = .input
        }
    }
}
