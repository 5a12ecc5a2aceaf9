import LedgerCore

/// Where a walk in registration order starts (`after`: an artifact's registration event) and how
/// many artifacts it covers: the one check `list`, `flags` and the API share.
enum PageBounds {
    /// Refuses a limit below 1 or a negative cursor, naming the field.
    static func check(after: Int64?, limit: Int?) throws {
        if let limit, limit < 1 { throw InputError("\(field: "limit") must be at least 1") }
        if let after, after < 0 { throw InputError("\(field: "after") must be an event number (0 or more)") }
    }
}
