/// One organisation with its facts over time: where it is headquartered, which organisation it
/// belongs to, and its revenue year by year. Each fact is dated (the day it became true, or the
/// year it covers), so evaluations read the facts as they stood on their date.
public struct Organisation: Equatable, Sendable {
    /// Its name.
    public let name: OrganisationName
    /// Its headquarters country, each change from its day.
    public var headquarters: [Dated<CountryCode>]
    /// The organisation it belongs to (nil: none), each change from its day.
    public var parent: [Dated<OrganisationName?>]
    /// Revenue by year, the latest recorded figure for each year.
    public var revenue: [Int: Revenue]
    /// The event that added it.
    public let addedSeq: Int64

    /// An organisation with no facts yet (a store fills them in event order).
    public init(name: OrganisationName, addedSeq: Int64) {
        self.name = name
        headquarters = []
        parent = []
        revenue = [:]
        self.addedSeq = addedSeq
    }

    /// An organisation as added, with no later changes.
    public init(_ added: OrganisationAdded, seq: Int64) {
        name = added.name
        headquarters = [Dated(from: nil, value: added.headquarters, seq: seq)]
        parent = [Dated(from: nil, value: added.parent, seq: seq)]
        revenue = [:]
        if let figure = added.revenue { revenue[figure.year] = figure }
        addedSeq = seq
    }

    /// Applies a later change (the projection rule for `organisation.changed`).
    public mutating func apply(_ change: OrganisationChanged, seq: Int64) {
        if let country = change.headquarters {
            headquarters.append(Dated(from: change.on, value: country, seq: seq))
        }
        if let parentChange = change.parent {
            parent.append(Dated(from: change.on, value: parentChange.organisation, seq: seq))
        }
        if let figure = change.revenue { revenue[figure.year] = figure }
    }

    /// The headquarters on `date` (nil date: the latest recorded).
    public func headquarters(on date: LedgerDate?) -> CountryCode? {
        Dated.latest(in: headquarters, on: date) ?? headquarters.first?.value
    }

    /// The organisation it belonged to on `date`.
    public func parent(on date: LedgerDate?) -> OrganisationName? {
        Dated.latest(in: parent, on: date) ?? nil
    }
}

/// Every organisation the ledger knows, by name: what evaluations read about exporters and developers.
public struct OrganisationDirectory: Equatable, Sendable {
    /// The organisations by name.
    public private(set) var organisations: [OrganisationName: Organisation]

    /// A directory of `organisations`.
    public init(_ organisations: [Organisation] = []) {
        var map: [OrganisationName: Organisation] = [:]
        for organisation in organisations { map[organisation.name] = organisation }
        self.organisations = map
    }

    /// The organisation called `name`.
    public subscript(name: OrganisationName) -> Organisation? { organisations[name] }

    /// The organisation and every one above it on `date`, nearest first, up to its ultimate
    /// parent (a loop in the records stops at the first repeat; an unknown parent ends the chain
    /// and is reported by `missingParent`).
    public func chain(of name: OrganisationName, on date: LedgerDate?) -> [Organisation] {
        var chain: [Organisation] = []
        var seen: Set<OrganisationName> = []
        var next: OrganisationName? = name
        while let current = next, seen.insert(current).inserted, let organisation = organisations[current] {
            chain.append(organisation)
            next = organisation.parent(on: date)
        }
        return chain
    }

    /// A parent named in the chain of `name` on `date` that the ledger does not know, if any.
    public func missingParent(of name: OrganisationName, on date: LedgerDate?) -> OrganisationName? {
        guard let top = chain(of: name, on: date).last, let parent = top.parent(on: date) else { return nil }
        return organisations[parent] == nil ? parent : nil
    }
}
