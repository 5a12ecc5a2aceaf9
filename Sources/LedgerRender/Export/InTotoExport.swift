import Hashing
import LedgerCore
import LedgerUseCases

/// `export --format in-toto`: an in-toto Statement v1 with an SLSA Provenance v1 predicate for the
/// step that made each artifact (schema/exports.md): the files as subjects, the training facts as
/// external parameters, the parents as resolved dependencies, and the ledger, event and inclusion
/// proof the facts were read with as run details.
enum InTotoExport {
    /// The payload type of a statement in a DSSE envelope.
    static let payloadType = "application/vnd.in-toto+json"
    /// SLSA Provenance v1.
    static let predicateType = "https://slsa.dev/provenance/v1"

    /// One statement per member (the artifact first, then its ancestors with `--with-lineage`).
    static func statements(_ source: ExportSource) -> [JSONValue] {
        source.members.map { statement($0, source) }
    }

    static func statement(_ member: ExportMember, _ source: ExportSource) -> JSONValue {
        let record = member.record
        let subjects: [JSONValue] = record.files.map {
            .object(["name": .string($0.path), "digest": .object(["sha256": .string(ExportFacts.hex($0.sha256))])])
        }
        return .object([
            "_type": .string("https://in-toto.io/Statement/v1"),
            "subject": .array(subjects),
            "predicateType": .string(predicateType),
            "predicate": .object([
                "buildDefinition": buildDefinition(member, source),
                "runDetails": runDetails(member, source),
            ]),
        ])
    }

    static func buildDefinition(_ member: ExportMember, _ source: ExportSource) -> JSONValue {
        let record = member.record
        let training = record.training
        var external: [String: JSONValue] = [
            "kind": .string(training.kind.rawValue),
            "compute": .object([
                "method": .string(training.compute.method.rawValue),
                "operations": training.compute.operations.map { .number($0) } ?? .null,
                "inputs": (try? JSONParser.parse(try CanonicalJSON.bytes(encoding: training.compute.inputs))) ?? .null,
            ]),
            "names": .array(record.names.map { .string($0.description) }),
        ]
        if let country = training.trainedIn { external["trainedIn"] = .string(country.code) }
        if let site = training.site { external["site"] = .string(site) }
        if let started = training.started { external["started"] = .string(started.description) }
        if let finished = training.finished { external["finished"] = .string(finished.description) }
        if let developer = training.developer { external["developer"] = .string(developer.value) }
        var dependencies: [JSONValue] = training.parents.map { parent in
            let parentRecord = source.parents[parent]
            var descriptor: [String: JSONValue] = [
                "uri": .string(ExportFacts.urn(source, "artifact", parent.value)),
                "digest": .object(["sha256": .string(ExportFacts.hex(parent))]),
                "annotations": .object([
                    "digestOf": .string(
                        parentRecord?.form == .file ? "the file's bytes" : "its manifest (schema/manifest.md)")
                ]),
            ]
            if let name = parentRecord?.names.first { descriptor["name"] = .string(name.description) }
            return .object(descriptor)
        }
        dependencies += training.externals.map { name in
            .object([
                "name": .string(name), "uri": .string(ExportFacts.urn(source, "external", name)),
                "annotations": .object(["outsideLedger": .bool(true), "compute": .string("unknown")]),
            ])
        }
        return .object([
            "buildType": .string(ExportFacts.buildType),
            "externalParameters": .object(external),
            "internalParameters": .object([
                "artifact": .string(record.digest.value), "form": .string(record.form.rawValue),
            ]),
            "resolvedDependencies": .array(dependencies),
        ])
    }

    static func runDetails(_ member: ExportMember, _ source: ExportSource) -> JSONValue {
        let record = member.record
        let proof = member.registration
        var metadata: [String: JSONValue] = [
            "invocationId": .string(ExportFacts.urn(source, "event", String(proof.seq)))
        ]
        if let started = record.training.started { metadata["startedOn"] = .string(ExportFacts.timestamp(started)) }
        if let finished = record.training.finished {
            metadata["finishedOn"] = .string(ExportFacts.timestamp(finished))
        }
        let inclusion: JSONValue = .object([
            "name": .string("weightledger-log-inclusion"),
            "uri": .string(ExportFacts.urn(source, "event", String(proof.seq))),
            "digest": .object(["sha256": .string(Hex.encode(proof.leafHash))]),
            "annotations": .object([
                "ledgerId": .string(source.evidence.ledgerID),
                "eventSeq": .number(Double(proof.seq)),
                "eventType": .string(proof.type),
                "leafIndex": .number(Double(proof.seq - 1)),
                "treeSize": .number(Double(source.evidence.treeSize)),
                "rootHash": .string(Hex.encode(source.evidence.rootHash)),
                "inclusionProof": .array(proof.proof.map { .string(Hex.encode($0)) }),
                "leafHashOf": .string("RFC 6962: SHA-256(0x00 || the event's leaf bytes, schema/events.md)"),
                "readAt": .string(source.generatedAt),
            ]),
        ])
        return .object([
            "builder": .object([
                "id": .string("urn:weightledger:\(source.evidence.ledgerID)"),
                "version": .object(["weightledger": .string(WeightLedgerVersion.current)]),
            ]),
            "metadata": .object(metadata),
            "byproducts": .array([inclusion]),
        ])
    }
}
