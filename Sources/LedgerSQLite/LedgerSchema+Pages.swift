extension LedgerSchema {
    /// Pages in registration order (issue 17): `list`, `flags` and the API walk the artifacts a
    /// page at a time from a cursor (the registration event), which needs an index on it.
    static let v16 = """
        CREATE INDEX artifacts_by_registration ON artifacts(registered_seq);
        """
}
