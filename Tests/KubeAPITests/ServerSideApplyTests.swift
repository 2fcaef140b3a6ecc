import APIServerEmulator
import EmulatorTestSupport
import Foundation
import KubeAPI
import ObjectModel
import Testing

/// Server-side apply, list and delete against the emulator.
@Suite(.tags(.large)) struct ServerSideApplyTests {
    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "agent", "namespace": "default", "labels": ["app": "agent"]],
        "spec": [
            "selector": ["matchLabels": ["app": "agent"]],
            "template": [
                "metadata": ["labels": ["app": "agent"]],
                "spec": ["containers": [["name": "app", "image": "agent:1.0"]]],
            ],
        ],
    ]

    @Test func createsThenUpdates() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            try await Emulator.withClient(try Emulator.connection(running)) { client in
                let created = try await client.apply(Self.daemonSet, fieldManager: "dsledger", force: false, dryRun: false)
                #expect(created["metadata"]?["uid"]?.stringValue?.isEmpty == false)
                var changed = Self.daemonSet
                changed["spec"]?["template"]?["spec"] = ["containers": [["name": "app", "image": "agent:2.0"]]]
                let updated = try await client.apply(changed, fieldManager: "dsledger", force: false, dryRun: false)
                #expect(updated["metadata"]?["resourceVersion"] != created["metadata"]?["resourceVersion"])
                let live = try await client.get(.daemonSets, namespace: "default", name: "agent")
                #expect(live?.value(atMemberPath: "spec.template.spec")?["containers"]?.arrayValue?.first?["image"] == "agent:2.0")
            }
            #expect(running.requests.dropFirst().map(\.responseStatus) == [201, 200, 200])
            #expect(running.requests.dropFirst().first?.headers["content-type"] == "application/apply-patch+yaml")
        }
    }

    @Test func conflictNamesTheOtherManagerAndForceTakesTheField() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            try await Emulator.withClient(try Emulator.connection(running)) { client in
                _ = try await client.apply(Self.daemonSet, fieldManager: "kubectl-patch", force: false, dryRun: false)
                var mine = Self.daemonSet
                mine["spec"]?["template"]?["spec"] = ["containers": [["name": "app", "image": "agent:2.0"]]]
                let error = await #expect(throws: KubeAPIError.self) {
                    try await client.apply(mine, fieldManager: "dsledger", force: false, dryRun: false)
                }
                #expect(error?.description == #"Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: "#
                    + #".spec.template.spec.containers[name="app"].image (Conflict)"#)
                #expect(error?.status?.conflicts.map { "\($0.manager) \($0.field)" }
                    == [#"kubectl-patch .spec.template.spec.containers[name="app"].image"#])
                let forced = try await client.apply(mine, fieldManager: "dsledger", force: true, dryRun: false)
                #expect(forced.value(atMemberPath: "spec.template.spec")?["containers"]?.arrayValue?.first?["image"] == "agent:2.0")
            }
            #expect(running.requests.dropFirst().map(\.responseStatus) == [201, 409, 200])
        }
    }

    @Test func dryRunStoresNothing() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            let object = Emulator.configMap("settings", data: ["level": "debug"])
            let answer = try await Emulator.withClient(try Emulator.connection(running)) { client in
                try await client.apply(object, fieldManager: "dsledger", force: false, dryRun: true)
            }
            #expect(answer["data"] == ["level": "debug"])
            #expect(running.server.storedObject(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "settings") == nil)
            #expect(running.requests.dropFirst().first?.queryValue("dryRun") == "All")
        }
    }

    @Test func listsWithALabelSelector() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            let names = try await Emulator.withClient(try Emulator.connection(running)) { client in
                for (name, app) in [("a", "agent"), ("b", "web"), ("c", "agent")] {
                    let object = Emulator.configMap(name, data: ["k": "v"], labels: ["app": .string(app)])
                    _ = try await client.apply(object, fieldManager: "dsledger", force: false, dryRun: false)
                }
                let items = try await client.list(.configMaps, namespace: "default", labelSelector: "app=agent")
                #expect(items.allSatisfy { $0["kind"] == "ConfigMap" && $0["apiVersion"] == "v1" })
                return items.compactMap { $0["metadata"]?["name"]?.stringValue }
            }
            #expect(names == ["a", "c"])
        }
    }

    @Test func deletesOnceAndDryRunKeeps() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            try await Emulator.withClient(try Emulator.connection(running)) { client in
                _ = try await client.apply(Emulator.configMap("x", data: [:]), fieldManager: "dsledger", force: false, dryRun: false)
                #expect(try await client.delete(.configMaps, namespace: "default", name: "x", dryRun: true))
                #expect(try await client.get(.configMaps, namespace: "default", name: "x") != nil)
                #expect(try await client.delete(.configMaps, namespace: "default", name: "x", dryRun: false))
                #expect(try await !client.delete(.configMaps, namespace: "default", name: "x", dryRun: false))
            }
            #expect(running.requests.compactMap { $0.queryValue("propagationPolicy") }.count == 3)
        }
    }

    @Test func invalidObjectShowsTheServersMessageWithoutRetry() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            var broken = Self.daemonSet
            broken["spec"]?["selector"] = nil
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(try Emulator.connection(running)) { client in
                    try await client.apply(broken, fieldManager: "dsledger", force: false, dryRun: false)
                }
            }
            #expect(error?.description == #"DaemonSet.apps "agent" is invalid: spec.selector: Required value (Invalid)"#)
            #expect(error?.status?.causes == [.init(type: "FieldValueRequired", field: "spec.selector", message: "Required value")])
            #expect(running.requests.count == 2)
        }
    }

    @Test func unknownPathShowsTheServersNotFound() async throws {
        try await withAPIServer { running in
            try await Emulator.createDefaultNamespace(running)
            let error = await #expect(throws: KubeAPIError.self) {
                try await Emulator.withClient(try Emulator.connection(running)) { client in
                    let widgets = APIResource(group: "", version: "v1", plural: "widgets", kind: "Widget", namespaced: true)
                    return try await client.list(widgets, namespace: "default")
                }
            }
            #expect(error?.description == "the server could not find the requested resource (NotFound)")
            #expect(running.requests.count == 2)
        }
    }
}
