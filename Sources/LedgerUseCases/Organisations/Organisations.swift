import LedgerCore
import LedgerStore

/// `org add`, `org set`, `org list`, `org show`: the organisations that make, ship and receive weights.
public struct Organisations {
    /// The ledger, actor and clock the use case runs with.
    public let context: AppContext
    /// The use case in `context`.
    public init(context: AppContext) { self.context = context }

    /// Adds an organisation in one event; refuses a name already taken and an unknown parent.
    public func add(_ request: OrganisationRequest) throws -> (organisation: Organisation, seq: Int64) {
        let ledger = try context.openLedger(.createIfMissing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let time = context.timestamp()
            try writer.createIfNeeded(actor: context.actor, at: time, id: context.newLedgerID())
            let directory = try writer.reader.organisations()
            if directory[request.name] != nil {
                throw InputError(
                    "organisation '\(request.name)' is already in the ledger; change its facts with `weightledger org "
                        + "set`")
            }
            if let parent = request.parent { try Self.requireKnown(parent, in: directory) }
            let event = OrganisationAdded(
                name: request.name, headquarters: request.headquarters, parent: request.parent,
                revenue: request.revenue)
            let seq = try writer.append(.organisationAdded(event), actor: context.actor, at: time)
            return (Organisation(event, seq: seq), seq)
        }
    }

    /// Records a dated change in one event; refuses an unknown organisation or parent, and a
    /// parent that would make the organisation its own ancestor.
    public func set(_ update: OrganisationUpdate) throws -> (organisation: Organisation, seq: Int64) {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.write { writer in
            let directory = try writer.reader.organisations()
            guard var organisation = directory[update.name] else {
                throw InputError("no organisation '\(update.name)' in the ledger: add it with `weightledger org add`")
            }
            if let parent = update.parent?.organisation {
                try Self.requireKnown(parent, in: directory)
                if directory.chain(of: parent, on: update.date).contains(where: { $0.name == update.name }) {
                    throw InputError("'\(parent)' belongs to '\(update.name)': an organisation cannot own its owner")
                }
            }
            let event = OrganisationChanged(
                name: update.name, on: update.date, headquarters: update.headquarters, parent: update.parent,
                revenue: update.revenue)
            let seq = try writer.append(.organisationChanged(event), actor: context.actor, at: context.timestamp())
            organisation.apply(event, seq: seq)
            return (organisation, seq)
        }
    }

    /// Every organisation, by name.
    public func all() throws -> OrganisationDirectory {
        let ledger = try context.openLedger(.existing)
        defer { context.release(ledger) }
        return try ledger.read { try $0.organisations() }
    }

    /// Refuses a name the directory does not hold, saying how to add it.
    static func requireKnown(_ name: OrganisationName, in directory: OrganisationDirectory) throws {
        if directory[name] == nil {
            throw InputError("no organisation '\(name)' in the ledger: add it first with `weightledger org add`")
        }
    }
}
