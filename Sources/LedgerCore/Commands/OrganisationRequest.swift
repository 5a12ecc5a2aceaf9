/// An organisation to add, checked: the typed command behind `weightledger org add`.
public struct OrganisationRequest: Equatable, Sendable {
    /// Its name.
    public var name: OrganisationName
    /// Its headquarters.
    public var headquarters: CountryCode
    /// The organisation it belongs to (must be in the ledger).
    public var parent: OrganisationName?
    /// One year's revenue.
    public var revenue: Revenue?

    /// The organisation as sent to the API (`POST /api/v1/organisations`).
    public struct Draft: Codable, Equatable, Sendable {
        /// `name`.
        public var name: String
        /// `headquarters`: ISO 3166-1 alpha-2.
        public var headquarters: String
        /// `parentOrganisation`: an organisation in the ledger.
        public var parentOrganisation: String?
        /// `revenueUSD`, with `revenueYear`.
        public var revenueUSD: Double?
        /// `revenueYear`, with `revenueUSD`.
        public var revenueYear: Int?
    }

    /// Checks a draft, naming the field at fault by its key.
    public init(_ draft: Draft) throws {
        try self.init(
            name: draft.name, hq: draft.headquarters, parent: draft.parentOrganisation, revenueUSD: draft.revenueUSD,
            revenueYear: draft.revenueYear)
    }

    /// Checks the fields as typed, naming the one at fault by its key.
    public init(
        name: String, hq: String, parent: String? = nil, revenueUSD: Double? = nil, revenueYear: Int? = nil
    )
        throws
    {
        self.name = try FieldKey.organisation.parsing { try OrganisationName(name) }
        headquarters = try FieldKey.headquarters.parsing { try CountryCode(hq) }
        self.parent = try FieldKey.parentOrganisation.parsing { try parent.map { try OrganisationName($0) } }
        revenue = try Self.revenue(usd: revenueUSD, year: revenueYear)
    }

    /// A revenue figure needs both the amount and its year.
    static func revenue(usd: Double?, year: Int?) throws -> Revenue? {
        switch (usd, year) {
        case (nil, nil): return nil
        case (let usd?, let year?): return try Revenue(usd: usd, year: year)
        case (nil, _): throw DomainError.inconsistent("\(field: .revenueYear) needs \(field: .revenueUSD)")
        case (_, nil): throw DomainError.inconsistent("\(field: .revenueUSD) needs \(field: .revenueYear)")
        }
    }
}

/// A dated change to an organisation, checked: the typed command behind `weightledger org set`.
public struct OrganisationUpdate: Equatable, Sendable {
    /// The organisation.
    public var name: OrganisationName
    /// The day a headquarters or parent change took effect.
    public var date: LedgerDate?
    /// The new headquarters.
    public var headquarters: CountryCode?
    /// The new parent (`none`: it no longer belongs to one).
    public var parent: OrganisationChanged.ParentChange?
    /// Another year's revenue.
    public var revenue: Revenue?

    /// The change as sent to the API (`POST /api/v1/organisations/{name}/changes`).
    public struct Draft: Codable, Equatable, Sendable {
        /// `on`: the day a headquarters or parent change took effect.
        public var on: String?
        /// `headquarters`.
        public var headquarters: String?
        /// `parentOrganisation` (`none`: no longer part of one).
        public var parentOrganisation: String?
        /// `revenueUSD`, with `revenueYear`.
        public var revenueUSD: Double?
        /// `revenueYear`, with `revenueUSD`.
        public var revenueYear: Int?
    }

    /// Checks a draft for the organisation `name`.
    public init(name: String, _ draft: Draft) throws {
        try self.init(
            name: name, on: draft.on, hq: draft.headquarters, parent: draft.parentOrganisation,
            revenueUSD: draft.revenueUSD, revenueYear: draft.revenueYear)
    }

    /// Checks the fields as typed: a headquarters or parent change needs its day.
    public init(
        name: String, on: String? = nil, hq: String? = nil, parent: String? = nil, revenueUSD: Double? = nil,
        revenueYear: Int? = nil
    ) throws {
        self.name = try FieldKey.organisation.parsing { try OrganisationName(name) }
        date = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        headquarters = try FieldKey.headquarters.parsing { try hq.map { try CountryCode($0) } }
        self.parent = try FieldKey.parentOrganisation.parsing {
            try parent.map { .init(organisation: $0 == "none" ? nil : try OrganisationName($0)) }
        }
        revenue = try OrganisationRequest.revenue(usd: revenueUSD, year: revenueYear)
        if (headquarters != nil || self.parent != nil) && date == nil {
            throw DomainError.inconsistent(
                "a change of \(field: .headquarters) or \(field: .parentOrganisation) needs \(field: .on), the day it "
                    + "took effect")
        }
        if headquarters == nil && self.parent == nil && revenue == nil {
            throw InputError(
                "give what changed: \(field: .headquarters), \(field: .parentOrganisation) or \(field: .revenueUSD)")
        }
    }
}
