import LedgerCore
import LedgerStore
import NIOCore
import PostgresNIO

/// What an error from the database means for the caller, as a `StoreError` naming the ledger.
/// The server's own text is shown without control characters, and never a password.
enum PostgresFailure {
    static func classify(_ error: Error, address: PostgresAddress) -> Error {
        let place = address.description
        switch error {
        case let error as StoreError:
            return error.naming(place)
        case let error as PSQLError:
            return classify(error, place: place)
        case let error as PostgresDecodingError:
            return StoreError.damaged(
                path: place, reason: "column \(shown(error.columnName)) holds a value of another type (\(error.code))")
        case is AddressError:
            return error
        default:
            // Not the database's answer: the network (refused, timed out, no such host).
            return StoreError.unreachable(path: place, reason: shown("\(error)"))
        }
    }

    private static func classify(_ error: PSQLError, place: String) -> Error {
        guard error.code == .server, let info = error.serverInfo else {
            let cause = error.underlying.map { shown("\($0)") } ?? "\(error.code)"
            switch error.code {
            case .sslUnsupported:
                return StoreError.unavailable(path: place, reason: "the server does not offer TLS (sslmode=require)")
            case .authMechanismRequiresPassword:
                return StoreError.unavailable(
                    path: place, reason: "the server asks for a password and the URL has none")
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return StoreError.unreachable(path: place, reason: "cannot talk to the database (\(cause))")
            default:
                return StoreError.unavailable(path: place, reason: "cannot talk to the database (\(cause))")
            }
        }
        let state = info[.sqlState] ?? ""
        let message = shown(info[.message] ?? "no message") + " (SQLSTATE \(shown(state)))"
        switch state {
        case "42501":
            return StoreError.readOnly(path: place, reason: message)
        case "53100":
            return StoreError.full(path: place)
        case "40001", "40P01", "55P03":
            return StoreError.busy(path: place)
        case _ where state.hasPrefix("08"), "57P01", "57P02", "57P03", "53300":
            // Connection exceptions, a server shutting down or starting, too many connections.
            return StoreError.unreachable(path: place, reason: message)
        case "P0001", "23505", "23514", "42P01", "42703", "22P02", "XX001", "XX002":
            // Our triggers refusing a change, a broken sequence, a missing table or column: what the
            // database holds is not what appending made.
            return StoreError.damaged(path: place, reason: message)
        default:
            return StoreError.unavailable(path: place, reason: message)
        }
    }

    /// Server text as a message shows it: at most 200 characters, no control characters.
    static func shown(_ text: String) -> String {
        let visible = text.unicodeScalars.prefix(200).map { FreeText.isHidden($0) ? "?" : String($0) }.joined()
        return visible + (text.unicodeScalars.count > 200 ? "…" : "")
    }
}
