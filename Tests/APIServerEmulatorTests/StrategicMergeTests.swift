@testable import APIServerEmulator
import ObjectModel
import Testing

/// Strategic merge patch semantics.
@Suite struct StrategicMergeTests {
    static let live: JSONValue = ["spec": ["template": ["spec": [
        "containers": [
            ["name": "app", "image": "x:1", "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]],
             "ports": [["containerPort": 80, "protocol": "TCP"]]],
            ["name": "sidecar", "image": "s:1"],
        ],
        "tolerations": [["key": "a", "operator": "Exists"]],
        "volumes": [["name": "data", "emptyDir": [:]]],
    ]]]]

    func containers(_ value: JSONValue) -> [JSONValue] {
        value.value(atMemberPath: "spec.template.spec.containers")?.arrayValue ?? []
    }

    @Test func mergesContainersByNameKeepingOthers() throws {
        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "x:2"]]]]]]
        let result = try StrategicMerge.apply(patch, to: Self.live)
        #expect(containers(result).map { $0["image"] } == ["x:2", "s:1"])
        #expect(containers(result).first?["env"]?.arrayValue?.count == 2)
    }

    @Test func mergesEnvAndPortsByKeyAndReplacesTolerations() throws {
        let patch: JSONValue = ["spec": ["template": ["spec": [
            "containers": [["name": "app", "env": [["name": "B", "value": "3"], ["name": "C", "value": "4"]],
                            "ports": [["containerPort": 9100]]]],
            "tolerations": [["key": "b", "operator": "Exists"]],
        ]]]]
        let result = try StrategicMerge.apply(patch, to: Self.live)
        let app = try #require(containers(result).first)
        #expect(app["env"] == [["name": "A", "value": "1"], ["name": "B", "value": "3"], ["name": "C", "value": "4"]])
        #expect(app["ports"]?.arrayValue?.count == 2)
        #expect(result.value(atMemberPath: "spec.template.spec.tolerations") == [["key": "b", "operator": "Exists"]])
    }

    @Test func directivesDeleteAndReplace() throws {
        let patch: JSONValue = ["spec": ["template": ["spec": [
            "containers": [["name": "sidecar", "$patch": "delete"]],
            "volumes": [["name": "cache", "emptyDir": [:]], ["$patch": "replace"]],
        ]]]]
        let result = try StrategicMerge.apply(patch, to: Self.live)
        #expect(containers(result).map { $0["name"] } == ["app"])
        #expect(result.value(atMemberPath: "spec.template.spec.volumes") == [["name": "cache", "emptyDir": [:]]])
        let replaced = try StrategicMerge.apply(["spec": ["template": ["spec": ["$patch": "replace", "containers": [["name": "only", "image": "o"]]]]]],
                                                to: Self.live)
        #expect(replaced.value(atMemberPath: "spec.template.spec") == ["containers": [["name": "only", "image": "o"]]])
        let deleted = try StrategicMerge.apply(["spec": ["template": ["$patch": "delete"]]], to: Self.live)
        #expect(deleted["spec"] == [:])
    }

    @Test func nullDeletesAndPrimitiveDirectives() throws {
        let live: JSONValue = ["metadata": ["labels": ["a": "1", "b": "2"], "finalizers": ["x", "y"]]]
        let result = try StrategicMerge.apply(["metadata": ["labels": ["a": .null], "finalizers": ["z"],
                                                            "$deleteFromPrimitiveList/finalizers": ["x"]]], to: live)
        #expect(result["metadata"]?["labels"] == ["b": "2"])
        #expect(result["metadata"]?["finalizers"] == ["y", "z"])
    }

    @Test func setElementOrderReordersAndMissingKeyIsRefused() throws {
        let order: JSONValue = ["spec": ["template": ["spec": ["$setElementOrder/containers": [["name": "sidecar"], ["name": "app"]]]]]]
        #expect(containers(try StrategicMerge.apply(order, to: Self.live)).map { $0["name"] } == ["sidecar", "app"])
        #expect(throws: APIStatus.self) {
            try StrategicMerge.apply(["spec": ["template": ["spec": ["containers": [["image": "nameless"]]]]]], to: Self.live)
        }
    }
}
