import Foundation
import LedgerStore
import Prometheus

/// What `/metrics` reports, in Prometheus' text format (swift-prometheus): requests by route,
/// method and status, their latencies, the size of each group commit, and, read when scraped, the
/// ledger's events and the findings open as of its last audit. Routes are the router's patterns
/// (`/api/v1/artifacts/{ref}`), never the paths asked for, so a label never holds a token, a
/// query or a client's text.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let batches: ValueHistogram
    private let events: Gauge
    private let openFindings: Gauge
    private let scrapeFailures: Counter

    private static var requestsTotal: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "weightledger", metricName: "http_requests", unitName: "total",
            helpText: "Requests answered, by route pattern, method and status.")
    }
    private static var requestSeconds: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "weightledger", metricName: "http_request_duration", unitName: "seconds",
            helpText: "Time from a request's arrival to its answer, by route pattern and method.")
    }
    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]

    init(ledger: any LedgerStore) {
        batches = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "weightledger", metricName: "commit_batch", unitName: "writes",
                helpText: "Writes (registrations and other events) that shared one commit."),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
        events = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "weightledger", metricName: "ledger_events", unitName: "count",
                helpText: "Events in the ledger's log, read when scraped."))
        openFindings = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "weightledger", metricName: "open_findings", unitName: "count",
                helpText: "Findings that need a person as of the last audit, read when scraped."))
        scrapeFailures = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "weightledger", metricName: "ledger_read_failures", unitName: "total",
                helpText: "Scrapes that could not read the ledger (the gauges keep their last values)."))
        ledger.observeCommitBatches { [batches] size in batches.record(Double(size)) }
    }

    /// One answered request.
    func request(route: String, method: String, status: Int, took: Duration) {
        registry.makeCounter(
            descriptor: Self.requestsTotal, labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.requestSeconds, labels: [("route", route), ("method", method)],
            buckets: Self.latencyBuckets
        ).record(took)
    }

    /// The exposition, with the ledger's gauges read now.
    func exposition(_ ledger: any LedgerStore) -> [UInt8] {
        do {
            let (count, open) = try ledger.read { reader in
                (try reader.eventCount(), try reader.openAuditFindingCount())
            }
            events.set(Double(count))
            openFindings.set(Double(open))
        } catch {
            scrapeFailures.increment()
        }
        return registry.emitToBuffer()
    }
}
