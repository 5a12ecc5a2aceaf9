/// An organisation entered the ledger (`weightledger org add`).
public struct OrganisationAdded: Codable, Equatable, Sendable {
    /// Its name, unique in the ledger.
    public let name: OrganisationName
    /// Where it is headquartered.
    public let headquarters: CountryCode
    /// The organisation it belongs to, already in the ledger.
    public let parent: OrganisationName?
    /// One year's revenue, when given.
    public let revenue: Revenue?

    /// An organisation with every field given.
    public init(name: OrganisationName, headquarters: CountryCode, parent: OrganisationName?, revenue: Revenue?) {
        self.name = name
        self.headquarters = headquarters
        self.parent = parent
        self.revenue = revenue
    }
}

/// A fact about an organisation changed or was added (`weightledger org set`): a new headquarters
/// or parent from a day on, or another year's revenue. Earlier facts stay as recorded.
public struct OrganisationChanged: Codable, Equatable, Sendable {
    /// A change of parent; `organisation` nil means it no longer belongs to one.
    public struct ParentChange: Codable, Equatable, Sendable {
        /// The new parent.
        public let organisation: OrganisationName?
        /// A change to `organisation`.
        public init(organisation: OrganisationName?) { self.organisation = organisation }
    }

    /// The organisation.
    public let name: OrganisationName
    /// The day a headquarters or parent change took effect.
    public let on: LedgerDate?
    /// The new headquarters.
    public let headquarters: CountryCode?
    /// The new parent.
    public let parent: ParentChange?
    /// A year's revenue.
    public let revenue: Revenue?

    /// A change with every field given.
    public init(
        name: OrganisationName, on: LedgerDate?, headquarters: CountryCode?, parent: ParentChange?, revenue: Revenue?
    ) {
        self.name = name
        self.on = on
        self.headquarters = headquarters
        self.parent = parent
        self.revenue = revenue
    }
}
