/// A recorded location removed or moved, checked: the typed command behind `weightledger
/// location remove|move`.
public struct LocationChange: Equatable, Sendable {
    /// What happens to the location.
    public enum Action: Equatable, Sendable {
        /// The bytes are no longer there.
        case remove
        /// The bytes are now at this location.
        case move(to: String)
    }

    /// The artifact, as typed.
    public var artifact: ArtifactReference
    /// The location as recorded (as `show` lists it).
    public var path: String
    /// Remove it, or move it.
    public var action: Action
    /// Why: kept in the event for whoever reads the log later.
    public var reason: String

    /// Checks the fields as typed, naming the one at fault by its key. A new location is a plain
    /// absolute path of this machine, or `HOST:/path` of another.
    public init(artifact: String, path: String, moveTo newPath: String? = nil, reason: String?) throws {
        self.artifact = try FieldKey.artifact.parsing { try ArtifactReference(artifact) }
        guard !path.isEmpty else { throw InputError("\(field: .path) may not be empty") }
        self.path = path
        action = try newPath.map { .move(to: try StoredLocation.given($0, field: .to)) } ?? .remove
        if case .move(let to) = action, to == path {
            throw InputError("\(field: .to) is the location already recorded (\(path)); nothing would move")
        }
        self.reason = try FreeText.required(reason, field: .reason)
    }
}
