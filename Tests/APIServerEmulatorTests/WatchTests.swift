@testable import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import KubernetesRules
import TestSupport
import Testing

/// Watch streams over HTTPS, read by curl: chunked newline-delimited events, resourceVersion
/// replay, 410 Expired, bookmarks, timeoutSeconds, selectors, disconnects and shutdown.
@Suite struct WatchTests {
    typealias Calls = WatchCalls
    static let configMaps = "/api/v1/namespaces/ops/configmaps"

    @Test func watchWithoutVersionStreamsCurrentObjectsThenEndsAtTheTimeout() async throws {
        try await withAPIServer { api in
            Calls.makeNamespace(api.server)
            Calls.createConfigMap(api.server, "b", app: "x")
            Calls.createConfigMap(api.server, "a", app: "x")
            let stream = try await Calls.watch(api, Self.configMaps + "?watch=true&timeoutSeconds=1")
            #expect(stream.status == 0, "curl ends without error: the last chunk was sent")
            #expect(stream.head.hasPrefix("HTTP/1.1 200"))
            #expect(stream.head.lowercased().contains("transfer-encoding: chunked"))
            #expect(stream.head.lowercased().contains("content-type: application/json"))
            #expect(stream.types == ["ADDED", "ADDED"])
            #expect(stream.names == ["a", "b"])
            #expect(stream.events.first?["object"]?["kind"] == "ConfigMap")
            #expect(stream.events.first?["object"]?["apiVersion"] == "v1")
            #expect(stream.seconds >= 0.9 && stream.seconds < 30, "ended by timeoutSeconds=1 after \(stream.seconds) s")
            let zero = try await Calls.watch(api, Self.configMaps + "?watch=1&resourceVersion=0&timeoutSeconds=1")
            #expect(zero.types == ["ADDED", "ADDED"])
        }
    }

    @Test func watchFromAVersionReplaysOnlyLaterChanges() async throws {
        try await withAPIServer { api in
            Calls.makeNamespace(api.server)
            let created = Calls.createConfigMap(api.server, "a", app: "x")
            let changed = Calls.relabel(api.server, "a", app: "y")
            Calls.send(api.server, "DELETE", Self.configMaps + "/a")
            Calls.createConfigMap(api.server, "other", app: "x")
            let stream = try await Calls.watch(api, Self.configMaps + "?watch=true&resourceVersion=\(created)&timeoutSeconds=1")
            #expect(stream.types == ["MODIFIED", "DELETED", "ADDED"])
            #expect(stream.names == ["a", "a", "other"])
            let versions = stream.events.compactMap { $0["object"]?["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) } }
            #expect(versions.first == changed)
            #expect(versions == versions.sorted() && Set(versions).count == 3, "\(versions)")
            #expect(stream.events.first?["object"]?["metadata"]?["labels"]?["app"] == "y")
        }
    }

    @Test func versionOlderThanTheHistoryGetsExpired() async throws {
        try await withAPIServer(watch: WatchSettings(historyLimit: 2)) { api in
            Calls.makeNamespace(api.server)
            let first = Calls.createConfigMap(api.server, "a", app: "x")
            Calls.relabel(api.server, "a", app: "y")
            let third = Calls.relabel(api.server, "a", app: "z")
            Calls.relabel(api.server, "a", app: "w")
            let stream = try await Calls.watch(api, Self.configMaps + "?watch=true&resourceVersion=\(first)&timeoutSeconds=90")
            #expect(stream.head.hasPrefix("HTTP/1.1 200"))
            #expect(stream.events == [[
                "type": "ERROR",
                "object": ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                           "message": .string("too old resource version: \(first) (\(third - 1))"), "reason": "Expired", "code": 410],
            ]])
            #expect(stream.seconds < 45, "the stream ends after the ERROR event, not at timeoutSeconds=90")
            let recent = try await Calls.watch(api, Self.configMaps + "?watch=true&resourceVersion=\(third - 1)&timeoutSeconds=1")
            #expect(recent.types == ["MODIFIED", "MODIFIED"])
        }
    }

    @Test func bookmarksCarryOnlyTheResourceVersionWhenAskedFor() async throws {
        try await withAPIServer(watch: WatchSettings(bookmarkInterval: .milliseconds(300))) { api in
            Calls.makeNamespace(api.server)
            let version = Calls.createConfigMap(api.server, "a", app: "x")
            let stream = try await Calls.watch(api, Self.configMaps + "?watch=true&allowWatchBookmarks=true&resourceVersion=\(version)&timeoutSeconds=2")
            #expect(stream.types.count >= 2 && Set(stream.types) == ["BOOKMARK"], "\(stream.types)")
            #expect(stream.events.first?["object"] == ["kind": "ConfigMap", "apiVersion": "v1",
                                                       "metadata": ["resourceVersion": .string(String(version))]])
            let without = try await Calls.watch(api, Self.configMaps + "?watch=true&resourceVersion=\(version)&timeoutSeconds=1")
            #expect(without.events.isEmpty)
        }
    }

    @Test func streamingListEndsItsInitialEventsWithAnAnnotatedBookmark() async throws {
        try await withAPIServer { api in
            Calls.makeNamespace(api.server)
            let version = Calls.createConfigMap(api.server, "a", app: "x")
            let query = "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1"
            let stream = try await Calls.watch(api, Self.configMaps + query)
            #expect(stream.types == ["ADDED", "BOOKMARK"])
            #expect(stream.events.last?["object"] == ["kind": "ConfigMap", "apiVersion": "v1", "metadata": [
                "resourceVersion": .string(String(version)), "annotations": ["k8s.io/initial-events-end": "true"],
            ]])
            let bad = try await Calls.watch(api, Self.configMaps + "?watch=true&resourceVersion=abc")
            #expect(bad.head.hasPrefix("HTTP/1.1 400"))
            #expect(bad.events.first?["message"] == "invalid resource version: abc")
        }
    }

    @Test func selectorsFilterEventsAndTurnTransitionsIntoAddedAndDeleted() async throws {
        try await withAPIServer { api in
            Calls.makeNamespace(api.server)
            let start = Calls.createConfigMap(api.server, "seed", app: "none")
            Calls.createConfigMap(api.server, "a", app: "web")
            Calls.createConfigMap(api.server, "b", app: "db")
            Calls.relabel(api.server, "a", app: "db")
            Calls.relabel(api.server, "b", app: "web")
            Calls.relabel(api.server, "b", app: "web2")
            let labels = try await Calls.watch(api, Self.configMaps + "?watch=true&labelSelector=app%3Dweb&resourceVersion=\(start)&timeoutSeconds=1")
            #expect(labels.types == ["ADDED", "DELETED", "ADDED", "DELETED"])
            #expect(labels.names == ["a", "a", "b", "b"])
            #expect(labels.events.dropFirst().first?["object"]?["metadata"]?["labels"]?["app"] == "web", "a DELETED carries the previous content")
            let fields = try await Calls.watch(api, Self.configMaps + "?watch=true&fieldSelector=metadata.name%3Db&resourceVersion=\(start)&timeoutSeconds=1")
            #expect(fields.types == ["ADDED", "MODIFIED", "MODIFIED"])
            #expect(Set(fields.names) == ["b"])
            let current = try await Calls.watch(api, Self.configMaps + "?watch=true&labelSelector=app%3Ddb&timeoutSeconds=1")
            #expect(current.names == ["a"])
            let bad = try await Calls.watch(api, Self.configMaps + "?watch=true&fieldSelector=data.k%3Dv")
            #expect(bad.head.hasPrefix("HTTP/1.1 400"))
        }
    }

    @Test func openWatchReceivesAnotherClientsWriteAndForgetsADisconnectedClient() async throws {
        try await withAPIServer { api in
            Calls.makeNamespace(api.server)
            let server = api.server
            let watching = Calls.startWatch(api, Self.configMaps + "?watch=true&resourceVersion=1&timeoutSeconds=120")
            #expect(await Calls.eventually(within: 60) { server.state.openWatches == 1 })
            Calls.createConfigMap(server, "late", app: "x")
            await Calls.endWatches(server)
            let stream = try await watching.value
            #expect(stream.status == 0)
            #expect(stream.types == ["ADDED"])
            #expect(stream.names == ["late"])
            #expect(server.state.openWatches == 0)

            let hungUp = try await Calls.watch(api, Self.configMaps + "?watch=true", extra: ["--max-time", "2"])
            #expect(hungUp.status == 28, "curl hung up on a stream still open")
            #expect(hungUp.names == ["late"], "the watch was open")
            #expect(await Calls.eventually(within: 30) { server.state.openWatches == 0 }, "the watch of a client that hung up is closed")
        }
    }

    @Test func stoppingTheEmulatorEndsOpenWatchesCleanly() async throws {
        let server = try await APIServer.start(version: .init(major: 1, minor: 31), nodes: 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ca = folder.appendingPathComponent("ca.crt").path
        try server.caCertificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
        let url = server.url + "/api/v1/namespaces?watch=true", token = server.token
        let watching = WatchCalls.onThread {
            try Subprocess.run("/usr/bin/curl", ["-sS", "-N", "--max-time", "60", "--cacert", ca, "-H", "Authorization: Bearer \(token)", url])
        }
        #expect(await WatchCalls.eventually(within: 30) { server.state.openWatches == 1 })
        let started = Date()
        try await server.shutdown()
        let result = try await watching.value
        #expect(result.status == 0, "curl saw the last chunk: \(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 45, "the shutdown ended the watch, not curl's own 60 s limit")
        #expect(String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").count == 4, "the four system namespaces")
    }
}
