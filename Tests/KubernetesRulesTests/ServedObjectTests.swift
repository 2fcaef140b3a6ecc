import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Objects as servers of each version return them (`Fixtures/served`, see its README) are
/// already fully defaulted: defaulting them again for their server's version must change nothing.
@Suite struct ServedObjectTests {
    struct Served: Sendable, CustomTestStringConvertible {
        var file: String
        /// The version of the server that returned it.
        var version: String
        /// `apiVersion`/`kind` of a list item that lacks them (the enclosing list's type).
        var listItemType: (String, String)? = nil
        var testDescription: String { "\(file) @\(version)" }
    }

    static let served: [Served] = [
        .init(file: "daemonset-1.13.yaml", version: "1.13"),
        .init(file: "daemonset-1.18.yaml", version: "1.18", listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonset-1.19.yaml", version: "1.19.16"),
        .init(file: "daemonset-1.22.yaml", version: "1.22"),
        .init(file: "daemonset-1.23.yaml", version: "1.23"),
        .init(file: "daemonset-1.28.yaml", version: "1.28.2", listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "daemonset-1.32.yaml", version: "1.32"),
        .init(file: "daemonset-1.33.yaml", version: "v1.33.5+rke2r1", listItemType: ("apps/v1", "DaemonSet")),
        .init(file: "clusterrole-1.19.yaml", version: "1.19.16"),
        .init(file: "clusterrolebinding-1.19.yaml", version: "1.19.16"),
        .init(file: "configmap-1.19.yaml", version: "1.19.16"),
        .init(file: "serviceaccount-1.19.yaml", version: "1.19.16"),
        .init(file: "configmap-1.23.yaml", version: "1.23"),
        .init(file: "controllerrevision-1.23.yaml", version: "1.23", listItemType: ("apps/v1", "ControllerRevision")),
        .init(file: "namespace-1.23.yaml", version: "1.23"),
        .init(file: "serviceaccount-1.23.yaml", version: "1.23"),
    ]

    /// Annotations written by the server, controllers or kubectl rather than by the author.
    static let serverAnnotations: Set<String> = [
        "deprecated.daemonset.template.generation", "kubectl.kubernetes.io/last-applied-configuration",
    ]

    static func live(_ capture: Served) throws -> JSONValue {
        let text = try String(contentsOf: Paths.servedFixtures.appendingPathComponent(capture.file), encoding: .utf8)
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

    @Test(arguments: served)
    func defaultingALiveObjectChangesNothing(_ capture: Served) throws {
        let object = Self.stripped(try Self.live(capture))
        let result = try defaults(capture.version).defaulted(object)
        #expect(differences(object, result) == [])
    }

    /// With the always-serialized empty structs too, except on the 1.13 server, which returned
    /// no `creationTimestamp: null` in the template.
    @Test(arguments: served.filter { $0.version != "1.13" })
    func liveObjectsAlsoCarryTheEmptyStructs(_ capture: Served) throws {
        let object = Self.stripped(try Self.live(capture))
        let result = try defaults(capture.version, emptyStructs: true).defaulted(object)
        #expect(differences(object, result) == [])
    }

    /// The author's last-applied configuration, defaulted, is contained in the live object.
    @Test(arguments: served)
    func defaultedLastAppliedIsContainedInTheLiveObject(_ capture: Served) throws {
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
