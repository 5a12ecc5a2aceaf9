/// How weights leave or move: the kinds of deployment the ledger records.
public enum DeploymentKind: String, Sendable, CaseIterable, Codable {
    case export, reexport, transfer, hosting

    /// Parses a kind; the error lists the accepted ones.
    public init(parsing text: String) throws {
        guard let kind = DeploymentKind(rawValue: text.lowercased()) else {
            throw DomainError.invalid(
                field: .kind, value: text,
                expected: DeploymentKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = kind
    }
}
