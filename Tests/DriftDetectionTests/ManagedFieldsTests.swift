import ObjectModel
import Testing
@testable import DriftDetection

/// Who owns a path, read from fieldsV1.
@Suite struct ManagedFieldsTests {
    static let live: JSONValue = {
        let text = #"""
            {"metadata": {"managedFields": [
              {"manager": "kubectl-client-side-apply", "operation": "Update", "time": "2024-07-08T02:04:43Z",
               "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:k8s-app": {}}},
                "f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\"name\":\"node\"}": {".": {},
                  "f:args": {}, "f:image": {},
                  "f:ports": {".": {}, "k:{\"containerPort\":9100,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}}}}}}}},
              {"manager": "kubectl-edit", "operation": "Update", "time": "2026-11-02T10:14:03Z",
               "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\"name\":\"node\"}": {
                 "f:image": {}}}}}}}},
              {"manager": "kube-controller-manager", "operation": "Update", "subresource": "status", "time": "2026-11-02T10:15:00Z",
               "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:numberReady": {}}}}
            ]}}
            """#
        return (try? JSONValue(parsingJSON: text)) ?? .null
    }()

    static let node = FieldPath(dotted: "spec.template.spec").field("containers").keyed("name", "node")

    @Test func keyedItemsAndTheirFields() {
        let owners = ManagedFields(object: Self.live)
        let port = Self.node.field("ports").keyed("containerPort", "9100,protocol=TCP").field("containerPort")
        #expect(owners.owner(of: port)?.manager == "kubectl-client-side-apply")
        #expect(owners.owner(of: FieldPath(dotted: "metadata.labels").field("k8s-app"))?.manager == "kubectl-client-side-apply")
    }

    @Test func theLatestOfSeveralOwnersWins() {
        let owner = ManagedFields(object: Self.live).owner(of: Self.node.field("image"))
        #expect(owner == FieldOwner(manager: "kubectl-edit", operation: "Update", time: "2026-11-02T10:14:03Z"))
    }

    @Test func aPathInsideAnAtomicFieldBelongsToItsOwner() {
        #expect(ManagedFields(object: Self.live).owner(of: Self.node.field("args").index(1))?.manager == "kubectl-client-side-apply")
    }

    @Test func unownedPathsHaveNoOwner() {
        let owners = ManagedFields(object: Self.live)
        #expect(owners.owner(of: Self.node.field("env")) == nil)
        #expect(owners.owner(of: FieldPath(dotted: "spec.template.spec").field("containers").keyed("name", "other")) == nil)
        #expect(ManagedFields(object: ["metadata": ["name": "x"]]).isEmpty)
    }

    @Test func aRemovedFieldIsAttributedToItsParentsOwner() {
        let item = DriftItem(object: .init(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "n", name: "a"),
                             path: Self.node.field("ports").keyed("containerPort", "8080,protocol=TCP"), change: .removed)
        #expect(ManagedFields(object: Self.live).owner(for: item)?.manager == "kubectl-client-side-apply")
    }
}
