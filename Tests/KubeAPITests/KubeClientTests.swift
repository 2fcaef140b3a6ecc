import Foundation
import KubeAPI
import ObjectModel
import Testing

/// What ``KubeClient`` sends and how it reads answers, over a canned transport.
@Suite(.tags(.small)) struct KubeClientTests {
    static let configMap: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["level": "debug"],
    ]

    @Test func sendsAcceptUserAgentAndBearerToken() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, json: #"{"major":"1","minor":"30+","gitVersion":"v1.30.2-eks"}"#)])
        let version = try await canned.client().serverVersion()
        #expect(version == ServerVersion(major: 1, minor: 30, gitVersion: "v1.30.2-eks"))
        let request = try #require(canned.requests.first)
        #expect(request.method == "GET" && request.path == "/version")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("User-Agent") == "dsledger/0.1.0")
        #expect(request.header("Authorization") == "Bearer secret-token")
    }

    @Test func sendsBasicAuth() async throws {
        var connection = CannedTransport.connection(token: nil)
        connection.basicAuth = .init(username: "admin", password: "pa55")
        let canned = CannedTransport(responses: [KubeResponse(status: 404, json: "{}")])
        _ = try await canned.client(connection).get(.secrets, namespace: "a", name: "b")
        #expect(canned.requests.first?.header("Authorization") == "Basic YWRtaW46cGE1NQ==")
    }

    @Test func getReturnsNilOn404AndUsesItemPath() async throws {
        let canned = CannedTransport(responses: [.status(404, reason: "NotFound", message: #"daemonsets.apps "x" not found"#)])
        let object = try await canned.client().get(.daemonSets, namespace: "monitoring", name: "x")
        #expect(object == nil)
        #expect(canned.requests.map(\.path) == ["/apis/apps/v1/namespaces/monitoring/daemonsets/x"])
    }

    @Test func clusterScopedPathsHaveNoNamespace() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, json: #"{"kind":"ClusterRole"}"#)])
        _ = try await canned.client().get(.clusterRoles, namespace: "ignored", name: "viewer")
        #expect(canned.requests.map(\.path) == ["/apis/rbac.authorization.k8s.io/v1/clusterroles/viewer"])
    }

    @Test func listFollowsContinueAndFillsKind() async throws {
        let canned = CannedTransport(responses: [
            KubeResponse(status: 200, json: #"{"kind":"SecretList","apiVersion":"v1","metadata":{"continue":"page 2"},"items":[{"metadata":{"name":"a"}}]}"#),
            KubeResponse(status: 200, json: #"{"kind":"SecretList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"b"}}]}"#),
        ])
        let items = try await canned.client().list(.secrets, namespace: "ns", labelSelector: "app=agent,tier in (a,b)")
        #expect(items == [
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "a"]],
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "b"]],
        ])
        #expect(canned.requests.map(\.path) == [
            "/api/v1/namespaces/ns/secrets?labelSelector=app%3Dagent,tier%20in%20(a,b)&limit=500",
            "/api/v1/namespaces/ns/secrets?labelSelector=app%3Dagent,tier%20in%20(a,b)&limit=500&continue=page%202",
        ])
    }

    @Test func listOfAllNamespacesUsesTheClusterPath() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, json: #"{"items":[]}"#)])
        let items = try await canned.client().list(.daemonSets, namespace: nil)
        #expect(items.isEmpty)
        #expect(canned.requests.map(\.path) == ["/apis/apps/v1/daemonsets?limit=500"])
    }

    @Test func applySendsServerSideApplyPatchInTheConnectionsNamespace() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 201, json: #"{"kind":"ConfigMap"}"#)])
        let stored = try await canned.client().apply(Self.configMap, fieldManager: "dsledger", force: true, dryRun: true)
        #expect(stored == ["kind": "ConfigMap"])
        let request = try #require(canned.requests.first)
        #expect(request.method == "PATCH")
        #expect(request.path == "/api/v1/namespaces/team-a/configmaps/settings?fieldManager=dsledger&force=true&dryRun=All")
        #expect(request.header("Content-Type") == "application/apply-patch+yaml")
        let body = try JSONValue(parsingJSON: String(decoding: request.body ?? Data(), as: UTF8.self))
        #expect(body["metadata"] == ["name": "settings", "namespace": "team-a"])
    }

    @Test func applyWithoutForceOrDryRunLeavesThemOut() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, json: "{}")])
        var object = Self.configMap
        object["metadata"] = ["name": "settings", "namespace": "other"]
        _ = try await canned.client().apply(object, fieldManager: "dsledger", force: false, dryRun: false)
        #expect(canned.requests.map(\.path) == ["/api/v1/namespaces/other/configmaps/settings?fieldManager=dsledger"])
    }

    @Test func applyRejectsUnknownKindsWithoutSending() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, json: "{}")])
        let object: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"]]
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client().apply(object, fieldManager: "dsledger", force: false, dryRun: false)
        }
        #expect(error?.description
            == "cannot apply Widget 'w': apiVersion 'example.com/v1' kind 'Widget' is not a resource dsledger knows")
        #expect(canned.requests.isEmpty)
    }

    @Test func deleteUsesBackgroundPropagationAndReportsAbsence() async throws {
        let canned = CannedTransport(responses: [
            KubeResponse(status: 200, json: #"{"kind":"Status","status":"Success"}"#),
            .status(404, reason: "NotFound", message: #"secrets "s" not found"#),
        ])
        let client = canned.client()
        #expect(try await client.delete(.secrets, namespace: "ns", name: "s", dryRun: true))
        #expect(try await !client.delete(.secrets, namespace: "ns", name: "s", dryRun: false))
        #expect(canned.requests.map { "\($0.method) \($0.path)" } == [
            "DELETE /api/v1/namespaces/ns/secrets/s?propagationPolicy=Background&dryRun=All",
            "DELETE /api/v1/namespaces/ns/secrets/s?propagationPolicy=Background",
        ])
    }

    @Test func conflictCarriesTheServersMessageAndTheManagers() async throws {
        let message = #"Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.template.spec.containers[name="app"].image"#
        let causes = #"[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-patch\" using apps/v1","field":".spec.template.spec.containers[name=\"app\"].image"}]"#
        let canned = CannedTransport(responses: [.status(409, reason: "Conflict", message: message, causes: causes)])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client().apply(Self.configMap, fieldManager: "dsledger", force: false, dryRun: false)
        }
        let status = try #require(error?.status)
        #expect(error?.description == message + " (Conflict)")
        #expect(status.conflicts.map { "\($0.manager) \($0.field)" }
            == [#"kubectl-patch .spec.template.spec.containers[name="app"].image"#])
        #expect(canned.requests.count == 1)
    }

    @Test func successWithoutJSONIsAnInvalidResponse() async throws {
        let canned = CannedTransport(responses: [KubeResponse(status: 200, body: Data("ok".utf8))])
        let error = await #expect(throws: KubeAPIError.self) { try await canned.client().serverVersion() }
        #expect(error == .invalidResponse("the API server at https://10.0.0.1:6443 answered HTTP 200 without a JSON object (2 bytes)"))
    }

    @Test func errorsNeverShowTheToken() async throws {
        let canned = CannedTransport([.failure(.connectionFailed("connection refused"))])
        let error = await #expect(throws: KubeAPIError.self) {
            try await canned.client(retry: .none).get(.pods, namespace: "a", name: "b")
        }
        #expect(error?.description == "cannot reach the API server at https://10.0.0.1:6443: connection refused")
        #expect(!(error?.description.contains("secret-token") ?? true))
    }
}
