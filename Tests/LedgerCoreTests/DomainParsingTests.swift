import Testing

@testable import LedgerCore

/// What users type, and whether the core accepts it.
@Suite struct DomainParsingTests {
    @Test func countryListIsTheFullISO3166Alpha2List() throws {
        #expect(ISO3166.names.count == 249)
        for code in ["US", "DE", "SG", "CN", "MO", "TW", "KP", "AQ", "BQ", "SS", "GB"] {
            #expect(throws: Never.self) { try CountryCode(code) }
        }
        #expect(try CountryCode("sg").code == "SG")
        #expect(try CountryCode("MO").name == "Macao")
    }

    @Test(arguments: ["XX", "UK", "EU", "USA", "", "U", "1A", "XK", "ZZ"])
    func unknownCountriesAreRefused(code: String) {
        #expect(throws: DomainError.self) { try CountryCode(code) }
    }

    @Test(arguments: [
        ("2025-01-13", true), ("2024-02-29", true), ("2025-02-29", false), ("2025-13-01", false), ("2025-1-13", false),
        ("2025-01-32", false), ("2025/01/13", false), ("13-01-2025", false), ("2025-04-31", false),
        ("1900-02-29", false),
        ("2000-02-29", true), ("2025-01-13T00:00:00Z", false), ("", false), ("２０２５-01-13", false),
    ])
    func dates(text: String, valid: Bool) {
        if valid {
            #expect((try? LedgerDate(text))?.description == text)
        } else {
            #expect(throws: DomainError.self) { try LedgerDate(text) }
        }
    }

    @Test func datesOrder() throws {
        #expect(try LedgerDate("2025-01-13") < LedgerDate("2025-05-13"))
        #expect(try LedgerDate("2024-12-31") < LedgerDate("2025-01-01"))
    }

    @Test(
        arguments: [
            ("acme/frontier-1", "acme/frontier-1", nil), ("acme/frontier-1:v1", "acme/frontier-1", "v1"),
            ("gpt2", "gpt2", nil), ("org/team/model_x.v2:int4-gguf", "org/team/model_x.v2", "int4-gguf"),
        ] as [(String, String, String?)])
    func validNames(text: String, repository: String, tag: String?) throws {
        let name = try ArtifactName(text)
        #expect(name.repository == repository)
        #expect(name.tag == tag)
        #expect(name.description == text)
    }

    @Test(arguments: [
        "", "acme/", "/model", "acme//m", "acme/m:", "acme/m:a:b", "acme/-m", "acme/m d", "sha256:abc",
        "deadbeefcafe12", "acme/m:t@x", String(repeating: "a", count: 201),
    ])
    func invalidNames(text: String) {
        #expect(throws: DomainError.self) { try ArtifactName(text) }
    }

    /// Organisation names: printable ASCII (checked byte by byte) and any other text (checked by
    /// characters and scalars) under the same rule.
    @Test(
        arguments: [
            ("Acme Labs Inc.", true), ("openlab", true), ("x", true), (String(repeating: "a", count: 120), true),
            (String(repeating: "a", count: 121), false), (String(repeating: "é", count: 120), true),
            (String(repeating: "é", count: 121), false), ("Zürich AG", true), ("北京智源", true), ("", false),
            (" Acme", false), ("Acme ", false), ("Acme\t", false), ("\nAcme", false), ("Ac\u{7F}me", false),
            ("Ac\u{1B}[2Jme", false), ("Acme\u{202E}", false), ("Ac\u{200B}me", false), ("A\u{0}", false),
            ("Acme  Labs", true), ("~!@#$%^&*()", true),
        ] as [(String, Bool)])
    func organisationNames(text: String, valid: Bool) {
        #expect((try? OrganisationName(text))?.value == (valid ? text : nil), "\(text.debugDescription)")
    }

    /// A digest already canonical (taken as written, its first 64 bits read from its bytes) is the
    /// same value, with the same hash, as any other spelling normalised to it.
    @Test(arguments: ["0123456789abcdef" + String(repeating: "f0", count: 24), String(repeating: "9a", count: 32)])
    func digestSpellingsAreOneValue(hex: String) throws {
        let canonical = try ArtifactDigest("sha256:" + hex)
        #expect(canonical.value == "sha256:" + hex)
        for spelling in [hex, hex.uppercased(), "SHA256:" + hex.uppercased(), "sha256:" + hex.uppercased()] {
            let other = try ArtifactDigest(spelling)
            #expect(other == canonical && other.hashValue == canonical.hashValue, "\(spelling)")
        }
        let bytes = Array(("sha256:" + hex).utf8)
        #expect(bytes.withUnsafeBufferPointer { ArtifactDigest(canonical: $0) } == canonical)
        for refused in ["sha256:" + hex.uppercased(), hex, "sha256:" + hex.dropLast() + "g", "sha256 " + hex] {
            #expect(Array(refused.utf8).withUnsafeBufferPointer { ArtifactDigest(canonical: $0) } == nil, "\(refused)")
        }
    }

    @Test func referencesAreClassified() throws {
        let hex = String(repeating: "ab", count: 32)
        #expect(try ArtifactReference("sha256:" + hex) == .digest(try ArtifactDigest(hex)))
        #expect(try ArtifactReference(hex.uppercased()) == .digest(try ArtifactDigest(hex)))
        #expect(try ArtifactReference("abababababab") == .digestPrefix("abababababab"))
        #expect(try ArtifactReference("sha256:ABABABABABABAB") == .digestPrefix("ababababababab"))
        #expect(try ArtifactReference("acme/m:v1") == .name(try ArtifactName("acme/m:v1")))
        #expect(throws: DomainError.self) { try ArtifactReference("sha256:abc") }
        #expect(throws: DomainError.self) { try ArtifactReference(hex + "ab") }
        #expect(throws: DomainError.self) { try ArtifactReference("not a ref") }
    }

    @Test(arguments: TrainingKind.allCases)
    func kindsRoundTrip(kind: TrainingKind) throws {
        #expect(try TrainingKind(parsing: kind.rawValue) == kind)
        #expect(try TrainingKind(parsing: kind.rawValue.uppercased()) == kind)
    }

    @Test(arguments: [
        (TrainingKind.pretrain, 0, true), (.pretrain, 1, false), (.continuedPretrain, 0, false),
        (.continuedPretrain, 1, true),
        (.finetune, 0, false), (.finetune, 1, true), (.finetune, 2, true), (.merge, 1, false), (.merge, 2, true),
        (.merge, 3, true),
        (.quantize, 0, false), (.quantize, 1, true), (.adapter, 1, true), (.distill, 1, true), (.prune, 0, false),
        (.convert, 1, true),
    ])
    func parentCountsPerKind(kind: TrainingKind, parents: Int, valid: Bool) {
        if valid {
            #expect(throws: Never.self) { try kind.validate(parentCount: parents) }
        } else {
            #expect(throws: DomainError.self) { try kind.validate(parentCount: parents) }
        }
    }

    @Test func unknownKindListsTheAcceptedOnes() {
        #expect(
            throws: DomainError.invalid(
                field: "kind", value: "lora",
                expected: "pretrain, continued-pretrain, finetune, adapter, merge, distill, quantize, prune, convert")
        ) {
            try TrainingKind(parsing: "lora")
        }
    }

    @Test func inferredKinds() {
        #expect(TrainingKind.inferred(parentCount: 0) == .pretrain)
        #expect(TrainingKind.inferred(parentCount: 1) == .finetune)
        #expect(TrainingKind.inferred(parentCount: 3) == .merge)
    }

    /// (typed, alias read or nil when refused): Hugging Face snapshot aliases.
    static let hubAliases: [(String, ArtifactReference?)] = [
        ("hf:acme/tiny", .hubAlias(repository: "acme/tiny", revision: nil)),
        ("hf:acme/tiny@main", .hubAlias(repository: "acme/tiny", revision: "main")),
        (
            "hf:acme/tiny@" + String(repeating: "a", count: 40),
            .hubAlias(repository: "acme/tiny", revision: String(repeating: "a", count: 40))
        ),
        ("hf:acme/tiny@", nil), ("hf:acme", nil), ("hf:acme/tiny:v1", nil), ("hf:acme/ti ny", nil),
        ("hf:acme/tiny@a b", nil), ("hf:", nil),
    ]

    @Test(arguments: hubAliases)
    func hubAliasesParseOrAreRefused(_ text: String, _ expected: ArtifactReference?) {
        let parsed = try? ArtifactReference(text)
        #expect(parsed == expected, "\(text)")
        if let parsed { #expect(parsed.description == text) }
    }
}
