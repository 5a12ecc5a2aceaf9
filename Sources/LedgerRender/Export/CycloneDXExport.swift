import Hashing
import LedgerCore
import LedgerUseCases

/// `export --format cyclonedx`: a CycloneDX 1.6 JSON BOM (schema/exports.md): one
/// `machine-learning-model` component per artifact, its files as `file` components with their
/// SHA-256, its lineage as `pedigree.ancestors` and `dependencies`, a `modelCard` with what the
/// headers and the model card say, and the training facts and policy outcomes as `weightledger:`
/// properties; the BOM's metadata names the ledger, the log size and root.
enum CycloneDXExport {
    /// The payload type of a BOM in a DSSE envelope.
    static let payloadType = "application/vnd.cyclonedx+json"

    static func bom(_ source: ExportSource) throws -> JSONValue {
        let components = source.members.map { component($0, source) }
        let memberDigests = Set(source.members.map(\.record.digest))
        let dependencies: [JSONValue] = source.members.map { member in
            .object([
                "ref": .string(member.record.digest.value),
                "dependsOn": .array(
                    member.record.training.parents.filter(memberDigests.contains).map { .string($0.value) }),
            ])
        }
        let subject = source.members[0].record
        // A serial number that is the same for the same artifact read at the same log root.
        let seed = try SHA256.hash(Array((subject.digest.value + Hex.encode(source.evidence.rootHash)).utf8)).bytes
        return .object([
            "bomFormat": .string("CycloneDX"),
            "specVersion": .string("1.6"),
            "serialNumber": .string("urn:uuid:" + uuid(seed)),
            "version": .number(1),
            "metadata": .object([
                "timestamp": .string(source.generatedAt),
                "tools": .object([
                    "components": .array([
                        .object([
                            "type": .string("application"), "name": .string("WeightLedger"),
                            "version": .string(WeightLedgerVersion.current),
                        ])
                    ])
                ]),
                "component": .object([
                    "type": .string("machine-learning-model"), "name": .string(name(subject)),
                    "bom-ref": .string("metadata:" + subject.digest.value),
                ]),
                "properties": ExportFacts.properties([
                    ("ledger:id", source.evidence.ledgerID), ("log:treeSize", String(source.evidence.treeSize)),
                    ("log:rootHash", Hex.encode(source.evidence.rootHash)), ("readAt", source.generatedAt),
                ]),
            ]),
            "components": .array(components),
            "dependencies": .array(dependencies),
        ])
    }

    static func component(_ member: ExportMember, _ source: ExportSource) -> JSONValue {
        let record = member.record
        var object: [String: JSONValue] = [
            "type": .string("machine-learning-model"),
            "bom-ref": .string(record.digest.value),
            "name": .string(name(record)),
            "components": .array(
                record.files.map { file in
                    .object([
                        "type": .string("file"), "bom-ref": .string(record.digest.value + "/" + file.path),
                        "name": .string(file.path),
                        "hashes": .array([
                            .object(["alg": .string("SHA-256"), "content": .string(ExportFacts.hex(file.sha256))])
                        ]),
                    ])
                }),
            "modelCard": modelCard(member),
            "properties": ExportFacts.properties([
                ("artifact", record.digest.value), ("registration:event", String(member.registration.seq)),
            ]),
        ]
        if let tag = record.names.first?.tag { object["version"] = .string(tag) }
        if record.form == .file {
            object["hashes"] = .array([
                .object(["alg": .string("SHA-256"), "content": .string(ExportFacts.hex(record.digest))])
            ])
        }
        if let license = record.card?.license {
            object["licenses"] = .array([.object(["license": .object(["name": .string(license)])])])
        }
        let ancestors: [JSONValue] =
            record.training.parents.map { parent in
                let parentRecord = source.parents[parent]
                return .object([
                    "type": .string("machine-learning-model"),
                    "name": .string(parentRecord.map(name) ?? parent.value),
                    "properties": ExportFacts.properties([("artifact", parent.value)]),
                ])
            }
            + record.training.externals.map { external in
                .object([
                    "type": .string("machine-learning-model"), "name": .string(external),
                    "properties": ExportFacts.properties([("parentOutsideLedger", "true")]),
                ])
            }
        if !ancestors.isEmpty { object["pedigree"] = .object(["ancestors": .array(ancestors)]) }
        return .object(object)
    }

    static func modelCard(_ member: ExportMember) -> JSONValue {
        let record = member.record
        var parameters: [String: JSONValue] = [:]
        if let task = record.card?.pipelineTag { parameters["task"] = .string(task) }
        if let architecture = record.model?.architecture { parameters["architectureFamily"] = .string(architecture) }
        if let modelName = record.model?.name { parameters["modelArchitecture"] = .string(modelName) }
        let datasets = record.card?.datasets ?? []
        if !datasets.isEmpty {
            parameters["datasets"] = .array(
                datasets.map { .object(["type": .string("dataset"), "name": .string($0)]) })
        }
        var pairs: [(name: String, value: String)] = []
        if let model = record.model {
            pairs.append(("model:format", model.format))
            pairs.append(("model:parameters", String(model.parameters)))
            if let active = model.activeParameters { pairs.append(("model:activeParameters", String(active))) }
        }
        let facts = ExportFacts.training(member) + pairs + ExportFacts.policy(member)
        var card: [String: JSONValue] = ["properties": ExportFacts.properties(facts)]
        if !parameters.isEmpty { card["modelParameters"] = .object(parameters) }
        return .object(card)
    }

    /// `org/name` of the first name, else the digest.
    static func name(_ record: ArtifactRecord) -> String {
        record.names.first?.repository ?? record.digest.value
    }

    /// A version-4-shaped UUID from the first 16 bytes of `seed`.
    static func uuid(_ seed: [UInt8]) -> String {
        var bytes = Array(seed.prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = Array(Hex.encode(bytes))
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return parts.joined(separator: "-")
    }
}
