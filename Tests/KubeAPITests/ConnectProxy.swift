import Foundation
import NIOCore
import NIOPosix

/// A small HTTP CONNECT proxy on loopback for the tests: it records each `CONNECT host:port`,
/// connects to that port on 127.0.0.1 whatever the host (so a name no DNS knows, such as
/// `kubernetes.default.svc`, reaches the emulator), answers 200 and relays bytes both ways.
final class ConnectProxy: Sendable {
    /// The `host:port` of each CONNECT, in order.
    actor Log {
        private(set) var connects: [String] = []
        func record(_ target: String) { connects.append(target) }
    }

    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    let port: Int
    let log: Log
    private let server: Channel
    private let task: Task<Void, Never>

    private init(port: Int, log: Log, server: Channel, task: Task<Void, Never>) {
        self.port = port
        self.log = log
        self.server = server
        self.task = task
    }

    /// Runs `body` with a proxy listening, and stops it after.
    static func with<T: Sendable>(_ body: (ConnectProxy) async throws -> T) async throws -> T {
        let proxy = try await start()
        do {
            let result = try await body(proxy)
            await proxy.stop()
            return result
        } catch {
            await proxy.stop()
            throw error
        }
    }

    private static func start() async throws -> ConnectProxy {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: child) }
            }
        let log = Log()
        let task = Task<Void, Never> {
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { clients in
                    for try await client in clients {
                        group.addTask { try? await serve(client, log: log) }
                    }
                }
            }
        }
        return ConnectProxy(port: listener.channel.localAddress?.port ?? 0, log: log, server: listener.channel, task: task)
    }

    private func stop() async {
        try? await server.close()
        task.cancel()
    }

    private static func serve(_ client: Connection, log: Log) async throws {
        try await client.executeThenClose { inbound, outbound in
            var requests = inbound.makeAsyncIterator()
            var head = ByteBuffer()
            var end: Int?
            while end == nil {
                guard var chunk = try await requests.next() else { return }
                head.writeBuffer(&chunk)
                end = Self.endOfHead(head)
            }
            let text = String(buffer: head)
            let words = (text.components(separatedBy: "\r\n").first ?? "").split(separator: " ")
            guard words.count == 3, words[0] == "CONNECT", let colon = words[1].lastIndex(of: ":"), let port = Int(words[1][words[1].index(after: colon)...]) else {
                try await outbound.write(ByteBuffer(string: "HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n"))
                return
            }
            await log.record(String(words[1]))
            head.moveReaderIndex(to: end ?? head.writerIndex)
            let upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { try Connection(wrappingChannelSynchronously: channel) }
                }
            // Everything after the connect runs inside executeThenClose, which finishes the
            // upstream's writer however it ends: NIO traps on one dropped unfinished (a client
            // that hung up before the 200 made that write throw, and crashed the test process).
            try await upstream.executeThenClose { answers, forward in
                try await outbound.write(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n"))
                if head.readableBytes > 0 { try await forward.write(head) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { for try await chunk in answers { try await outbound.write(chunk) } }
                    while let chunk = try await requests.next() { try await forward.write(chunk) }
                    group.cancelAll()
                }
            }
        }
    }

    /// The index just past the request head's blank line, when it has arrived.
    private static func endOfHead(_ buffer: ByteBuffer) -> Int? {
        let bytes = Array(buffer.readableBytesView)
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index..<index + 4].elementsEqual([13, 10, 13, 10]) {
            return buffer.readerIndex + index + 4
        }
        return nil
    }
}
