/// The rows that grant or bind something — a token, a license, a name, a deployment — are trusted
/// only when the event that made them is in the log and says the same (a row inserted or edited by
/// hand, with or without a sequence number past the end of the log, is ignored; `verify` reports
/// it). One place for the SQL every reader of those rows uses.
///
/// Lookups that decide something (a bearer token, a name resolved to an artifact, the licenses
/// a check counts) compare the row with its event's payload; bulk reads over every row (flags,
/// lists) check that an event of the right type made it, an index lookup per row. Rows of
/// deployments are one per event (their sequence number is their key), so for them the type check
/// is already the event's own row.
enum EventBacking {
    /// True when token row `t` was made by a `token.created` event with its name, role and hash.
    static let tokenCreated = """
        EXISTS (SELECT 1 FROM events e WHERE e.seq = t.created_seq AND e.type = 'token.created'
                AND json_extract(e.payload, '$.name') = t.name AND json_extract(e.payload, '$.role') = t.role
                AND json_extract(e.payload, '$.sha256') = t.sha256)
        """

    /// True when token row `t` was revoked by a `token.revoked` event naming it.
    static let tokenRevoked = """
        (t.revoked_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events e WHERE e.seq = t.revoked_seq
                AND e.type = 'token.revoked' AND json_extract(e.payload, '$.name') = t.name))
        """

    /// True when license row `l` was made by a `license.added` event with its authority and number.
    static let licenseAdded = """
        EXISTS (SELECT 1 FROM events e WHERE e.seq = l.added_seq AND e.type = 'license.added'
                AND json_extract(e.payload, '$.authority') = l.authority
                AND json_extract(e.payload, '$.number') = l.number)
        """

    /// True when `license_artifacts` row `a` is in the artifacts of the event that added license `l`.
    static let licenseArtifact = """
        EXISTS (SELECT 1 FROM events e, json_each(e.payload, '$.artifacts') j WHERE e.seq = l.added_seq
                AND j.value = a.artifact)
        """

    /// True when `license_destinations` row `d` is in the destinations of the event that added license `l`.
    static let licenseDestination = """
        EXISTS (SELECT 1 FROM events e, json_each(e.payload, '$.destinations') j WHERE e.seq = l.added_seq
                AND j.value = d.country)
        """

    /// True when name row `n` (of the `names` view: name, artifact, added_seq) was bound by an event
    /// that names this artifact and this name.
    static let nameBound = """
        EXISTS (SELECT 1 FROM events e WHERE e.seq = n.added_seq
                AND json_extract(e.payload, '$.digest') = n.artifact
                AND ((e.type = 'name.added' AND json_extract(e.payload, '$.name') = n.name)
                     OR (e.type IN ('artifact.registered', 'artifact.reregistered')
                         AND EXISTS (SELECT 1 FROM json_each(e.payload, '$.names') j WHERE j.value = n.name))))
        """

    /// True when name row `n` was made by an event that binds names (the bulk form of `nameBound`).
    static let nameEvent = """
        EXISTS (SELECT 1 FROM events e WHERE e.seq = n.added_seq
                AND e.type IN ('name.added', 'artifact.registered', 'artifact.reregistered'))
        """

    /// True when deployment row `d` is the row of a `deployment.recorded` event.
    static let deploymentRecorded = """
        EXISTS (SELECT 1 FROM events e WHERE e.seq = d.seq AND e.type = 'deployment.recorded')
        """

    /// True when location row `l` (of the `locations` view), joined with its event `e`, was
    /// recorded by that event for this artifact and path: an audit opens no path a hand-made row
    /// names.
    static let locationAdded = """
        (json_extract(e.payload, '$.digest') = l.artifact
            AND ((e.type = 'artifact.registered' AND json_extract(e.payload, '$.location') = l.path)
                OR (e.type = 'artifact.reregistered'
                    AND EXISTS (SELECT 1 FROM json_each(e.payload, '$.locations') j WHERE j.value = l.path))
                OR (e.type = 'location.moved' AND json_extract(e.payload, '$.to') = l.path)))
        """
}
