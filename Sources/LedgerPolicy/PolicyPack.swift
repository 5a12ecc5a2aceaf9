import LedgerCore

/// A versioned policy pack: one jurisdiction's rules as data, evaluated as of a date.
///
/// Format: schema/policy-pack.schema.json; built-in packs: policies/*.json.
public struct PolicyPack: Sendable {
    /// Stable id, e.g. `us-bis-ai-diffusion-2025`.
    public let id: String
    /// The pack's version.
    public let version: String
    /// Its title.
    public let title: String
    /// The jurisdiction whose rule it encodes.
    public let jurisdiction: String
    /// What the pack governs, for reports: e.g. export control, placing on the market.
    public let scope: String
    /// Sources by key, cited by rules, parameters and dates.
    public let citations: [String: Citation]
    /// Dated status changes, oldest first.
    public let timeline: [StatusChange]
    /// Named values rules compare against, with confidence and notes.
    public let parameters: [String: Parameter]
    /// Named, dated sets of countries (tiers, lists).
    public let countrySets: [String: CountrySet]
    /// Named conditions rules refer to with `{"is": NAME}`, so a legal test is written once.
    public let definitions: [String: Condition]
    /// The rules, in the order they are evaluated.
    public let rules: [Rule]
    /// Free-text caveats legal should read with every report.
    public let notes: [String]
    /// Readings of uncertain law a finding states when it depends on them.
    public let positions: [Position]

    /// A reading the pack takes through a parameter, printed in every finding of the pack whose
    /// subject it concerns (`when`), so a report says which reading it rests on.
    public struct Position: Sendable {
        /// The parameter holding the reading.
        public let parameter: String
        /// When the reading matters for a subject (e.g. its lineage has a distillation step).
        public let when: Condition
        /// What the finding says for each value of the parameter.
        public let text: [String: String]
    }

    /// Where a fact or rule comes from.
    public struct Citation: Sendable, Equatable {
        /// The citation as text.
        public let text: String
        /// Where to read it, when public.
        public let url: String?

        /// The text, with the URL in angle brackets when there is one.
        public var rendered: String { url.map { "\(text) <\($0)>" } ?? text }
    }

    /// How sure the pack's authors are of a value (POLICY-BRIEF's tags).
    public enum Confidence: String, Sendable, CaseIterable {
        case primary, secondary, uncertain
    }

    /// A dated change in the rule's legal status.
    public struct StatusChange: Sendable, Equatable {
        /// What changed on the date.
        public enum Kind: String, Sendable, CaseIterable {
            /// The rule takes legal effect.
            case effective
            /// Compliance with the rule is required from here on.
            case compliance
            /// The authority may enforce (e.g. fine) from here on; without such an entry,
            /// enforcement starts with compliance.
            case enforcement
            /// The authority announced it will not enforce the rule.
            case enforcementSuspended = "enforcement-suspended"
            /// Enforcement resumes after a suspension.
            case enforcementResumed = "enforcement-resumed"
            /// The rule no longer exists.
            case rescinded
            /// A dated event worth knowing that does not change the standing (a draft sent for
            /// review and withdrawn, a related rule that is not a replacement).
            case noted = "note"
        }
        /// The day of the change.
        public let date: LedgerDate
        /// What changed.
        public let kind: Kind
        /// Why, in words.
        public let note: String?
        /// The citation's key.
        public let citation: String?
        /// How sure the pack is of the date.
        public let confidence: Confidence
    }

    /// A named value legal can change without a code change.
    public struct Parameter: Sendable, Equatable {
        /// The value rules use.
        public let value: ParameterValue
        /// Why this value, and what else it could be.
        public let note: String?
        /// How sure the pack is of the value.
        public let confidence: Confidence
        /// The citation's key.
        public let citation: String?
        /// What the number counts (`operations`, `FLOP`, `USD`, `USD per year`, `years`,
        /// `fraction`), when the pack says.
        public let unit: String?
        /// The value as explanations print it, formatted once for its unit.
        public let text: String

        /// A parameter with every field given.
        public init(
            value: ParameterValue, note: String?, confidence: Confidence, citation: String?, unit: String? = nil
        ) {
            self.value = value
            self.note = note
            self.confidence = confidence
            self.citation = citation
            self.unit = unit
            text = Self.text(value, unit: unit)
        }

        /// A number in the one style of every output for its unit: compute as `10^26` or
        /// `3.02 × 10^26`, money and other amounts grouped (`500,000,000`; the template says the
        /// currency), a fraction as a percentage (`33.3%`); everything else as written.
        static func text(_ value: ParameterValue, unit: String?) -> String {
            guard case .number(let number) = value, let unit else { return value.description }
            switch unit {
            case "operations", "FLOP": return Format.operations(number)
            case "fraction": return Format.percent(number)
            case _ where unit.hasPrefix("USD"): return Format.grouped(number)
            default: return value.description
            }
        }
    }

    /// A parameter's value: a number, a word (`>=`, `any`), or a flag.
    public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case text(String)
        case flag(Bool)

        public var description: String {
            switch self {
            case .number(let value): return ECMAScriptNumber.format(value)
            case .text(let text): return text
            case .flag(let flag): return flag ? "true" : "false"
            }
        }
    }

    /// Countries with dated membership; may include other sets.
    public struct CountrySet: Sendable, Equatable {
        /// A country in a set, from a date until another.
        public struct Member: Sendable, Equatable {
            /// The country.
            public let code: CountryCode
            /// First day of membership (inclusive), nil for always.
            public let from: LedgerDate?
            /// First day no longer a member (exclusive), nil for still a member.
            public let until: LedgerDate?
            /// The parameter `until` was read from, when it is one (an uncertain date).
            public var untilParameter: String? = nil
            /// Why it is in the set (or left it).
            public let note: String?
        }
        /// The set's title.
        public let title: String
        /// Its members with their dates.
        public let members: [Member]
        /// Names of other sets whose members belong to this one too.
        public let includes: [String]
        /// The citation's key.
        public let citation: String?
        /// Notes on the set.
        public let note: String?
    }

    /// One rule: when the condition holds, the outcome applies.
    public struct Rule: Sendable {
        /// The rule's id in the pack.
        public let id: String
        /// The rule's title.
        public let title: String
        /// When it applies.
        public let when: Condition
        /// What it finds when it does.
        public let outcome: Outcome
        /// The citation's key.
        public let citation: String
        /// Whether the condition asks about a destination: such rules apply only to deployments and checks.
        public let needsDestination: Bool
    }

    /// What a rule's finding says and requires.
    public struct Outcome: Sendable, Equatable {
        /// The finding's code.
        public let code: String
        /// How severe it is.
        public let severity: Severity
        /// What a person must obtain or do; `none` for information.
        public let requires: Requirement
        /// Template: `{artifact}`, `{destination}`, `{cumulative}`, `{param:NAME}`, … (see `Template`).
        public let explanation: String
        /// The template split once into text and placeholders (`flags` renders it for every finding).
        let parts: [Template.Part]

        /// An outcome with every field given.
        public init(code: String, severity: Severity, requires: Requirement, explanation: String) {
            self.code = code
            self.severity = severity
            self.requires = requires
            self.explanation = explanation
            parts = Template.compile(explanation)
        }
    }
}

/// What a finding asks a person to obtain or do.
public enum Requirement: String, Sendable, CaseIterable, Codable {
    case none
    /// An export or transfer license.
    case license
    /// A notification to an authority.
    case notification
    /// A report to an authority.
    case report
    /// Obligations of a provider or developer (documentation, frameworks).
    case obligations
    /// A person must look: the facts are incomplete.
    case review
}
