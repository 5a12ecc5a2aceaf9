import LedgerCore
import LedgerStore
import LedgerUseCases

/// Any error from the layers below as the one stderr line scripts rely on (its exit status is `ExitStatus(of:)`).
enum Failure {
    /// One line saying what went wrong, with fields spelled as options.
    static func message(of error: Error) -> String {
        let text: String
        switch error {
        case let error as DomainError: text = error.message(spelling: FieldSpelling.option)
        case let error as InputError: text = error.message.spelled(FieldSpelling.option)
        case StoreError.noLedger: text = "\(error); or pass --ledger / set WEIGHTLEDGER_LEDGER"
        case StoreError.locked: text = "\(error) or pass --wait"
        default: text = String(describing: error)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
