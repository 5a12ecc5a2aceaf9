/// A correction of facts recorded wrong, checked: the typed command behind `weightledger correct`.
/// Only the fields given change; the use case refuses a correction that changes nothing.
public struct Correction: Equatable, Sendable {
    /// The artifact corrected, as typed.
    public var artifact: ArtifactReference
    /// Why the recorded facts were wrong (required: the log keeps it with the change).
    public var reason: String
    /// The right kind.
    public var kind: TrainingKind?
    /// The right parents, replacing the recorded ones (`--parent`, repeatable).
    public var parents: [ArtifactReference]?
    /// Parents to add to the recorded ones (`--add-parent`).
    public var addParents: [ArtifactReference]
    /// Parents to remove from the recorded ones (`--remove-parent`).
    public var removeParents: [ArtifactReference]
    /// The right training country.
    public var trainedIn: CountryCode?
    /// The right site.
    public var site: String?
    /// The right compute, with its method.
    public var compute: ComputeClaim
    /// The right start day.
    public var started: LedgerDate?
    /// The right end day.
    public var finished: LedgerDate?
    /// The right developer.
    public var developer: OrganisationName?

    /// The correction as typed or sent. The JSON keys are the API's contract.
    public struct Draft: Codable, Equatable, Sendable {
        /// `reason` (`--reason`).
        public var reason: String?
        /// `kind` (`--kind`).
        public var kind: String?
        /// `parents` (`--parent`, repeatable): replaces the recorded parents.
        public var parents: [String]?
        /// `addParents` (`--add-parent`, repeatable).
        public var addParents: [String]?
        /// `removeParents` (`--remove-parent`, repeatable).
        public var removeParents: [String]?
        /// `trainedIn` (`--trained-in`).
        public var trainedIn: String?
        /// `site` (`--site`).
        public var site: String?
        /// `compute` (`--compute`, `--params` … `--hours`).
        public var compute: ComputeDraft?
        /// `started` (`--started`).
        public var started: String?
        /// `finished` (`--finished`).
        public var finished: String?
        /// `developer` (`--developer`).
        public var developer: String?

        /// A draft with the fields given.
        public init(
            reason: String? = nil, kind: String? = nil, parents: [String]? = nil, addParents: [String]? = nil,
            removeParents: [String]? = nil, trainedIn: String? = nil, site: String? = nil,
            compute: ComputeDraft? = nil, started: String? = nil, finished: String? = nil, developer: String? = nil
        ) {
            self.reason = reason
            self.kind = kind
            self.parents = parents
            self.addParents = addParents
            self.removeParents = removeParents
            self.trainedIn = trainedIn
            self.site = site
            self.compute = compute
            self.started = started
            self.finished = finished
            self.developer = developer
        }
    }

    /// Checks every field, naming the one at fault by its key.
    public init(artifact: String, _ draft: Draft) throws {
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        reason = try FreeText.required(draft.reason, field: .reason)
        kind = try FieldKey.kind.parsing { try draft.kind.map { try TrainingKind(parsing: $0) } }
        parents = try FieldKey.parents.parsing { try draft.parents.map { try $0.map { try ArtifactReference($0) } } }
        addParents = try FieldKey("addParents").parsing {
            try (draft.addParents ?? []).map { try ArtifactReference($0) }
        }
        removeParents = try FieldKey("removeParents").parsing {
            try (draft.removeParents ?? []).map { try ArtifactReference($0) }
        }
        if parents != nil && !(addParents.isEmpty && removeParents.isEmpty) {
            throw DomainError.inconsistent(
                "give either \(field: .parents) (the whole list) or \(field: "addParents")/"
                    + "\(field: "removeParents"), not both")
        }
        trainedIn = try FieldKey.trainedIn.parsing { try draft.trainedIn.map { try CountryCode($0) } }
        site = try draft.site.map { try FreeText.required(FreeText.line($0, field: .site), field: .site) }
        compute = try (draft.compute ?? ComputeDraft()).claim()
        started = try FieldKey.started.parsing { try draft.started.map { try LedgerDate($0) } }
        finished = try FieldKey.finished.parsing { try draft.finished.map { try LedgerDate($0) } }
        developer = try FieldKey.developer.parsing { try draft.developer.map { try OrganisationName($0) } }
        let givesSomething =
            kind != nil || parents != nil || !addParents.isEmpty || !removeParents.isEmpty || trainedIn != nil
            || site != nil || compute.isGiven || started != nil || finished != nil || developer != nil
        guard givesSomething else {
            throw InputError(
                "give the fact to correct: \(field: .kind), \(field: .parents), \(field: "addParents"), "
                    + "\(field: .trainedIn), \(field: .site), \(field: .compute), \(field: .started), "
                    + "\(field: .finished) or \(field: .developer)")
        }
    }
}

/// A withdrawal of published weights, checked: the typed command behind `weightledger unpublish`.
public struct UnpublishRequest: Equatable, Sendable {
    /// The weights withdrawn, as typed.
    public var artifact: ArtifactReference
    /// The first day they were no longer published.
    public var date: LedgerDate
    /// Why.
    public var reason: String

    /// The withdrawal as sent to the API (`POST /api/v1/artifacts/{ref}/withdrawals`).
    public struct Draft: Codable, Equatable, Sendable {
        /// `on`: YYYY-MM-DD, the first day the weights were no longer published.
        public var on: String
        /// `reason`: why.
        public var reason: String?
        /// A draft with the fields given.
        public init(on: String, reason: String?) {
            self.on = on
            self.reason = reason
        }
    }

    /// Checks the fields as typed, naming the one at fault by its key.
    public init(artifact: String, on date: String, reason: String?) throws {
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        self.date = try FieldKey.on.parsing { try LedgerDate(date) }
        self.reason = try FreeText.required(reason, field: .reason)
    }
}

/// Free text a person types (reasons, sites): trimmed, not empty, at most 2,000 characters, with
/// no control characters but tab and newline (they would reach terminals and reports).
public enum FreeText {
    /// The trimmed text, or an error naming `field`.
    public static func required(_ text: String?, field: FieldKey) throws -> String {
        guard let trimmed = text?.trimmingSpaces, !trimmed.isEmpty else {
            throw InputError("\(field: field) is required and may not be blank")
        }
        guard trimmed.count <= 2_000 else { throw InputError("\(field: field) is longer than 2,000 characters") }
        let control = trimmed.unicodeScalars.contains {
            $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\n"
        }
        if control { throw InputError("\(field: field) holds a control character (only tab and newline are allowed)") }
        return trimmed
    }

    /// A one-line value (a site, a recipient, a license's authority or number): trimmed, or nil
    /// when blank; refused when longer than `limit` characters or holding a control character
    /// (NUL, newline, escape…) or an invisible formatting one (a right-to-left override, a zero-width
    /// space): such text would cut a stored value short, forge a line of a report or hide what it says.
    public static func line(_ text: String?, field: FieldKey, limit: Int = 200) throws -> String? {
        guard let trimmed = text?.trimmingSpaces, !trimmed.isEmpty else { return nil }
        guard trimmed.count <= limit else { throw InputError("\(field: field) is longer than \(limit) characters") }
        if let scalar = trimmed.unicodeScalars.first(where: isHidden) {
            throw InputError(
                "\(field: field) holds \(describe(scalar)); it must be one line of visible text")
        }
        return trimmed
    }

    /// Control characters (C0, DEL, C1) and formatting characters (bidirectional overrides and
    /// isolates, zero-width spaces and joiners, byte-order marks).
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x7f { return scalar.value < 0x20 }
        let category = scalar.properties.generalCategory
        return category == .control || category == .format || category == .lineSeparator
            || category == .paragraphSeparator
    }

    /// "the control character U+0000" and the like.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.properties.generalCategory == .control
            ? "the control character \(code)" : "the invisible formatting character \(code)"
    }
}

extension Correction {
    /// The record with this correction applied, and each field that changed in words; `parents`
    /// are the resolved parents after the correction, `compute` the resolved figure when given.
    /// Validates the whole record again (kind against parent count, dates in order). The whole list
    /// of parents (`--parent`) replaces the parents outside the ledger too: once a base model is
    /// registered, a correction names it and the external parent goes.
    public func applied(
        to recorded: TrainingRecord, parents: [ArtifactDigest], compute: Compute?
    ) throws -> (record: TrainingRecord, changes: [ArtifactCorrected.Change]) {
        let record = try TrainingRecord(
            kind: kind ?? recorded.kind, parents: parents, trainedIn: trainedIn ?? recorded.trainedIn,
            site: site ?? recorded.site, compute: compute ?? recorded.compute, published: nil,
            started: started ?? recorded.started, finished: finished ?? recorded.finished,
            developer: developer ?? recorded.developer, externalParents: self.parents == nil ? recorded.externals : [])
        var changes: [ArtifactCorrected.Change] = []
        func note<T: Equatable>(_ field: FieldKey, _ old: T, _ new: T, _ show: (T) -> String) {
            if old != new { changes.append(.init(field: field.path, from: show(old), to: show(new))) }
        }
        note(.kind, recorded.kind, record.kind) { $0.rawValue }
        note(.parents, recorded.parents, record.parents) { list in
            list.isEmpty ? "none" : list.map(\.value).joined(separator: ", ")
        }
        note(FieldKey("externalParents"), recorded.externals, record.externals) { list in
            list.isEmpty ? "none" : list.joined(separator: ", ")
        }
        note(.trainedIn, recorded.trainedIn, record.trainedIn) { $0?.code ?? "none" }
        note(.site, recorded.site, record.site) { $0 ?? "none" }
        note(.compute, recorded.compute, record.compute) { compute in
            compute.method == .unknown
                ? "unknown" : "\(Format.operations(compute.operations)) operations (\(compute.method.rawValue))"
        }
        note(.started, recorded.started, record.started) { $0?.description ?? "none" }
        note(.finished, recorded.finished, record.finished) { $0?.description ?? "none" }
        note(.developer, recorded.developer, record.developer) { $0?.value ?? "none" }
        return (record, changes)
    }
}
