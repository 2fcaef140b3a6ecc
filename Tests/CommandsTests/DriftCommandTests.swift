import Foundation
import Testing

/// `dsledger drift --desired FILE --live FILE`: offline drift through the CLI.
@Suite struct DriftCommandTests {
    static let desired = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: agents
        spec:
          selector:
            matchLabels: {app: agent}
          template:
            metadata:
              labels: {app: agent}
            spec:
              containers:
              - name: app
                image: example.com/agent:1.0
                resources:
                  limits: {cpu: 1000m, memory: 1024Mi}
                volumeMounts:
                - {name: config, mountPath: /etc/agent, readOnly: false}
              volumes:
              - name: config
                configMap: {name: agent-config, defaultMode: 0644}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: agent-env
          namespace: agents
        stringData:
          TOKEN: s3cr3t-t0ken
        """

    /// What `kubectl get ds,secret -n agents -o yaml` printed from a 1.28 server, managedFields shown.
    static func live(image: String = "example.com/agent:1.0", token: String = "czNjcjN0LXQwa2Vu") -> String {
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            annotations:
              deprecated.daemonset.template.generation: "2"
            creationTimestamp: "2026-11-01T08:00:00Z"
            generation: 2
            managedFields:
            - apiVersion: apps/v1
              fieldsType: FieldsV1
              fieldsV1:
                f:spec: {f:template: {f:spec: {f:containers: {'k:{"name":"app"}': {f:image: {}}}}}}
              manager: kubectl-edit
              operation: Update
              time: "2026-11-02T10:14:03Z"
            name: agent
            namespace: agents
            resourceVersion: "4711"
            uid: 0d6c3a52-8f7e-4c55-9d1e-5b0c1f9e7a10
          spec:
            revisionHistoryLimit: 10
            selector:
              matchLabels: {app: agent}
            template:
              metadata:
                creationTimestamp: null
                labels: {app: agent}
              spec:
                containers:
                - image: \(image)
                  imagePullPolicy: IfNotPresent
                  name: app
                  resources:
                    limits: {cpu: "1", memory: 1Gi}
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                  volumeMounts:
                  - {mountPath: /etc/agent, name: config}
                dnsPolicy: ClusterFirst
                restartPolicy: Always
                schedulerName: default-scheduler
                securityContext: {}
                terminationGracePeriodSeconds: 30
                volumes:
                - configMap: {defaultMode: 420, name: agent-config}
                  name: config
            updateStrategy:
              rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
              type: RollingUpdate
          status: {currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2}
        - apiVersion: v1
          data:
            TOKEN: \(token)
          kind: Secret
          metadata: {name: agent-env, namespace: agents, resourceVersion: "77", uid: 9e1f}
          type: Opaque
        """
    }

    static func harness(live: String = live(), desired: String = desired) -> CLIHarness {
        CLIHarness(files: ["desired.yaml": desired, "live.yaml": live])
    }

    @Test func aFreshlyAppliedObjectHasNoDrift() async {
        let result = await Self.harness().run(["drift", "--desired", "desired.yaml", "--live", "live.yaml"])
        #expect(result.stderr == "")
        #expect(result.code == 0)
        #expect(result.stdout == "no drift\n")
    }

    @Test func driftIsPrintedWithAttributionAndExitsOne() async {
        let result = await Self.harness(live: Self.live(image: "example.com/agent:1.1", token: "b3RoZXI="))
            .run(["drift", "--desired", "desired.yaml", "--live", "live.yaml", "--server-version", "1.28"])
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6)
        #expect(Array(lines.prefix(3)) == [
            "DaemonSet agents/agent",
            "  ~ spec.template.spec.containers[name=app].image: example.com/agent:1.0 → example.com/agent:1.1",
            "    changed by kubectl-edit (Update) at 2026-11-02T10:14:03Z",
        ])
        #expect(lines[3] == "Secret agents/agent-env")
        #expect(lines[4].range(of: #"^  secret changed: agents/agent-env TOKEN \(sha256:[0-9a-f]{8}… → sha256:[0-9a-f]{8}…\)$"#,
                               options: .regularExpression) != nil)
        #expect(!result.stdout.contains("s3cr3t") && !result.stdout.contains("b3RoZXI") && !result.stdout.contains("other"))
    }

    @Test func jsonOutputHasTheDocumentedShape() async throws {
        let result = await Self.harness(live: Self.live(image: "example.com/agent:1.1"))
            .run(["drift", "--desired", "desired.yaml", "--live", "live.yaml", "-o", "json"])
        #expect(result.code == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["release"] is NSNull && document["revision"] is NSNull)
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items[0]["object"] as? String == "apps/v1/DaemonSet/agents/agent")
        #expect(items[0]["change"] as? String == "changed")
        #expect(items[0]["expected"] as? String == "example.com/agent:1.0" && items[0]["live"] as? String == "example.com/agent:1.1")
        #expect(items[0]["manager"] as? String == "kubectl-edit" && items[0]["operation"] as? String == "Update")
        #expect(result.stdout.hasPrefix("{\n  \"release\": null,\n  \"revision\": null,\n  \"unknownLink\": null,\n  \"items\": [\n"))
    }

    /// A raw API list: items without kind and apiVersion, taken from `DaemonSetList`.
    @Test func listItemsWithoutKindTakeItFromTheList() async {
        let rawList = Self.live()
            .replacingOccurrences(of: "apiVersion: v1\nkind: List\n", with: "apiVersion: apps/v1\nkind: DaemonSetList\n")
            .replacingOccurrences(of: "- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata:", with: "- metadata:")
        let onlyDaemonSet = String(rawList.prefix(upTo: rawList.range(of: "- apiVersion: v1\n  data:")?.lowerBound ?? rawList.endIndex))
        let desired = String(Self.desired.prefix(upTo: Self.desired.range(of: "---")?.lowerBound ?? Self.desired.endIndex))
        #expect(!onlyDaemonSet.contains("kind: DaemonSet\n"))
        let result = await Self.harness(live: onlyDaemonSet, desired: desired).run(["drift", "--desired", "desired.yaml", "--live", "live.yaml"])
        #expect(result.stderr == "")
        #expect(result.code == 0 && result.stdout == "no drift\n")
    }

    @Test func desiredCanBeTheLastAppliedConfiguration() async {
        let lastApplied = #"{"apiVersion":"v1","data":{"level":"info","mode":null},"kind":"ConfigMap","metadata":{"annotations":{},"name":"conf","namespace":"agents"}}"#
        let live = """
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": \(String(reflecting: lastApplied + "\n"))},
              "name": "conf", "namespace": "agents", "resourceVersion": "5", "uid": "u"},
             "data": {"level": "LEVEL"}}
            """
        let result = await Self.harness(live: live).run(["drift", "--desired", "last-applied", "--live", "live.yaml"])
        #expect(result.code == 1)
        #expect(result.stdout == "ConfigMap agents/conf\n  ~ data.level: info → LEVEL\n")
        let clean = await Self.harness(live: live.replacingOccurrences(of: "LEVEL", with: "info"))
            .run(["drift", "--desired", "last-applied", "--live", "live.yaml"])
        #expect(clean.code == 0)
    }

    @Test func lastAppliedNeedsTheAnnotation() async {
        let result = await Self.harness().run(["drift", "--desired", "last-applied", "--live", "live.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr == "live.yaml: error: no object has a kubectl.kubernetes.io/last-applied-configuration annotation; give --desired FILE instead\n")
    }

    @Test func aMissingFileIsOneClearError() async {
        let result = await Self.harness().run(["drift", "--desired", "desired.yaml", "--live", "/nonexistent/live.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr == "/nonexistent/live.yaml: error: cannot read the file: No such file or directory\n")
        #expect(result.stdout == "")
    }

    @Test func badYAMLNamesTheFileAndPlace() async {
        let result = await Self.harness(live: "items:\n  - a: [1\n").run(["drift", "--desired", "desired.yaml", "--live", "live.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("live.yaml:"))
        #expect(result.stderr.contains(": error: "))
    }

    @Test func aDocumentThatIsNoObjectIsAnError() async {
        let result = await Self.harness(desired: "- just\n- a list\n").run(["drift", "--desired", "desired.yaml", "--live", "live.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr == "desired.yaml: error: document 1 is not a Kubernetes object (a mapping)\n")
    }

    @Test func desiredNeedsLiveAndAReleaseNeedsTheLedger() async {
        let result = await Self.harness().run(["drift", "--desired", "desired.yaml"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("give a release NAME, --all, or --desired FILE --live FILE"))
        let named = await Self.harness().run(["drift", "agent"])
        #expect(named.code == 2)
        #expect(named.stderr.contains("error: no ledger here yet"), "\(named.stderr)")
        let both = await Self.harness().run(["drift", "--all", "--live", "live.yaml"])
        #expect(both.code == 2 && both.stderr.contains("--all reads the cluster"))
    }

    @Test func aBadServerVersionIsAUsageError() async {
        let result = await Self.harness().run(["drift", "--desired", "desired.yaml", "--live", "live.yaml", "--server-version", "latest"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("invalid --server-version 'latest'"))
    }
}
