import ObjectModel

/// The few DaemonSet validation rules the emulator enforces.
enum DaemonSetValidation {
    /// Throws a 422 Invalid for a DaemonSet without a selector, with a selector that does not
    /// match the template labels, with a container without name or image, or whose selector
    /// changed on update.
    static func check(_ object: JSONValue, old: JSONValue?, type: ResourceType, name: String) throws(APIStatus) {
        guard type.kind == "DaemonSet" else { return }
        var causes: [(field: String, reason: String, message: String)] = []
        let selector = object["spec"]?["selector"]
        if selector == nil {
            causes.append(("spec.selector", "FieldValueRequired", "Required value"))
        } else if let matchLabels = selector?["matchLabels"]?.objectValue {
            let labels = object["spec"]?["template"]?["metadata"]?["labels"]?.objectValue ?? [:]
            if matchLabels.contains(where: { labels[$0.key] != $0.value }) {
                causes.append(("spec.template.metadata.labels", "FieldValueInvalid",
                               "Invalid value: \(CanonicalJSON.compact(.object(labels))): `selector` does not match template `labels`"))
            }
        }
        for (index, container) in (object["spec"]?["template"]?["spec"]?["containers"]?.arrayValue ?? []).enumerated() {
            if container["name"] == nil {
                causes.append(("spec.template.spec.containers[\(index)].name", "FieldValueRequired", "Required value"))
            }
            if container["image"] == nil {
                causes.append(("spec.template.spec.containers[\(index)].image", "FieldValueRequired", "Required value"))
            }
        }
        if let old, let selector, old["spec"]?["selector"] != selector {
            causes.append(("spec.selector", "FieldValueInvalid",
                           "Invalid value: \(CanonicalJSON.compact(selector)): field is immutable"))
        }
        if !causes.isEmpty { throw APIStatus.invalid(type, name, causes: causes) }
    }
}
