import LedgerCore
import LedgerUseCases

/// `export --format spdx`: an SPDX 3.0.1 JSON-LD document with the AI and Dataset profiles
/// (schema/exports.md): one `ai_AIPackage` per artifact with its files as `software_File`s and
/// their SHA-256 as `Hash` integrity methods, the lineage as `ancestorOf` relationships, datasets
/// from the model card as `trainedOn`, the training facts and policy outcomes as
/// `weightledger:` entries of a CycloneDX-properties extension, and a `CreationInfo` naming
/// WeightLedger and the ledger.
enum SPDXExport {
    /// The payload type of an SPDX document in a DSSE envelope.
    static let payloadType = "application/spdx+json"

    static func document(_ source: ExportSource) -> JSONValue {
        let info = JSONValue.string("_:creationinfo")
        let agent = "urn:weightledger:\(source.evidence.ledgerID)"
        let tool = ExportFacts.urn(source, "tool", "weightledger-" + WeightLedgerVersion.current)
        var graph: [JSONValue] = [
            .object([
                "type": .string("CreationInfo"), "@id": info, "specVersion": .string("3.0.1"),
                "created": .string(source.generatedAt), "createdBy": .array([.string(agent)]),
                "createdUsing": .array([.string(tool)]),
            ]),
            .object([
                "type": .string("SoftwareAgent"), "spdxId": .string(agent), "creationInfo": info,
                "name": .string("WeightLedger ledger \(source.evidence.ledgerID)"),
            ]),
            .object([
                "type": .string("Tool"), "spdxId": .string(tool), "creationInfo": info,
                "name": .string("WeightLedger \(WeightLedgerVersion.current)"),
            ]),
        ]
        var ids: Set<String> = [agent, tool]
        var relationshipCount = 0
        func add(_ id: String, _ element: [String: JSONValue]) {
            guard ids.insert(id).inserted else { return }
            var element = element
            element["spdxId"] = .string(id)
            element["creationInfo"] = info
            graph.append(.object(element))
        }
        func relate(_ from: String, _ type: String, _ to: [String]) {
            relationshipCount += 1
            add(
                ExportFacts.urn(source, "relationship", String(relationshipCount)),
                [
                    "type": .string("Relationship"), "from": .string(from), "relationshipType": .string(type),
                    "to": .array(to.map { .string($0) }),
                ])
        }
        func package(_ digest: ArtifactDigest) -> String { ExportFacts.urn(source, "artifact", digest.value) }

        let members = Set(source.members.map(\.record.digest))
        for member in source.members {
            let record = member.record
            let id = package(record.digest)
            var element: [String: JSONValue] = [
                "type": .string("ai_AIPackage"), "name": .string(ExportFacts.label(record)),
                "software_primaryPurpose": .string("model"),
                "ai_informationAboutTraining": .string(trainingText(record)),
                "extension": .array([
                    .object([
                        "type": .string("extension_CdxPropertiesExtension"),
                        "extension_cdxProperty": .array(
                            (ExportFacts.training(member) + ExportFacts.policy(member)).map { pair in
                                .object([
                                    "type": .string("extension_CdxPropertyEntry"),
                                    "extension_cdxPropName": .string("\(ExportFacts.namespace):\(pair.name)"),
                                    "extension_cdxPropValue": .string(pair.value),
                                ])
                            }),
                    ])
                ]),
            ]
            if let tag = record.names.first?.tag { element["software_packageVersion"] = .string(tag) }
            if let architecture = record.model?.architecture {
                element["ai_typeOfModel"] = .array([.string(architecture)])
            }
            if let domain = record.card?.pipelineTag { element["ai_domain"] = .array([.string(domain)]) }
            if let finished = record.training.finished {
                element["builtTime"] = .string(ExportFacts.timestamp(finished))
            }
            if record.form == .file {
                element["verifiedUsing"] = .array([hash(record.digest)])
            }
            if let developer = record.training.developer {
                let organisation = ExportFacts.urn(source, "organisation", developer.value)
                add(organisation, ["type": .string("Organization"), "name": .string(developer.value)])
                element["suppliedBy"] = .string(organisation)
            }
            add(id, element)
            let files = record.files.map { file -> String in
                let fileID = ExportFacts.urn(source, "file", record.digest.value + "/" + file.path)
                add(
                    fileID,
                    [
                        "type": .string("software_File"), "name": .string(file.path),
                        "verifiedUsing": .array([hash(file.sha256)]),
                    ])
                return fileID
            }
            relate(id, "contains", files)
            for parent in record.training.parents {
                let parentID = package(parent)
                if !members.contains(parent) {
                    add(
                        parentID,
                        [
                            "type": .string("ai_AIPackage"),
                            "name": .string(source.parents[parent].map(ExportFacts.label) ?? parent.value),
                            "comment": .string(
                                "A parent of \(ExportFacts.label(record)); export it for its own facts."),
                        ])
                }
                relate(parentID, "ancestorOf", [id])
            }
            for external in record.training.externals {
                let externalID = ExportFacts.urn(source, "external", external)
                add(
                    externalID,
                    [
                        "type": .string("ai_AIPackage"), "name": .string(external),
                        "comment": .string("A base model outside the ledger: its bytes and compute are unknown."),
                    ])
                relate(externalID, "ancestorOf", [id])
            }
            let datasets = (record.card?.datasets ?? []).map { name -> String in
                let datasetID = ExportFacts.urn(source, "dataset", name)
                add(
                    datasetID,
                    [
                        "type": .string("dataset_DatasetPackage"), "name": .string(name),
                        "software_primaryPurpose": .string("data"), "dataset_datasetType": .array([.string("other")]),
                    ])
                return datasetID
            }
            if !datasets.isEmpty { relate(id, "trainedOn", datasets) }
        }
        let subject = package(source.members[0].record.digest)
        let document = ExportFacts.urn(source, "spdx-document", source.members[0].record.digest.value)
        let elements = graph.compactMap { $0["spdxId"] }
        graph.append(
            .object([
                "type": .string("SpdxDocument"), "spdxId": .string(document), "creationInfo": info,
                "rootElement": .array([.string(subject)]), "element": .array(elements),
                "profileConformance": .array(["core", "software", "ai", "dataset", "extension"].map { .string($0) }),
            ]))
        return .object([
            "@context": .string("https://spdx.org/rdf/3.0.1/spdx-context.jsonld"), "@graph": .array(graph),
        ])
    }

    static func hash(_ digest: ArtifactDigest) -> JSONValue {
        .object([
            "type": .string("Hash"), "algorithm": .string("sha256"), "hashValue": .string(ExportFacts.hex(digest)),
        ])
    }

    /// One sentence of the training facts, for readers of `ai_informationAboutTraining`.
    static func trainingText(_ record: ArtifactRecord) -> String {
        let training = record.training
        var text = "\(training.kind.rawValue) step"
        if let country = training.trainedIn { text += " trained in \(country.code)" }
        if let site = training.site { text += " at \(site)" }
        text +=
            "; compute "
            + (training.compute.operations.map { "\(ECMAScriptNumber.format($0)) operations" } ?? "unknown")
        text += " (\(training.compute.method.rawValue)); recorded by WeightLedger."
        return text
    }
}
