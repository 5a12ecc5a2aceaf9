import LedgerPolicy

/// What the tags and statuses in a report mean, in plain words (a reader outside the project has
/// never seen `[secondary]` or `in-force-compliance-pending`). The confidence words follow
/// POLICY-BRIEF.md; the statuses follow `PackStatus.Standing`.
enum ReportLegend {
    /// The confidence tags citations and parameters carry.
    static let confidence: [(tag: String, meaning: String)] = [
        ("[primary]", "read in the official text (the statute, the Federal Register, the Official Journal)"),
        (
            "[secondary]",
            "from law-firm alerts or analysts, not checked against the official text; the value is a named "
                + "parameter of the pack, with a note"
        ),
        (
            "[uncertain]",
            "sources disagree; the pack takes the conservative reading as its default and names the other in a note"
        ),
    ]

    /// Each standing a pack can have on a date.
    static let statuses: [(status: PackStatus.Standing, meaning: String)] = [
        (.notYetEffective, "the law exists but is not yet in effect: nothing is required yet"),
        (.compliancePending, "in effect, but compliance is not yet required (before the compliance date)"),
        (.notYetEnforced, "compliance is required, but enforcement (for example fines) starts later"),
        (.inForce, "in force and enforced"),
        (
            .enforcementSuspended,
            "in force as written, but the authority announced it will not enforce it; what the text requires is "
                + "still shown, marked NOT ENFORCED"
        ),
        (.rescinded, "withdrawn: it no longer requires anything"),
    ]

    /// One line per tag and status, plain text.
    static var lines: [String] {
        confidence.map { "\($0.tag): \($0.meaning)" } + statuses.map { "\($0.status.rawValue): \($0.meaning)" }
    }
}
