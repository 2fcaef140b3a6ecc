import DriftDetection
import Foundation
import Ledger
import ObjectModel

/// A live DaemonSet and its ControllerRevisions, turned into partial revision drafts.
///
/// A ControllerRevision keeps only the pod template (`data.spec.template`): the update
/// strategy, the DaemonSet's own labels and annotations, and the Secrets, ConfigMaps,
/// ServiceAccount and RBAC objects the pods use are not in it, so none of that is invented.
struct ClusterHistory {
    let release: ReleaseID
    /// The live DaemonSet, as the API server returned it.
    let daemonSet: JSONValue
    /// Its ControllerRevisions, by `revision` number, oldest first.
    let revisions: [JSONValue]

    /// What a ControllerRevision does not contain, as the import states it.
    static let notContained = "a ControllerRevision holds only the DaemonSet's pod template: not its update strategy, "
        + "labels or annotations, nor the Secrets, ConfigMaps, ServiceAccount or RBAC objects its pods use"

    init(release: ReleaseID, daemonSet: JSONValue, revisions: [JSONValue]) {
        self.release = release
        self.daemonSet = daemonSet
        let uid = daemonSet.value(atMemberPath: "metadata.uid")?.stringValue
        self.revisions = revisions.filter { revision in
            let owners = revision.value(atMemberPath: "metadata.ownerReferences")?.arrayValue ?? []
            return uid == nil || owners.isEmpty || owners.contains { $0["uid"]?.stringValue == uid }
        }.sorted { ($0["revision"]?.intValue ?? 0) < ($1["revision"]?.intValue ?? 0) }
    }

    /// The name of a ControllerRevision.
    static func name(_ revision: JSONValue) -> String {
        revision.value(atMemberPath: "metadata.name")?.stringValue ?? ""
    }

    /// One draft per ControllerRevision, oldest first, the newest replaced by the live DaemonSet
    /// (which has its strategy): every one partial, marked with its origin.
    /// - Parameter recordedAt: when the ledger records them (each keeps its ControllerRevision's
    ///   creation as its source time).
    func drafts(skipping known: Set<String>, recordedAt: Date) -> (drafts: [RevisionDraft], alreadyImported: Int) {
        var drafts: [RevisionDraft] = []
        var already = 0
        for revision in revisions.dropLast() {
            let origin = RevisionOrigin.cluster(controllerRevision: Self.name(revision)).stored
            if known.contains(origin) { already += 1; continue }
            drafts.append(draft([rebuilt(from: revision)], origin: origin, createdAt: recordedAt, sourceTime: Self.created(revision),
                                message: Self.changeCause(revision), author: Self.unknownAuthor))
        }
        // The live DaemonSet is always offered: recording it again when nothing changed adds an event only.
        let current = revisions.last
        let origin = RevisionOrigin.cluster(controllerRevision: current.map(Self.name) ?? (release.name + "-live")).stored
        drafts.append(draft([live()], origin: origin, createdAt: recordedAt, sourceTime: current.map(Self.created) ?? Self.created(daemonSet),
                            message: Self.changeCause(daemonSet) ?? current.flatMap(Self.changeCause),
                            author: Self.templateWriter(of: daemonSet) ?? Self.unknownAuthor))
        return (drafts, already)
    }

    /// The author of a revision nothing in the cluster names.
    static let unknownAuthor = "unknown"

    /// Who last changed the live DaemonSet's pod template, as its managedFields say: the field
    /// manager of the latest entry holding a field of `spec.template`, marked as the cluster's
    /// word (`kubectl-set (field manager, from the cluster)`); nil when none does. Only the
    /// live object has managedFields: older ControllerRevisions keep no writer.
    static func templateWriter(of daemonSet: JSONValue) -> String? {
        let owner = ManagedFields(object: daemonSet).owner(of: FieldPath([.field("spec"), .field("template")]))
        return owner.map { "\($0.manager) (field manager, from the cluster)" }
    }

    private func draft(_ objects: [JSONValue], origin: String, createdAt: Date, sourceTime: Date, message: String?,
                       author: String) -> RevisionDraft {
        let metadata = RevisionMetadata(action: .import, author: author, message: message, sourceFile: nil,
                                        toolVersion: ToolVersion.current, createdAt: createdAt, origin: origin, partial: true,
                                        sourceTime: sourceTime)
        return RevisionDraft(release: release, metadata: metadata, spec: .null, objects: objects, secretHashes: [],
                             summary: RevisionSummary(objects: objects))
    }

    /// The DaemonSet a ControllerRevision describes: identity, selector (immutable, so the live
    /// one's) and the stored template; nothing else.
    func rebuilt(from revision: JSONValue) -> JSONValue {
        var template = revision.value(atMemberPath: "data.spec.template") ?? [:]
        template["$patch"] = nil
        if case .object(var labels)? = template["metadata"]?["labels"] {
            labels["controller-revision-hash"] = nil
            template["metadata"]?["labels"] = .object(labels)
        }
        var spec: JSONValue = ["template": template]
        if let selector = daemonSet.value(atMemberPath: "spec.selector") { spec["selector"] = selector }
        return ["apiVersion": "apps/v1", "kind": "DaemonSet",
                "metadata": ["name": .string(release.name), "namespace": .string(release.namespace)], "spec": spec]
    }

    /// The live DaemonSet without status and what the server or dsledger's own bookkeeping wrote.
    func live() -> JSONValue {
        var object = daemonSet
        object["status"] = nil
        object["apiVersion"] = "apps/v1"
        object["kind"] = "DaemonSet"
        guard case .object(var metadata)? = object["metadata"] else { return object }
        for key in ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"] { metadata[key] = nil }
        if case .object(var annotations)? = metadata["annotations"] {
            for key in annotations.keys where Self.bookkeeping(key) { annotations[key] = nil }
            metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        }
        object["metadata"] = .object(metadata)
        return object
    }

    private static func bookkeeping(_ annotation: String) -> Bool {
        annotation.hasPrefix("dsledger.io/") || annotation == "deprecated.daemonset.template.generation"
            || annotation == "kubectl.kubernetes.io/last-applied-configuration"
    }

    private static func created(_ object: JSONValue) -> Date {
        object.value(atMemberPath: "metadata.creationTimestamp")?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
    }

    /// The `kubernetes.io/change-cause` annotation, the only "why" a ControllerRevision carries.
    private static func changeCause(_ object: JSONValue) -> String? {
        object.value(atMemberPath: "metadata.annotations")?["kubernetes.io/change-cause"]?.stringValue
    }
}
