import Foundation
import ObjectModel

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): the columns
/// `kubectl get` shows, as the real server's printers define them for the emulated kinds.
enum TablePrinter {
    /// One column: its title, type, and how to read its cell from an object.
    struct Column: Sendable {
        var name: String
        var type: String
        var priority = 0
        var cell: @Sendable (JSONValue) -> JSONValue
    }

    /// Whether the client asked for a Table.
    static func wantsTable(_ request: EmulatorRequest) -> Bool {
        (request.headers["accept"] ?? "").contains("as=Table")
    }

    /// The Table of `objects` of `type`, rows carrying PartialObjectMetadata.
    static func table(_ objects: [JSONValue], type: ResourceType, resourceVersion: String, now: Date) -> JSONValue {
        let columns = [Column(name: "Name", type: "string") { $0["metadata"]?["name"] ?? "" }]
            + columns(for: type.kind)
            + [Column(name: "Age", type: "string") { .string(age($0, now: now)) }]
        let definitions: [JSONValue] = columns.map { column in
            ["name": .string(column.name), "type": .string(column.type), "format": column.name == "Name" ? "name" : "",
             "description": .string(column.name), "priority": .int(Int64(column.priority))]
        }
        let rows: [JSONValue] = objects.map { object in
            ["cells": .array(columns.map { $0.cell(object) }),
             "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]]
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": .string(resourceVersion)],
                "columnDefinitions": .array(definitions), "rows": .array(rows)]
    }

    private static func columns(for kind: String) -> [Column] {
        func int(_ path: String) -> @Sendable (JSONValue) -> JSONValue { { $0.value(atMemberPath: path) ?? 0 } }
        switch kind {
        case "DaemonSet":
            return [Column(name: "Desired", type: "integer", cell: int("status.desiredNumberScheduled")),
                    Column(name: "Current", type: "integer", cell: int("status.currentNumberScheduled")),
                    Column(name: "Ready", type: "integer", cell: int("status.numberReady")),
                    Column(name: "Up-to-date", type: "integer", cell: int("status.updatedNumberScheduled")),
                    Column(name: "Available", type: "integer", cell: int("status.numberAvailable")),
                    Column(name: "Node Selector", type: "string") { object in
                        let selector = object.value(atMemberPath: "spec.template.spec.nodeSelector")?.objectValue ?? [:]
                        let text = selector.sortedByKey().map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
                        return .string(text.isEmpty ? "<none>" : text)
                    }]
        case "Node":
            return [Column(name: "Status", type: "string") { object in
                        var status = KubeletNode.isReady(object) ? "Ready" : "NotReady"
                        if object.value(atMemberPath: "spec.unschedulable") == true { status += ",SchedulingDisabled" }
                        return .string(status)
                    },
                    Column(name: "Roles", type: "string") { _ in "<none>" },
                    Column(name: "Version", type: "string") { $0.value(atMemberPath: "status.nodeInfo.kubeletVersion") ?? "" }]
        case "Lease":
            return [Column(name: "Holder", type: "string") { $0.value(atMemberPath: "spec.holderIdentity") ?? "" }]
        case "Namespace":
            return [Column(name: "Status", type: "string") { $0.value(atMemberPath: "status.phase") ?? "" }]
        case "Secret":
            return [Column(name: "Type", type: "string") { $0["type"] ?? "" },
                    Column(name: "Data", type: "string") { .int(Int64($0["data"]?.objectValue?.count ?? 0)) }]
        case "ConfigMap":
            return [Column(name: "Data", type: "string") {
                .int(Int64(($0["data"]?.objectValue?.count ?? 0) + ($0["binaryData"]?.objectValue?.count ?? 0)))
            }]
        case "ServiceAccount":
            return [Column(name: "Secrets", type: "string") { .int(Int64($0["secrets"]?.arrayValue?.count ?? 0)) }]
        case "ControllerRevision":
            return [Column(name: "Controller", type: "string") { object in
                        guard let owner = object["metadata"]?["ownerReferences"]?.arrayValue?.first(where: { $0["controller"] == true }) else {
                            return "<none>"
                        }
                        let group = owner["apiVersion"]?.stringValue?.split(separator: "/").dropLast().first.map { "." + $0 } ?? ""
                        let kind = (owner["kind"]?.stringValue ?? "").lowercased()
                        return .string("\(kind)\(group)/\(owner["name"]?.stringValue ?? "")")
                    },
                    Column(name: "Revision", type: "integer") { $0["revision"] ?? 0 }]
        default:
            return []
        }
    }

    /// The age of an object as `kubectl` prints durations (`HumanDuration`).
    static func age(_ object: JSONValue, now: Date) -> String {
        let formatter = ISO8601DateFormatter()
        guard let text = object["metadata"]?["creationTimestamp"]?.stringValue, let created = formatter.date(from: text) else {
            return "<unknown>"
        }
        return humanDuration(Int(max(0, now.timeIntervalSince(created))))
    }

    /// `duration.HumanDuration` of apimachinery for whole seconds.
    static func humanDuration(_ seconds: Int) -> String {
        let minutes = seconds / 60, hours = seconds / 3600, days = hours / 24
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s"
        case ..<(3 * 3600): return "\(minutes)m"
        case ..<(8 * 3600): return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m"
        case ..<(48 * 3600): return "\(hours)h"
        case ..<(8 * 24 * 3600): return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h"
        case ..<(2 * 365 * 24 * 3600): return "\(days)d"
        default: return "\(days / 365)y"
        }
    }
}
