import ObjectModel

/// The two merges the emulator performs on stored objects.
enum ObjectMerge {
    /// RFC 7386 JSON merge patch: maps merge recursively, `null` deletes a key, anything else
    /// (lists included) replaces the target.
    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null { members[key] = nil } else { members[key] = mergePatch(members[key] ?? .null, value) }
        }
        return .object(members)
    }

    /// Merges an applied configuration into the live object the way server-side apply does:
    /// maps merge recursively, associative lists merge element-wise by key in the order
    /// structured-merge-diff produces, atomic fields and other lists are replaced.
    static func apply(_ applied: JSONValue, onto live: JSONValue, field: String = "") -> JSONValue {
        switch (live, applied) {
        case (.object(var liveMembers), .object(let appliedMembers)) where !FieldSchema.atomicFields.contains(field):
            for (key, value) in appliedMembers {
                liveMembers[key] = liveMembers[key].map { apply(value, onto: $0, field: key) } ?? value
            }
            return .object(liveMembers)
        case (.array(let liveItems), .array(let appliedItems)) where FieldSchema.listKeys(field) != nil:
            return .array(mergedList(field, live: liveItems, applied: appliedItems))
        default:
            return applied
        }
    }

    /// An associative list merged as structured-merge-diff does: both lists are walked together;
    /// elements only live keep their place, and applied elements (new ones included) come in the
    /// applied order, so applying `[a, b, c]` over `[a, c]` gives `[a, b, c]`, not `[a, c, b]`.
    private static func mergedList(_ field: String, live: [JSONValue], applied: [JSONValue]) -> [JSONValue] {
        let liveKeys = live.map { FieldSchema.elementToken(list: field, element: $0) }
        let appliedKeys = applied.map { FieldSchema.elementToken(list: field, element: $0) }
        let appliedSet = Set(appliedKeys.compactMap { $0 })
        var liveIndex: [String: Int] = [:]
        for (index, key) in liveKeys.enumerated() { if let key, liveIndex[key] == nil { liveIndex[key] = index } }
        let shared = appliedKeys.compactMap { $0 }.filter { liveIndex[$0] != nil }
        var merged = Set<String>()
        var out: [JSONValue] = []
        var left = 0, right = 0
        while left < live.count || right < applied.count {
            if left < live.count, right < applied.count {
                if let key = liveKeys[left], key == appliedKeys[right] {
                    out.append(apply(applied[right], onto: live[left]))
                    merged.insert(key)
                    left += 1
                    right += 1
                    continue
                }
                // A shared element the applied order places later: it is emitted when reached there.
                if let key = liveKeys[left], appliedSet.contains(key), shared.first(where: { !merged.contains($0) }) != key {
                    left += 1
                    continue
                }
            }
            if left < live.count {
                guard let key = liveKeys[left], appliedSet.contains(key) else {
                    out.append(live[left])
                    left += 1
                    continue
                }
                if merged.contains(key) {
                    left += 1
                    continue
                }
            }
            if right < applied.count {
                if let key = appliedKeys[right] {
                    out.append(liveIndex[key].map { apply(applied[right], onto: live[$0]) } ?? applied[right])
                    merged.insert(key)
                } else {
                    out.append(applied[right])
                }
                right += 1
            }
        }
        return out
    }
}
