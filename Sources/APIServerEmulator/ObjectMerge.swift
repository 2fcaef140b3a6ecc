import ObjectModel

/// The two merges the emulator performs on stored objects.
enum ObjectMerge {
    /// RFC 7386 JSON merge patch: maps merge recursively, `null` deletes a key, anything else
    /// (lists included) replaces the target (reference §C.7).
    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null { members[key] = nil } else { members[key] = mergePatch(members[key] ?? .null, value) }
        }
        return .object(members)
    }

    /// Merges an applied configuration into the live object the way server-side apply does:
    /// maps merge recursively, associative lists merge element-wise by key (live order kept,
    /// new elements appended), atomic fields and other lists are replaced (reference §C.6).
    static func apply(_ applied: JSONValue, onto live: JSONValue, field: String = "") -> JSONValue {
        switch (live, applied) {
        case (.object(var liveMembers), .object(let appliedMembers)) where !FieldSchema.atomicFields.contains(field):
            for (key, value) in appliedMembers {
                liveMembers[key] = liveMembers[key].map { apply(value, onto: $0, field: key) } ?? value
            }
            return .object(liveMembers)
        case (.array(var liveItems), .array(let appliedItems)) where FieldSchema.listKeys[field] != nil:
            for item in appliedItems {
                let token = FieldSchema.elementToken(list: field, element: item)
                if let token, let index = liveItems.firstIndex(where: { FieldSchema.elementToken(list: field, element: $0) == token }) {
                    liveItems[index] = apply(item, onto: liveItems[index])
                } else {
                    liveItems.append(item)
                }
            }
            return .array(liveItems)
        default:
            return applied
        }
    }
}
