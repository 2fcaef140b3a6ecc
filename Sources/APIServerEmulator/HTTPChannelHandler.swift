import NIOCore
import NIOHTTP1
import NIOSSL

/// Collects one HTTP/1.1 request at a time, hands it to the ``EmulatorState`` and writes the
/// response, keeping the connection alive when the client asks to.
final class HTTPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: EmulatorState
    private let serverAddress: String
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The watch being streamed on this connection, if any.
    private var watch: WatchStream?

    init(state: EmulatorState, serverAddress: String) {
        self.state = state
        self.serverAddress = serverAddress
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            watch = nil
            head = requestHead
            body = []
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let requestHead = head else { return }
            respond(to: requestHead, context: context)
            head = nil
            body = []
        }
    }

    private func respond(to requestHead: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers: [String: String] = [:]
        for (name, value) in requestHead.headers { headers[name.lowercased()] = value }
        let request = EmulatorRequest(method: requestHead.method.rawValue, uri: requestHead.uri, headers: headers, body: body)
        let certificate = (try? context.pipeline.syncOperations.nioSSL_peerCertificate()) ?? nil
        let response = state.handle(request, hasClientCertificate: certificate != nil, serverAddress: serverAddress)
        guard !response.dropsConnection else {
            context.close(promise: nil)
            return
        }
        if let plan = response.watch {
            let stream = WatchStream(context: context, state: state, keepAlive: requestHead.isKeepAlive)
            watch = stream
            stream.start(plan, version: requestHead.version)
            return
        }

        var responseHeaders = HTTPHeaders()
        responseHeaders.add(name: "Content-Type", value: response.contentType)
        responseHeaders.add(name: "Content-Length", value: String(response.body.count))
        responseHeaders.add(name: "Cache-Control", value: "no-cache, private")
        for header in response.headers { responseHeaders.add(name: header.name, value: header.value) }
        let keepAlive = requestHead.isKeepAlive
        if !keepAlive { responseHeaders.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: status, headers: responseHeaders))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        watch = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
