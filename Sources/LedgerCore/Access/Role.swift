/// What a server token may do. The one table of permissions: every route asks `Role.may`.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Registers artifacts; reads.
    case registrar
    /// Deploys, records licenses, reads reviews; reads.
    case reviewer
    /// Runs audits and checkpoints; reads.
    case auditor
    /// Makes and revokes tokens; reads.
    case admin

    /// Whether this role may do `permission`.
    public func may(_ permission: Permission) -> Bool {
        Role.table[permission]?.contains(self) ?? false
    }

    /// The roles that may do `permission`, in declaration order.
    public static func allowed(_ permission: Permission) -> [Role] {
        allCases.filter { $0.may(permission) }
    }

    private static let table: [Permission: Set<Role>] = [
        .read: Set(Role.allCases),
        .register: [.registrar],
        .recordFacts: [.registrar],
        .manageOrganisations: [.reviewer],
        .deploy: [.reviewer],
        .recordLicense: [.reviewer],
        .review: [.reviewer],
        .approve: [.reviewer],
        .audit: [.auditor],
        .checkpoint: [.auditor],
        .manageTokens: [.admin],
    ]
}

/// Something a caller asks the server to do.
public enum Permission: String, CaseIterable, Sendable {
    /// Artifacts, lineage, checks, flags, proofs, consistency, the artifact pages.
    case read
    /// `POST /api/v1/artifacts`.
    case register
    /// Publications, withdrawals and corrections of an artifact's facts (`POST …/publications`,
    /// `…/withdrawals`, `…/corrections`).
    case recordFacts
    /// `POST /api/v1/organisations`, `POST /api/v1/organisations/{name}/changes`.
    case manageOrganisations
    /// `POST /api/v1/deployments`.
    case deploy
    /// `POST /api/v1/licenses`.
    case recordLicense
    /// The review report (`GET …/review`, the review page).
    case review
    /// Recording a person's approval of a review (`POST /api/v1/approvals`, the review page's form).
    case approve
    /// `POST /api/v1/audits`.
    case audit
    /// `POST /api/v1/log/checkpoints`.
    case checkpoint
    /// `POST /api/v1/tokens`, `DELETE /api/v1/tokens/{name}`.
    case manageTokens
}

/// A token to make, checked: `token create` and `POST /api/v1/tokens`.
public struct TokenGrant: Equatable, Sendable {
    /// The token's name: 1 to 100 printable ASCII characters, recorded as the actor of what it does.
    public var name: String
    /// What the token may do.
    public var role: Role

    /// The token as sent to the API. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `name` (`--name`).
        public var name: String
        /// `role` (`--role`): registrar, reviewer, auditor or admin.
        public var role: String
        /// A draft with both fields.
        public init(name: String, role: String) {
            self.name = name
            self.role = role
        }
    }

    /// Checks the name (1 to 100 printable ASCII characters, no spaces) and the role.
    public init(name: String, role: Role) throws {
        guard !name.isEmpty, name.utf8.count <= 100,
            name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw InputError("\(field: .name) must be 1 to 100 printable ASCII characters without spaces")
        }
        self.name = name
        self.role = role
    }

    /// Checks a draft, naming the field at fault by its key.
    public init(_ draft: Draft) throws {
        guard let role = Role(rawValue: draft.role) else {
            throw DomainError.invalid(
                field: .role, value: draft.role, expected: Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        try self.init(name: draft.name, role: role)
    }
}
