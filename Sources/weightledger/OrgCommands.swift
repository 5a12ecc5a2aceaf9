import ArgumentParser
import LedgerCore
import LedgerRender
import LedgerUseCases

struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Organisations that make, ship and receive weights, with their dated facts.",
        subcommands: [OrgAddCommand.self, OrgSetCommand.self, OrgListCommand.self])
}

struct OrgAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an organisation with its headquarters (and parent, revenue).")

    @Argument(help: ArgumentHelp("Its name, as reports print it.", valueName: "name"))
    var name: String
    @Option(name: .long, help: ArgumentHelp("Headquarters country (ISO 3166-1 alpha-2).", valueName: "CC"))
    var hq: String
    @Option(name: .long, help: ArgumentHelp("The organisation it belongs to (already added).", valueName: "name"))
    var parentOrg: String?
    @OptionGroup var revenue: RevenueOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try OrganisationRequest(
            name: name, hq: hq, parent: parentOrg,
            revenueUSD: try revenue.usd(), revenueYear: revenue.revenueYear)
        let (organisation, seq) = try Organisations(context: ledger.context).add(request)
        let view = OrganisationView(organisation, event: seq)
        if output.json { return try Output.json(view) }
        print("added organisation \(OrganisationView.text(view)) (event \(seq))")
    }
}

struct OrgSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Record a dated change: a new headquarters or parent from a day on, or a year's revenue.")

    @Argument(help: ArgumentHelp("The organisation.", valueName: "name"))
    var name: String
    @Option(
        name: .long, help: ArgumentHelp("The day a --hq or --parent-org change took effect.", valueName: "YYYY-MM-DD"))
    var on: String?
    @Option(name: .long, help: ArgumentHelp("New headquarters country.", valueName: "CC"))
    var hq: String?
    @Option(name: .long, help: ArgumentHelp("New parent organisation, or 'none'.", valueName: "name"))
    var parentOrg: String?
    @OptionGroup var revenue: RevenueOptions
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let update = try OrganisationUpdate(
            name: name, on: on, hq: hq, parent: parentOrg,
            revenueUSD: try revenue.usd(), revenueYear: revenue.revenueYear)
        let (organisation, seq) = try Organisations(context: ledger.context).set(update)
        let view = OrganisationView(organisation, event: seq)
        if output.json { return try Output.json(view) }
        print("changed organisation \(OrganisationView.text(view)) (event \(seq))")
    }
}

struct OrgListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List organisations with their facts as of a date.")

    @Option(name: .long, help: ArgumentHelp("Facts as of this date (default: today).", valueName: "YYYY-MM-DD"))
    var on: String?
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = try FieldKey.on.parsing { try on.map { try LedgerDate($0) } }
        let context = try ledger.context
        let directory = try Organisations(context: context).all()
        let views = directory.organisations.values.sorted { $0.name < $1.name }.map {
            OrganisationView($0, event: $0.addedSeq, on: context.date(day))
        }
        if output.json { return try Output.json(views) }
        if views.isEmpty { return print("(no organisations)") }
        for view in views { print(OrganisationView.text(view)) }
    }
}

/// One year's revenue, as `org add` and `org set` take it.
struct RevenueOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Annual gross revenue in US dollars, for --revenue-year.", valueName: "N"))
    var revenueUSD: String?
    @Option(name: .long, help: ArgumentHelp("The calendar year of --revenue-usd.", valueName: "YYYY"))
    var revenueYear: Int?

    /// The amount as typed, parsed.
    func usd() throws -> Double? { try Output.number(revenueUSD, key: .revenueUSD) }
}
