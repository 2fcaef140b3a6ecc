@testable import APIServerEmulator
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// REST behaviour of the emulator, driven in-process without TLS.
@Suite struct EmulatorStateTests {
    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "secret")

    func send(_ method: String, _ uri: String, _ body: JSONValue? = nil, contentType: String = "application/json",
              token: String? = "secret") -> (Int, JSONValue) {
        var headers = ["content-type": contentType, "user-agent": "kubectl/v1.32.0 (linux/amd64)"]
        if let token { headers["authorization"] = "Bearer \(token)" }
        let bytes = body.map(CanonicalJSON.compactBytes) ?? []
        let response = state.handle(EmulatorRequest(method: method, uri: uri, headers: headers, body: bytes),
                                    hasClientCertificate: false, serverAddress: "127.0.0.1:1")
        return (response.status, (try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self))) ?? .string(String(decoding: response.body, as: UTF8.self)))
    }

    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "agent", "namespace": "ops", "labels": ["app": "agent"]],
        "spec": [
            "selector": ["matchLabels": ["app": "agent"]],
            "template": ["metadata": ["labels": ["app": "agent"]],
                         "spec": ["containers": [["name": "agent", "image": "agent:1"]]]],
        ],
    ]

    func makeNamespace() {
        _ = send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
    }

    @Test func rejectsRequestsWithoutCredentials() {
        let (status, body) = send("GET", "/api/v1/namespaces", token: "wrong")
        #expect(status == 401)
        #expect(body == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                         "message": "Unauthorized", "reason": "Unauthorized", "code": 401])
    }

    @Test func answersNotFoundWithStatus() {
        makeNamespace()
        let (status, body) = send("GET", "/apis/apps/v1/namespaces/ops/daemonsets/nope")
        #expect(status == 404)
        #expect(body["message"] == "daemonsets.apps \"nope\" not found")
        #expect(body["details"] == ["name": "nope", "group": "apps", "kind": "daemonsets"])
    }

    @Test func createsWithServerMetadataAndDefaults() throws {
        makeNamespace()
        let (status, body) = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        #expect(status == 201)
        #expect(body["metadata"]?["generation"] == 1)
        // 1–4 the system namespaces, 5 ops, 6 the DaemonSet.
        #expect(body["metadata"]?["resourceVersion"] == "6")
        #expect(body["metadata"]?["annotations"]?["deprecated.daemonset.template.generation"] == "1")
        #expect(body.value(atMemberPath: "spec.updateStrategy.type") == "RollingUpdate")
        #expect(body["metadata"]?["managedFields"]?.arrayValue?.first?["manager"] == "kubectl")
        let again = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        #expect(again.0 == 409)
        #expect(again.1["reason"] == "AlreadyExists")
    }

    @Test func refusesObjectsInMissingNamespace() {
        let (status, body) = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        #expect(status == 404)
        #expect(body["message"] == "namespaces \"ops\" not found")
    }

    @Test func rejectsStaleResourceVersionOnUpdate() {
        makeNamespace()
        var object = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet).1
        object["metadata"]?["resourceVersion"] = "1"
        let (status, body) = send("PUT", "/apis/apps/v1/namespaces/ops/daemonsets/agent", object)
        #expect(status == 409)
        #expect(body["message"] == "Operation cannot be fulfilled on daemonsets.apps \"agent\": the object has been modified; please apply your changes to the latest version and try again")
    }

    @Test func serverSideApplyOwnsAppliedFieldsAndBumpsGeneration() throws {
        makeNamespace()
        let uri = "/apis/apps/v1/namespaces/ops/daemonsets/agent?fieldManager=dsledger"
        let created = send("PATCH", uri, Self.daemonSet, contentType: "application/apply-patch+yaml")
        #expect(created.0 == 201)
        let entry = try #require(created.1["metadata"]?["managedFields"]?.arrayValue?.first)
        #expect(entry["manager"] == "dsledger")
        #expect(entry["operation"] == "Apply")
        let container = entry.value(atMemberPath: "fieldsV1.f:spec.f:template.f:spec.f:containers")?["k:{\"name\":\"agent\"}"]
        #expect(container == [".": [:], "f:name": [:], "f:image": [:]])
        var changed = Self.daemonSet
        changed["spec"]?["template"]?["spec"]?["containers"] = [["name": "agent", "image": "agent:2"]]
        let updated = send("PATCH", uri, changed, contentType: "application/apply-patch+yaml")
        #expect(updated.0 == 200)
        #expect(updated.1["metadata"]?["generation"] == 2)
        #expect(updated.1["metadata"]?["annotations"]?["deprecated.daemonset.template.generation"] == "2")
    }

    @Test func applyRemovesFieldsTheManagerNoLongerApplies() {
        makeNamespace()
        let uri = "/apis/apps/v1/namespaces/ops/daemonsets/agent?fieldManager=dsledger"
        var withLabel = Self.daemonSet
        withLabel["metadata"]?["labels"]?["tier"] = "node"
        _ = send("PATCH", uri, withLabel, contentType: "application/apply-patch+yaml")
        let (_, body) = send("PATCH", uri, Self.daemonSet, contentType: "application/apply-patch+yaml")
        #expect(body["metadata"]?["labels"] == ["app": "agent"])
    }

    @Test func applyRequiresFieldManager() {
        makeNamespace()
        let (status, body) = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent", Self.daemonSet,
                                  contentType: "application/apply-patch+yaml")
        #expect(status == 422)
        #expect(body["details"]?["kind"] == "PatchOptions")
    }

    @Test func applyConflictsWithAnotherManagerUnlessForced() {
        makeNamespace()
        _ = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent?fieldManager=one", Self.daemonSet,
                 contentType: "application/apply-patch+yaml")
        var changed = Self.daemonSet
        changed["spec"]?["template"]?["spec"]?["containers"] = [["name": "agent", "image": "agent:2"]]
        let refused = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent?fieldManager=two", changed,
                           contentType: "application/apply-patch+yaml")
        #expect(refused.0 == 409)
        #expect(refused.1["message"] == "Apply failed with 1 conflict: conflict with \"one\" using apps/v1: .spec.template.spec.containers[name=\"agent\"].image")
        let forced = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent?fieldManager=two&force=true", changed,
                          contentType: "application/apply-patch+yaml")
        #expect(forced.0 == 200)
    }

    @Test func mergePatchAndUnsupportedPatchTypes() {
        makeNamespace()
        _ = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        let patched = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent", ["metadata": ["labels": ["tier": "node"]]],
                           contentType: "application/merge-patch+json")
        #expect(patched.0 == 200)
        #expect(patched.1["metadata"]?["labels"] == ["app": "agent", "tier": "node"])
        #expect(patched.1["metadata"]?["generation"] == 1)
        let unsupported = send("PATCH", "/apis/apps/v1/namespaces/ops/daemonsets/agent", [:],
                               contentType: "application/cbor")
        #expect(unsupported.0 == 415)
    }

    @Test func dryRunStoresNothing() {
        makeNamespace()
        let (status, body) = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets?dryRun=All", Self.daemonSet)
        #expect(status == 201)
        #expect(body["metadata"]?["uid"] != nil)
        #expect(send("GET", "/apis/apps/v1/namespaces/ops/daemonsets/agent").0 == 404)
    }

    @Test func listsWithSelectorsAndResourceVersion() {
        makeNamespace()
        _ = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        let matching = send("GET", "/apis/apps/v1/daemonsets?labelSelector=app%3Dagent").1
        #expect(matching["kind"] == "DaemonSetList")
        // 1–4 system namespaces, 5 ops, 6 DaemonSet, 7 its ControllerRevision, 8 the controller's status write.
        #expect(matching["metadata"]?["resourceVersion"] == "8")
        #expect(matching["items"]?.arrayValue?.count == 1)
        #expect(matching["items"]?.arrayValue?.first?["kind"] == nil)
        #expect(send("GET", "/apis/apps/v1/namespaces/ops/daemonsets?labelSelector=app!%3Dagent").1["items"] == [])
    }

    @Test func fieldSelectorsFilterAndUnsupportedFieldsAnswer400() {
        makeNamespace()
        _ = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        #expect(send("GET", "/apis/apps/v1/daemonsets?fieldSelector=metadata.name%3Dagent").1["items"]?.arrayValue?.count == 1)
        #expect(send("GET", "/apis/apps/v1/daemonsets?fieldSelector=metadata.name%21%3Dagent").1["items"] == [])
        let (status, body) = send("GET", "/apis/apps/v1/daemonsets?fieldSelector=spec.nodeName%3Dx")
        #expect(status == 400)
        #expect(body["message"] == "field label not supported: spec.nodeName")
        #expect(body["reason"] == "BadRequest")
        // ops and the four namespaces every API server creates.
        #expect(send("GET", "/api/v1/namespaces?fieldSelector=status.phase%3DActive").1["items"]?.arrayValue?.count == 5)
        #expect(send("GET", "/api/v1/namespaces?fieldSelector=metadata.name%3Dkube-system").1["items"]?.arrayValue?.count == 1)
    }

    @Test(arguments: [
        ("/api/v1/namespaces/ops/serviceaccounts", "ServiceAccount", "v1"), ("/api/v1/namespaces/ops/configmaps", "ConfigMap", "v1"),
        ("/api/v1/namespaces/ops/secrets", "Secret", "v1"), ("/api/v1/nodes", "Node", "v1"),
        ("/apis/rbac.authorization.k8s.io/v1/namespaces/ops/roles", "Role", "rbac.authorization.k8s.io/v1"),
        ("/apis/rbac.authorization.k8s.io/v1/namespaces/ops/rolebindings", "RoleBinding", "rbac.authorization.k8s.io/v1"),
        ("/apis/rbac.authorization.k8s.io/v1/clusterroles", "ClusterRole", "rbac.authorization.k8s.io/v1"),
        ("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
        ("/apis/apps/v1/namespaces/ops/controllerrevisions", "ControllerRevision", "apps/v1"),
    ])
    func servesEveryVerbOnEachKind(collection: String, kind: String, apiVersion: String) {
        makeNamespace()
        var object: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": "thing"]]
        if kind.hasSuffix("Binding") { object["roleRef"] = ["kind": "ClusterRole", "name": "view"] }
        if kind == "ControllerRevision" { object["revision"] = 1 }
        #expect(send("POST", collection, object).0 == 201)
        #expect(send("GET", collection + "/thing").1["kind"] == .string(kind))
        #expect(send("GET", collection).1["items"]?.arrayValue?.isEmpty == false)
        object["metadata"]?["labels"] = ["a": "1"]
        #expect(send("PUT", collection + "/thing", object).1["metadata"]?["labels"] == ["a": "1"])
        let merged = send("PATCH", collection + "/thing", ["metadata": ["labels": ["b": "2"]]], contentType: "application/merge-patch+json")
        #expect(merged.1["metadata"]?["labels"] == ["a": "1", "b": "2"])
        let strategic = send("PATCH", collection + "/thing", ["metadata": ["labels": ["a": .null]]],
                             contentType: "application/strategic-merge-patch+json")
        #expect(strategic.1["metadata"]?["labels"] == ["b": "2"])
        #expect(send("DELETE", collection + "/thing").0 == 200)
        #expect(send("GET", collection + "/thing").0 == 404)
    }

    @Test func deleteAnswersSuccessStatus() {
        makeNamespace()
        _ = send("POST", "/apis/apps/v1/namespaces/ops/daemonsets", Self.daemonSet)
        let (status, body) = send("DELETE", "/apis/apps/v1/namespaces/ops/daemonsets/agent")
        #expect(status == 200)
        #expect(body["status"] == "Success")
        #expect(body["details"]?["kind"] == "daemonsets")
        #expect(send("DELETE", "/apis/apps/v1/namespaces/ops/daemonsets/agent").0 == 404)
    }
}
