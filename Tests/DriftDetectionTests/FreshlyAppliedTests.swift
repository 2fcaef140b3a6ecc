import ObjectModel
import Testing
@testable import DriftDetection

/// A revision right after it was applied never shows drift, whatever the server added.
@Suite struct FreshlyAppliedTests {
    @Test(arguments: [20, 27, 33])
    func daemonSetDefaultedByTheServerShowsNoDrift(minor: Int) throws {
        let applied = try object(Fixtures.appliedDaemonSet)
        let live = try object(Fixtures.liveDaemonSet(minor: minor))
        #expect(summary(drift(applied, live, minor: minor)) == [])
    }

    /// Offline the version may be guessed wrong: defaults of another version are still no drift.
    @Test(arguments: [20, 27, 33])
    func daemonSetShowsNoDriftUnderAnotherVersion(minor: Int) throws {
        let applied = try object(Fixtures.appliedDaemonSet)
        let live = try object(Fixtures.liveDaemonSet(minor: minor))
        for other in [18, 21, 24, 28, 35] {
            #expect(summary(drift(applied, live, minor: other)) == [], "live \(minor), assumed \(other)")
        }
    }

    @Test func otherKindsShowNoDrift() throws {
        let applied = try [
            object("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: agents, labels: {team: infra}}
                """),
            object("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: agent, namespace: agents}
                """),
            object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: agent-env, namespace: agents, annotations: null}
                stringData: {TOKEN: "\(marker("a"))"}
                """),
            object("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: agent, namespace: agents}
                roleRef: {kind: Role, name: agent}
                subjects: [{kind: ServiceAccount, name: agent, namespace: agents}]
                """),
        ]
        let live = try [
            object("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  creationTimestamp: "2026-11-01T08:00:00Z"
                  labels: {team: infra, kubernetes.io/metadata.name: agents}
                  name: agents
                  resourceVersion: "12"
                  uid: 5b8e4a1c-0f43-4b9e-a3a1-2d1c6f0e9b77
                spec: {finalizers: [kubernetes]}
                status: {phase: Active}
                """),
            object("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: agent, namespace: agents, uid: 1f0c, resourceVersion: "13"}
                secrets: [{name: agent-token-x7k2p}]
                """),
            object("""
                apiVersion: v1
                kind: Secret
                metadata: {name: agent-env, namespace: agents, resourceVersion: "14"}
                data: {TOKEN: "\(marker("a"))"}
                type: Opaque
                """),
            object("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: agent, namespace: agents}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: agent}
                subjects: [{kind: ServiceAccount, name: agent, namespace: agents}]
                """),
        ]
        let items = DriftDetector(version: version(23)).items(applied: applied, live: live)
        #expect(summary(items) == [])
    }

    /// A captured kube-proxy (1.19) compared with its own server-visible fields as applied.
    @Test func capturedKubeProxyMatchesWhatKubeadmApplied() throws {
        let applied = try object("""
            {"apiVersion": "apps/v1", "kind": "DaemonSet",
             "metadata": {"labels": {"k8s-app": "kube-proxy"}, "name": "kube-proxy", "namespace": "kube-system"},
             "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
              "template": {"metadata": {"labels": {"k8s-app": "kube-proxy"}},
               "spec": {"containers": [{"command": ["/usr/local/bin/kube-proxy"], "image": "k8s.gcr.io/kube-proxy:v1.19.16",
                 "name": "kube-proxy", "securityContext": {"privileged": true},
                 "volumeMounts": [{"mountPath": "/lib/modules", "name": "lib-modules", "readOnly": true}]}],
                "hostNetwork": true, "priorityClassName": "system-node-critical", "serviceAccountName": "kube-proxy",
                "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"operator": "Exists"}],
                "volumes": [{"hostPath": {"path": "/lib/modules"}, "name": "lib-modules"}]}},
              "updateStrategy": {"type": "RollingUpdate"}}}
            """)
        let live = try object("""
            {"apiVersion": "apps/v1", "kind": "DaemonSet",
             "metadata": {"annotations": {"deprecated.daemonset.template.generation": "1"},
              "creationTimestamp": "2022-05-27T09:42:17Z", "generation": 1, "labels": {"k8s-app": "kube-proxy"},
              "name": "kube-proxy", "namespace": "kube-system", "resourceVersion": "423",
              "selfLink": "/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy",
              "uid": "1b9a858d-4f1b-4b60-986a-c9ab4fd28d63"},
             "spec": {"revisionHistoryLimit": 10, "selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
              "template": {"metadata": {"creationTimestamp": null, "labels": {"k8s-app": "kube-proxy"}},
               "spec": {"containers": [{"command": ["/usr/local/bin/kube-proxy"], "image": "k8s.gcr.io/kube-proxy:v1.19.16",
                 "imagePullPolicy": "IfNotPresent", "name": "kube-proxy", "resources": {}, "securityContext": {"privileged": true},
                 "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                 "volumeMounts": [{"mountPath": "/lib/modules", "name": "lib-modules", "readOnly": true}]}],
                "dnsPolicy": "ClusterFirst", "hostNetwork": true, "priorityClassName": "system-node-critical",
                "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": {},
                "serviceAccount": "kube-proxy", "serviceAccountName": "kube-proxy", "terminationGracePeriodSeconds": 30,
                "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"operator": "Exists"}],
                "volumes": [{"hostPath": {"path": "/lib/modules", "type": ""}, "name": "lib-modules"}]}},
              "updateStrategy": {"rollingUpdate": {"maxUnavailable": 1}, "type": "RollingUpdate"}},
             "status": {"currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberAvailable": 1,
              "numberMisscheduled": 0, "numberReady": 1, "observedGeneration": 1, "updatedNumberScheduled": 1}}
            """)
        let guessed = ServerVersionGuess.version(from: [live])
        #expect(guessed == version(19))
        #expect(summary(DriftDetector(version: guessed).items(applied: [applied], live: [live])) == [])
    }
}
