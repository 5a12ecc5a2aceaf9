import LedgerCore

/// The days around one on which nothing a policy evaluation reads changes: between two of its
/// boundaries (a pack's dated standing or set membership, an organisation's dated fact, a
/// publication or withdrawal in the lineage, a new calendar year for revenue). Evaluated on any
/// day of the span, an artifact has the same findings; only the day written in them differs.
/// What `flags` keeps between runs is kept for the span (`Flags.needingAttention`).
public struct DateSpan: Sendable, Equatable {
    /// The first day of the span (nil: every day before too).
    public let from: LedgerDate?
    /// The first day after it (nil: every day after too).
    public let until: LedgerDate?

    /// A span with both ends given.
    public init(from: LedgerDate?, until: LedgerDate?) {
        self.from = from
        self.until = until
    }

    /// Every day.
    public static let always = DateSpan(from: nil, until: nil)

    /// The span around `day` that no boundary splits: a fact dated `b` holds on a day `d` when
    /// `b <= d`, so every comparison reads the same on the days from the latest boundary on or
    /// before `day` to the first one after it.
    public init(around day: LedgerDate, boundaries: some Sequence<LedgerDate>) {
        var (from, until): (LedgerDate?, LedgerDate?) = (nil, nil)
        for boundary in boundaries {
            if boundary <= day {
                if from.map({ boundary > $0 }) ?? true { from = boundary }
            } else if until.map({ boundary < $0 }) ?? true {
                until = boundary
            }
        }
        self.init(from: from, until: until)
    }

    /// The span of an evaluation on `day` of `packs` with `organisations`: their dated facts and
    /// the calendar year (revenue is read by year). Publications are the lineage's own
    /// (`LineageFacts.publicationDates`), added by whoever evaluates it.
    public init(evaluatingOn day: LedgerDate, packs: [PolicyPack], organisations: OrganisationDirectory) {
        var boundaries = packs.flatMap(\.dateBoundaries) + organisations.dateBoundaries
        for year in [day.year, day.year + 1] {
            if let newYear = try? LedgerDate("\(year)-01-01") { boundaries.append(newYear) }
        }
        self.init(around: day, boundaries: boundaries)
    }

    /// Whether `day` is in the span.
    public func contains(_ day: LedgerDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day < $0 } ?? true)
    }

    /// The days in both spans (they must share one, as spans around one day do).
    public func intersection(_ other: DateSpan) -> DateSpan {
        DateSpan(
            from: [from, other.from].compactMap { $0 }.max(), until: [until, other.until].compactMap { $0 }.min())
    }
}

extension OrganisationDirectory {
    /// Every day an organisation's headquarters or parent changed: evaluations read them as of a day.
    public var dateBoundaries: [LedgerDate] {
        organisations.values.flatMap { organisation in
            organisation.headquarters.compactMap(\.from) + organisation.parent.compactMap(\.from)
        }
    }
}
