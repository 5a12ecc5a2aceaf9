import Foundation

/// A license to record, checked: the typed command behind `license add` and `POST /api/v1/licenses`.
public struct LicenseGrant: Equatable, Sendable {
    /// Who issued it (e.g. BIS), trimmed, without `/`.
    public var authority: String
    /// Its number, trimmed, not empty.
    public var number: String
    /// The exact artifacts it covers, as typed (at least one).
    public var artifacts: [ArtifactReference]
    /// The countries it covers (at least one).
    public var destinations: [CountryCode]
    /// First valid day; nil: from the start.
    public var validFrom: LedgerDate?
    /// Last valid day (not before `validFrom`); nil: no end.
    public var validUntil: LedgerDate?

    /// The license as typed or sent. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `authority` (`--authority`).
        public var authority: String
        /// `number` (`--number`).
        public var number: String
        /// `artifacts` (`--artifact`, repeatable).
        public var artifacts: [String]
        /// `destinations` (`--to`, repeatable).
        public var destinations: [String]
        /// `validFrom` (`--valid-from`): YYYY-MM-DD.
        public var validFrom: String?
        /// `validUntil` (`--valid-until`): YYYY-MM-DD.
        public var validUntil: String?

        /// A draft with the fields given; nil fields were not given.
        public init(
            authority: String, number: String, artifacts: [String], destinations: [String],
            validFrom: String? = nil, validUntil: String? = nil
        ) {
            self.authority = authority
            self.number = number
            self.artifacts = artifacts
            self.destinations = destinations
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    /// Checks every field of `draft`, naming the one at fault by its key.
    public init(_ draft: Draft) throws {
        authority = try FreeText.line(draft.authority, field: .authority) ?? ""
        number = try FreeText.line(draft.number, field: .number) ?? ""
        guard !authority.isEmpty, !authority.contains("/") else {
            throw InputError("\(field: .authority) must be a non-empty name without '/'")
        }
        guard !number.isEmpty else { throw InputError("\(field: .number) is empty") }
        guard !draft.artifacts.isEmpty else {
            throw InputError("a license needs at least one \(field: .artifacts) REF")
        }
        guard !draft.destinations.isEmpty else {
            throw InputError("a license needs at least one \(field: .destinations) COUNTRY")
        }
        artifacts = try draft.artifacts.enumerated().map { index, text in
            try FieldKey.artifacts.element(index).parsing { try ArtifactReference(text) }
        }
        destinations = try draft.destinations.enumerated().map { index, text in
            try FieldKey.destinations.element(index).parsing { try CountryCode(text) }
        }
        validFrom = try FieldKey.validFrom.parsing { try draft.validFrom.map { try LedgerDate($0) } }
        validUntil = try FieldKey.validUntil.parsing { try draft.validUntil.map { try LedgerDate($0) } }
        if let validFrom, let validUntil, validUntil < validFrom {
            throw InputError("\(field: .validUntil) \(validUntil) is before \(field: .validFrom) \(validFrom)")
        }
    }
}
