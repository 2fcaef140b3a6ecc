import NIOCore
import NIOHTTP1

/// A watch response being written on one connection: a 200 head without a length (so
/// NIO's HTTP encoder frames it chunked), then each event line as a chunk, until the
/// timeout, the emulator stopping, or the client going away. It touches the channel only
/// on the channel's event loop.
final class WatchStream: WatchSink, @unchecked Sendable {
    private let context: ChannelHandlerContext
    private let eventLoop: any EventLoop
    private let state: EmulatorState
    private let keepAlive: Bool
    private var id: Int?
    private var ended = false
    private var timeout: Scheduled<Void>?
    private var bookmarks: RepeatedTask?

    /// A stream on the connection of `context` (created on its event loop).
    init(context: ChannelHandlerContext, state: EmulatorState, keepAlive: Bool) {
        self.context = context
        self.eventLoop = context.eventLoop
        self.state = state
        self.keepAlive = keepAlive
    }

    /// Writes the head and the first events, then schedules the end and the bookmarks.
    func start(_ plan: WatchPlan, version: HTTPVersion) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Cache-Control", value: "no-cache, private")
        headers.add(name: "Transfer-Encoding", value: "chunked")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: .ok, headers: headers))), promise: nil)
        switch state.startWatch(plan, sink: self) {
        case .expired(let line):
            write([line])
            _ = finish()
        case .streaming(let id, let lines):
            self.id = id
            write(lines)
            let settings = state.watchSettings
            let seconds = plan.timeoutSeconds.flatMap { $0 > 0 ? Int64($0) : nil }
            let lifetime = seconds.map(TimeAmount.seconds) ?? TimeAmount(settings.defaultTimeout)
            timeout = eventLoop.scheduleTask(in: lifetime) { [self] in _ = finish() }
            if plan.bookmarks {
                let every = TimeAmount(settings.bookmarkInterval)
                bookmarks = eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { [state] _ in
                    state.sendBookmark(to: id)
                }
            }
        }
    }

    func deliver(_ lines: [[UInt8]]) {
        eventLoop.execute { [self] in write(lines) }
    }

    func end() async {
        try? await eventLoop.flatSubmit { [self] in finish() }.get()
    }

    /// Stops without writing: the client went away.
    func cancel() {
        guard !ended else { return }
        ended = true
        stopTimers()
    }

    private func write(_ lines: [[UInt8]]) {
        guard !ended, !lines.isEmpty else { return }
        for line in lines {
            var buffer = context.channel.allocator.buffer(capacity: line.count)
            buffer.writeBytes(line)
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
        }
        context.flush()
    }

    /// Writes the last chunk and forgets the watch; closes the connection unless kept alive.
    private func finish() -> EventLoopFuture<Void> {
        guard !ended else { return eventLoop.makeSucceededVoidFuture() }
        ended = true
        stopTimers()
        let channel = context.channel, keepAlive = keepAlive
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        written.whenComplete { _ in if !keepAlive { channel.close(promise: nil) } }
        return written.recover { _ in }
    }

    private func stopTimers() {
        timeout?.cancel()
        bookmarks?.cancel()
        if let id { state.stopWatch(id) }
    }
}

extension TimeAmount {
    /// The amount of a `Duration`, to nanosecond precision.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
