import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Live objects saved from real clusters (`/work/shared/captures`) are already fully defaulted:
/// defaulting them again for their server's version must change nothing.
@Suite(.enabled(if: Paths.capturesExist, "needs the shared captures folder"))
struct CaptureEvidenceTests {
    struct Capture: Sendable, CustomTestStringConvertible {
        var file: String
        /// The server version, from the capture's `.source.txt` or header notes.
        var version: String
        /// `apiVersion`/`kind` of a list item that lacks them (the enclosing list's type).
        var listItemType: (String, String)? = nil
        var testDescription: String { "\(file) @\(version)" }
    }

    static let captures: [Capture] = [
        .init(file: "daemonsets/ComplianceAsCode__content__fluentd-without-resource.json", version: "1.22"),  // OpenShift 4.9
        .init(file: "daemonsets/Harmol__sonobuoy-results-dump__kube-proxy-1.19.json", version: "1.19.16"),
        .init(file: "daemonsets/Harmol__sonobuoy-results-dump__sonobuoy-systemd-logs-1.19.json", version: "1.19.16"),
        .init(file: "daemonsets/argoproj__argo-cd__daemonset.yaml", version: "1.13"),  // GKE, September 2019
        .init(file: "daemonsets/dan1dan12345678__Kube-backups__kube-proxy-1.28.yaml", version: "1.28.2",
              listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonsets/dan1dan12345678__Kube-backups__node-exporter-1.28.yaml", version: "1.28",
              listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonsets/eugsim1__wls-oke-amsterdam20v__kube-proxy-oke-1.18.json", version: "1.18",
              listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonsets/global-cloudwork__kubernetes__cilium-rke2-1.33.json", version: "v1.33.5+rke2r1",
              listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonsets/lijingwei9060__book_kvm__kube-proxy-kubesphere.json", version: "1.23"),  // kube-proxy v1.23.12
        .init(file: "daemonsets/taaaaryu__boutique-online__kube-proxy-backup.yaml", version: "1.32"),  // kube-proxy v1.32.2
        .init(file: "other/Harmol__sonobuoy-results-dump__clusterrole-flannel.json", version: "1.19.16"),
        .init(file: "other/Harmol__sonobuoy-results-dump__clusterrolebinding-flannel.json", version: "1.19.16"),
        .init(file: "other/Harmol__sonobuoy-results-dump__configmap-kube-flannel-cfg.json", version: "1.19.16"),
        .init(file: "other/Harmol__sonobuoy-results-dump__serviceaccount-flannel.json", version: "1.19.16"),
        .init(file: "other/lijingwei9060__book_kvm__configmap-calico-config.json", version: "1.23"),
        .init(file: "other/lijingwei9060__book_kvm__controllerrevision-calico-node-5f9d4fcb.json", version: "1.23",
              listItemType: ("apps/v1", "ControllerRevision")),
        .init(file: "other/lijingwei9060__book_kvm__namespace-ingress-nginx.json", version: "1.23"),
        .init(file: "other/lijingwei9060__book_kvm__serviceaccount-calico-node.json", version: "1.23"),
    ]

    /// Annotations written by the server, controllers or kubectl rather than by the author.
    static let serverAnnotations: Set<String> = [
        "deprecated.daemonset.template.generation", "kubectl.kubernetes.io/last-applied-configuration",
    ]

    static func live(_ capture: Capture) throws -> JSONValue {
        let text = try String(contentsOf: Paths.captures.appendingPathComponent(capture.file), encoding: .utf8)
        var object = try #require(SourceDocument.parse(text).first).root.jsonValue
        if let (apiVersion, kind) = capture.listItemType, object["kind"] == nil {
            object["apiVersion"] = .string(apiVersion)
            object["kind"] = .string(kind)
        }
        return object
    }

    /// The live object without status and server-populated metadata.
    static func stripped(_ live: JSONValue) -> JSONValue {
        var object = live
        object["status"] = nil
        object.editObject(key: "metadata") { metadata in
            for key in ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"] {
                metadata[key] = nil
            }
            guard var annotations = metadata["annotations"]?.objectValue else { return }
            for key in serverAnnotations { annotations[key] = nil }
            metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        }
        return object
    }

    @Test(arguments: captures)
    func defaultingALiveObjectChangesNothing(_ capture: Capture) throws {
        let object = Self.stripped(try Self.live(capture))
        let result = try defaults(capture.version).defaulted(object)
        #expect(differences(object, result) == [])
    }

    /// With the always-serialized empty structs too, except where a capture shows otherwise:
    /// the GKE 2019 fixture has no `creationTimestamp: null` in its template (see the report).
    @Test(arguments: captures.filter { !$0.file.contains("argoproj") })
    func liveObjectsAlsoCarryTheEmptyStructs(_ capture: Capture) throws {
        let object = Self.stripped(try Self.live(capture))
        let result = try defaults(capture.version, emptyStructs: true).defaulted(object)
        #expect(differences(object, result) == [])
    }

    /// The author's last-applied configuration, defaulted, is contained in the live object.
    @Test(arguments: captures)
    func defaultedLastAppliedIsContainedInTheLiveObject(_ capture: Capture) throws {
        let live = try Self.live(capture)
        guard capture.listItemType?.1 != "ControllerRevision",
            let text = live["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]?.stringValue
        else { return }
        let applied = try defaults(capture.version).defaulted(try #require(SourceDocument.parse(text).first).root.jsonValue)
        #expect(missing(applied, from: live) == [])
    }

    /// The paths of `part` (nulls and empty annotations aside) absent from or different in `whole`.
    func missing(_ part: JSONValue, from whole: JSONValue?, at path: String = "") -> [String] {
        switch (part, whole) {
        case (.null, _): return []
        case (.object(let members), .object(let wholeMembers)?):
            return members.sortedByKey().flatMap { key, value in
                value == [:] && key == "annotations" ? [] : missing(value, from: wholeMembers[key], at: "\(path).\(key)")
            }
        case (.array(let items), .array(let wholeItems)?) where items.count == wholeItems.count:
            return zip(items, wholeItems).enumerated().flatMap { index, pair in missing(pair.0, from: pair.1, at: "\(path)[\(index)]") }
        default:
            return part == whole ? [] : [path]
        }
    }
}

extension JSONValue {
    mutating func editObject(key: String, _ body: (inout [String: JSONValue]) -> Void) {
        guard var members = self[key]?.objectValue else { return }
        body(&members)
        self[key] = .object(members)
    }
}
