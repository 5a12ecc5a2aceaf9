import LedgerCore

/// How `--log-requests` writes a request: `text` (a line through the server's logger) or `json`
/// (one object per line on standard output, for a log shipper).
public enum RequestLogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// What the operator sets when starting the server (`weightledger serve` flags), with the
/// defaults a server on loopback behind a proxy wants.
public struct ServerSettings: Sendable {
    /// Logs method, path (never the query), status and latency of each request; never headers or bodies.
    public var logRequests = false
    /// How each request is logged (`--log-format`): a line of text, or a JSON object per line.
    public var logFormat = RequestLogFormat.text
    /// Largest registration body accepted (`--max-body`; 16 MiB holds a manifest of ~100,000 files).
    public var maxRegistrationBody = 16 << 20
    /// Adds `Secure` to the session cookies (`--secure-cookies`, behind a TLS proxy).
    public var secureCookies = false
    /// Which locations recorded by clients the server's audits may open (`--audit-roots`).
    public var auditRoots = AuditRoots.none
    /// How long a connection may stay idle, in a request's head or in its body.
    public var timeouts = ConnectionTimeouts()
    /// Most connections open at once (`--max-connections`); further clients wait to be accepted.
    /// Lowered at start to what the process's file limit allows (`ulimit -n`), with a warning.
    public var maxConnections = 4096
    /// The client's address is the last one of `X-Forwarded-For` (`--trust-forwarded-for`, when the
    /// operator's proxy sets it); otherwise the peer's. Failed sign-ins are counted per address.
    public var trustForwardedFor = false
    /// Origins whose forms may post to the server besides its own (`--allowed-origin`), for a proxy
    /// that changes the Host header.
    public var allowedOrigins: [String] = []

    /// The defaults.
    public init() {}

    /// Whether `origin` is an origin `--allowed-origin` accepts: `scheme://host[:port]`, no path.
    public static func isOrigin(_ origin: String) -> Bool { CrossOriginMiddleware.authority(ofOrigin: origin) != nil }
}
