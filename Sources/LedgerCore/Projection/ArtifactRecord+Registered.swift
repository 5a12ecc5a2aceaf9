extension ArtifactRecord {
    /// The record an `artifact.registered` event makes: what every store's projection holds after
    /// it, with files and names in the order stores return them (by their UTF-8 bytes).
    public init(registered event: ArtifactRegistered, seq: Int64, at time: String) {
        self.init(
            digest: event.digest, form: event.form, sizeBytes: event.sizeBytes,
            files: event.files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) },
            names: event.names.sorted {
                Array($0.description.utf8).lexicographicallyPrecedes(Array($1.description.utf8))
            },
            training: event.training, locations: event.location.map { [$0] } ?? [], registeredSeq: seq,
            registeredAt: time, model: event.model, origin: event.origin, card: event.card)
    }
}
