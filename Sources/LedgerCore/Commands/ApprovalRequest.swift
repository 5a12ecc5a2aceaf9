/// `approve REF --to CC --by NAME [--note TEXT] [--report-digest D]`: a person's sign-off on a
/// deployment, for the report they reviewed (same destination, date, exporter and packs).
public struct ApprovalRequest: Equatable, Sendable {
    /// The report approved: artifact, destination (required), date, packs, exporter.
    public var review: ReviewRequest
    /// Who approves, one line.
    public var by: String
    /// What they note, if anything.
    public var note: String?
    /// The digest of the report they saw (`sha256:…`, printed by `review`); nil: the report as it
    /// stands when the approval is recorded.
    public var reportDigest: String?

    /// Checks the fields as typed or sent, naming the one at fault by its key.
    public init(
        artifact: String, to: String?, on: String? = nil, policies: [String] = [], exporter: String? = nil,
        by: String?, note: String? = nil, reportDigest: String? = nil
    ) throws {
        review = try ReviewRequest(artifact: artifact, to: to, on: on, policies: policies, exporter: exporter)
        guard review.destination != nil else {
            throw InputError("\(field: .to) is required: an approval is for one destination")
        }
        guard let approver = try FreeText.line(by, field: .by) else {
            throw InputError("\(field: .by) is required: the person who approves")
        }
        self.by = approver
        self.note = try note.map { try FreeText.required($0, field: .note) }
        if let reportDigest {
            let hex = reportDigest.hasPrefix("sha256:") ? reportDigest.dropFirst(7) : ""
            guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw InputError(
                    "\(field: .reportDigest) \(reportDigest.prefix(80)) is not sha256: and 64 lowercase hex digits "
                        + "(review prints the report's digest)")
            }
        }
        self.reportDigest = reportDigest
    }

    /// The approval as sent to `POST /api/v1/approvals`. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `artifact` (the CLI's reference argument).
        public var artifact: String
        /// `to` (`--to`): the destination approved.
        public var to: String?
        /// `by` (`--by`): the person who approves.
        public var by: String?
        /// `note` (`--note`).
        public var note: String?
        /// `reportDigest` (`--report-digest`): the digest of the report they saw.
        public var reportDigest: String?
        /// `on` (`--on`): the report's date, YYYY-MM-DD.
        public var on: String?
        /// `exporter` (`--exporter`).
        public var exporter: String?
        /// `policies` (`--policy`, repeatable): pack ids.
        public var policies: [String]?

        /// A draft with the fields given; nil fields were not given.
        public init(
            artifact: String, to: String?, by: String?, note: String? = nil, reportDigest: String? = nil,
            on: String? = nil, exporter: String? = nil, policies: [String]? = nil
        ) {
            self.artifact = artifact
            self.to = to
            self.by = by
            self.note = note
            self.reportDigest = reportDigest
            self.on = on
            self.exporter = exporter
            self.policies = policies
        }
    }

    /// Checks every field of `draft`, naming the one at fault by its key.
    public init(_ draft: Draft) throws {
        try self.init(
            artifact: draft.artifact, to: draft.to, on: draft.on, policies: draft.policies ?? [],
            exporter: draft.exporter, by: draft.by, note: draft.note, reportDigest: draft.reportDigest)
    }
}
