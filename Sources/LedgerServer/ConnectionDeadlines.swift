import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// How long a connection may stay at each stage before the server closes it
/// (`serve --idle-timeout`, `--header-timeout`, `--body-timeout`).
public struct ConnectionTimeouts: Sendable, Equatable {
    /// A connection with no request in progress: just opened, or kept alive after an answer.
    public var idle: Duration
    /// From the first byte of a request to the end of its head (request line and headers).
    public var header: Duration
    /// From the end of a request's head to the end of its body, however slowly it trickles in.
    public var body: Duration

    /// The defaults: 60 s idle, 10 s for a head, 60 s for a body (16 MiB at 280 KB/s).
    public init(idle: Duration = .seconds(60), header: Duration = .seconds(10), body: Duration = .seconds(60)) {
        self.idle = idle
        self.header = header
        self.body = body
    }
}

/// Closes connections that stay too long idle, in a request's head or in its body: a client that
/// opens sockets and sends nothing, or sends a byte now and then (slowloris), holds a connection for
/// at most the stage's timeout. A request cut off in its head or body is answered 408 first. While
/// the server is answering no deadline runs: that time is the server's, not the client's.
///
/// It sits after HTTP decoding, so it sees request heads, body parts and ends, and response ends.
/// Bytes of a head that is not yet complete show as a read that decoded nothing (`channelReadComplete`
/// while idle), which starts the header deadline. One scheduled task per connection at a time.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    enum Stage: Equatable {
        case idle, head, body, answering, closed
    }

    let timeouts: ConnectionTimeouts
    private(set) var stage = Stage.idle
    /// Requests whose head arrived and whose answer has not ended (more than one when pipelined).
    private var unanswered = 0
    private var timer: Scheduled<Void>?

    init(_ timeouts: ConnectionTimeouts) { self.timeouts = timeouts }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { enter(.idle, context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancel() }

    func channelActive(context: ChannelHandlerContext) {
        enter(.idle, context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        stage = .closed
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            enter(.body, context)
        case .body:
            break
        case .end:
            enter(.answering, context)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived but made no head yet: a request has begun.
        if stage == .idle { enter(.head, context) }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, stage == .answering { enter(.idle, context) }
        }
        context.write(data, promise: promise)
    }

    private func enter(_ next: Stage, _ context: ChannelHandlerContext) {
        cancel()
        stage = next
        let limit: Duration
        switch next {
        case .idle: limit = timeouts.idle
        case .head: limit = timeouts.header
        case .body: limit = timeouts.body
        case .answering, .closed: return
        }
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) {
            self.expire(next, context)
        }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }

    private func expire(_ expired: Stage, _ context: ChannelHandlerContext) {
        timer = nil
        guard stage == expired else { return }
        stage = .closed
        guard expired != .idle else {
            context.close(promise: nil)
            return
        }
        // A request cut off mid-way: say why before closing (RFC 9110 §15.5.9).
        let head = HTTPResponse(
            status: .requestTimeout, headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
