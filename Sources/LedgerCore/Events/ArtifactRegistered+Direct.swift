/// A registration read straight from its payload's nodes (`PayloadDirect`): the fields
/// `init(from:)` decodes, in the same way, for the shape nearly every registration has (a
/// publication included). Model headers, a hashing record, an origin, a model card and a
/// signature are left to `init(from:)`, as is anything these readers do not take exactly.
extension ArtifactRegistered: PayloadDirect {
    private static let keys: [String] = [
        "digest", "form", "sizeBytes", "files", "names", "location", "training",
        "model", "hashing", "origin", "card", "signature",
    ]

    static func direct(_ node: Int, in document: PayloadDocument) -> ArtifactRegistered? {
        guard let at = document.members(node, keys), at[7...].allSatisfy(document.absent),
            let digest = ArtifactDigest.direct(at[0], in: document),
            let form = document.directString(at[1]).flatMap(ArtifactForm.init(rawValue:)),
            let sizeBytes = document.directInt64(at[2]),
            let files = document.directArray(at[3], { ArtifactFile.direct($0, in: document) }),
            let names = document.directArray(at[4], { document.directParsed($0, ArtifactName.init) }),
            let location = document.directOptional(at[5], document.directString),
            let training = TrainingRecord.direct(at[6], in: document)
        else { return nil }
        return ArtifactRegistered(
            digest: digest, form: form, sizeBytes: sizeBytes, files: files, names: names, location: location,
            training: training)
    }
}

extension ArtifactFile {
    private static let keys: [String] = ["path", "size", "sha256"]

    static func direct(_ node: Int, in document: PayloadDocument) -> ArtifactFile? {
        guard let at = document.members(node, keys), let path = document.directString(at[0]),
            let size = document.directInt64(at[1]), let sha256 = ArtifactDigest.direct(at[2], in: document)
        else { return nil }
        return ArtifactFile(path: path, size: size, sha256: sha256)
    }
}

extension ArtifactDigest {
    /// A canonical digest from its bytes in place; any other string through `init(_:)`.
    static func direct(_ node: Int, in document: PayloadDocument) -> ArtifactDigest? {
        guard node >= 0, document.nodes[node].kind == .string else { return nil }
        let item = document.nodes[node]
        if !item.flag,
            let digest = ArtifactDigest(
                canonical: UnsafeBufferPointer(rebasing: document.bytes[Int(item.start)..<Int(item.end)]))
        {
            return digest
        }
        return document.directParsed(node, ArtifactDigest.init)
    }
}

extension TrainingRecord {
    private static let keys: [String] = [
        "kind", "parents", "trainedIn", "site", "compute", "started", "finished", "developer", "externalParents",
        "published",
    ]

    static func direct(_ node: Int, in document: PayloadDocument) -> TrainingRecord? {
        guard let at = document.members(node, keys),
            let kind = document.directString(at[0]).flatMap(TrainingKind.init(rawValue:)),
            let parents = document.directArray(at[1], { ArtifactDigest.direct($0, in: document) }),
            let trainedIn = document.directOptional(
                at[2], { document.directParsed($0, CountryCode.init) }),
            let site = document.directOptional(at[3], document.directString),
            let compute = Compute.direct(at[4], in: document),
            let started = document.directOptional(at[5], { document.directParsed($0, LedgerDate.init) }),
            let finished = document.directOptional(
                at[6], { document.directParsed($0, LedgerDate.init) }),
            let developer = document.directOptional(
                at[7], { document.directParsed($0, OrganisationName.init) }),
            let externalParents = document.directOptional(at[8], { document.directArray($0, document.directString) }),
            let published = document.directOptional(at[9], { Publication.direct($0, in: document) })
        else { return nil }
        return TrainingRecord(
            decodedKind: kind, parents: parents, trainedIn: trainedIn, site: site, compute: compute,
            published: published,
            started: started, finished: finished, developer: developer, externalParents: externalParents)
    }
}

extension Publication {
    private static let keys: [String] = ["url", "date"]

    static func direct(_ node: Int, in document: PayloadDocument) -> Publication? {
        guard let at = document.members(node, keys), let url = document.directString(at[0]),
            let date = document.directOptional(at[1], { document.directParsed($0, LedgerDate.init) })
        else { return nil }
        return Publication(decodedURL: url, date: date)
    }

    /// The fields as `init(from:)` sets them, without the checks of a new publication.
    private init(decodedURL url: String, date: LedgerDate?) {
        self.url = url
        self.date = date
    }
}

extension Compute {
    private static let keys: [String] = ["operations", "method", "inputs"]

    static func direct(_ node: Int, in document: PayloadDocument) -> Compute? {
        guard let at = document.members(node, keys),
            let operations = document.directOptional(at[0], document.directDouble),
            let method = document.directString(at[1]).flatMap(ComputeMethod.init(rawValue:)),
            let inputs = ComputeInputs.direct(at[2], in: document)
        else { return nil }
        return Compute(operations: operations, method: method, inputs: inputs)
    }
}

extension ComputeInputs {
    private static let keys: [String] = [
        "parameters", "tokens", "accelerator", "precision", "count", "hours", "utilization", "peakFlopsPerSecond",
        "peakSource", "parametersCounted", "estimator",
    ]

    static func direct(_ node: Int, in document: PayloadDocument) -> ComputeInputs? {
        guard let at = document.members(node, keys),
            let parameters = document.directOptional(at[0], document.directDouble),
            let tokens = document.directOptional(at[1], document.directDouble),
            let accelerator = document.directOptional(at[2], document.directString),
            let precision = document.directOptional(at[3], document.directString),
            let count = document.directOptional(at[4], document.directDouble),
            let hours = document.directOptional(at[5], document.directDouble),
            let utilization = document.directOptional(at[6], document.directDouble),
            let peak = document.directOptional(at[7], document.directDouble),
            let peakSource = document.directOptional(at[8], document.directString),
            let parametersCounted = document.directOptional(at[9], document.directString),
            let estimator = document.directOptional(at[10], document.directString)
        else { return nil }
        return ComputeInputs(
            parameters: parameters, tokens: tokens, accelerator: accelerator, precision: precision, count: count,
            hours: hours, utilization: utilization, peakFlopsPerSecond: peak, peakSource: peakSource,
            parametersCounted: parametersCounted, estimator: estimator)
    }
}
