import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// The other direction of ``ServedObjectTests``: remove from each served DaemonSet every field
/// that holds its server default, and defaulting for its server's version must put back exactly
/// the served object (so maxSurge appears on 1.22 and later and not on 1.13, 1.18 or 1.19).
@Suite struct ServedObjectRederivationTests {
    static let daemonSets = ServedObjectTests.served.filter { $0.file.hasPrefix("daemonset-") }

    @Test(arguments: daemonSets)
    func defaultingRestoresTheRemovedDefaults(_ capture: ServedObjectTests.Served) throws {
        let live = ServedObjectTests.stripped(try ServedObjectTests.live(capture))
        var bare = live
        bare.editObject(key: "spec") { spec in
            Self.removeDefaults(from: &spec, ["revisionHistoryLimit": 10])
            let strategy = spec["updateStrategy"]
            if strategy == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1]]
                || strategy == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]]
            {
                spec["updateStrategy"] = nil
            }
            guard var template = spec["template"]?.objectValue, var pod = template["spec"]?.objectValue else { return }
            Self.removeDefaults(from: &pod, [
                "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                "terminationGracePeriodSeconds": 30, "securityContext": [:],
            ])
            pod["serviceAccount"] = nil
            for key in ["containers", "initContainers"] {
                pod.editEachObject(key) { container in
                    Self.removeDefaults(from: &container, [
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
                    ])
                    container.editEachObject("ports") { Self.removeDefaults(from: &$0, ["protocol": "TCP"]) }
                    container.editEachObject("env") { variable in
                        variable.editObject(key: "valueFrom") { source in
                            source.editObject(key: "fieldRef") { Self.removeDefaults(from: &$0, ["apiVersion": "v1"]) }
                        }
                    }
                }
            }
            pod.editEachObject("volumes") { volume in
                volume.editObject(key: "hostPath") { Self.removeDefaults(from: &$0, ["type": ""]) }
                for key in ["configMap", "secret", "projected"] {
                    volume.editObject(key: key) { Self.removeDefaults(from: &$0, ["defaultMode": 420]) }
                }
            }
            template["spec"] = .object(pod)
            spec["template"] = .object(template)
        }
        #expect(bare != live)
        let result = try defaults(capture.version).defaulted(bare)
        #expect(differences(live, result) == [])
    }

    static func removeDefaults(from members: inout [String: JSONValue], _ defaults: [String: JSONValue]) {
        for (key, value) in defaults where members[key] == value { members[key] = nil }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    mutating func editEachObject(_ key: String, _ body: (inout [String: JSONValue]) -> Void) {
        guard let items = self[key]?.arrayValue else { return }
        self[key] = .array(items.map { item in
            guard var members = item.objectValue else { return item }
            body(&members)
            return .object(members)
        })
    }

    mutating func editObject(key: String, _ body: (inout [String: JSONValue]) -> Void) {
        guard var members = self[key]?.objectValue else { return }
        body(&members)
        self[key] = .object(members)
    }
}
