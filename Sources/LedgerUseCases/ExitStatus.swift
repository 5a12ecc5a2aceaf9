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
    /// The server could not be reached or answered that it is unavailable: try again later.
    case unavailable = 4

    /// The status an error from a use case leads to.
    public init(of error: Error) {
        switch error {
        case is DeploymentRefused, is DeploymentNotApproved: self = .findings
        case is IntegrityFailure: self = .integrity
        case is ServerUnavailable: self = .unavailable
        case StoreError.damaged: self = .integrity
        // A database that cannot be reached now: try again later, as for a server.
        case StoreError.unreachable: self = .unavailable
        // Files that are not the signed ones, or a signature that is not the key's.
        case SigningError.notVerified: self = .integrity
        // Everything else is input the ledger refused, or a file it could not read.
        default: self = .input
        }
    }
}

/// A server that could not be reached (refused, unresolved, timed out, dropped) or that answered
/// 502, 503, 504 or 507: nothing was wrong with the request, so the same request may succeed
/// later (exit 4; `--retries`).
public struct ServerUnavailable: Error, CustomStringConvertible, Sendable {
    /// What happened, naming the server.
    public let description: String
    /// Seconds the server asked to wait (`Retry-After`), when it said.
    public let retryAfter: Int?
    /// The failure, and the server's own wait when it gave one.
    public init(_ description: String, retryAfter: Int? = nil) {
        self.description = description
        self.retryAfter = retryAfter
    }
}
