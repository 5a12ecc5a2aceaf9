/// A publication to record, checked: the typed command behind `weightledger publish`.
public struct PublishRequest: Equatable, Sendable {
    /// The weights published, as typed.
    public var artifact: ArtifactReference
    /// Where and from which day (a day is required: evaluations count the weights as published from it).
    public var publication: Publication

    /// The publication as sent to the API (`POST /api/v1/artifacts/{ref}/publications`).
    public struct Draft: Codable, Equatable, Sendable {
        /// `url`: where the weights were published.
        public var url: String
        /// `on`: YYYY-MM-DD, the day they were published.
        public var on: String
        /// A draft with both fields.
        public init(url: String, on: String) {
            self.url = url
            self.on = on
        }
    }

    /// Checks the fields as typed, naming the one at fault by its key.
    public init(artifact: String, url: String, on date: String) throws {
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        let day = try FieldKey.on.parsing { try LedgerDate(date) }
        publication = try FieldKey("url").parsing { try Publication(url: url, date: day) }
    }
}
