/// Why a model signature was not read or did not verify.
public enum SigningError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The bundle or statement is not what model_signing writes (bad input: exit 2).
    case malformed(String)
    /// The key, certificate or chain cannot be used (bad input: exit 2).
    case unusableKey(String)
    /// The signature does not verify, or the files are not the signed ones (exit 3).
    case notVerified(String)

    public var description: String {
        switch self {
        case .malformed(let reason): return "not a model_signing bundle: \(reason)"
        case .unusableKey(let reason): return reason
        case .notVerified(let reason): return "the signature does not verify: \(reason)"
        }
    }

    /// A value from a hostile file, quoted and cut to 80 characters for an error message.
    static func shown(_ text: String) -> String {
        String(text.prefix(80)).debugDescription
    }
}
