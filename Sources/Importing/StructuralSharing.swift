import ObjectModel

/// Makes a new version of a tree share the parts it has in common with the version before.
///
/// Consecutive versions of a manifest differ in a few values (usually an image tag), yet each is
/// decoded and rendered afresh into trees of its own. ``shared(_:with:)`` returns the new tree
/// with every subtree that equals the one at its place in the earlier tree replaced by that
/// earlier subtree: the result is equal to the new tree (`==`), and unchanged parts are stored
/// once. Nothing relies on the sharing for correctness; it saves memory, and it makes later
/// comparisons with the earlier version cheap, because Swift's `Array` and `Dictionary`
/// equality returns at once for values that share their storage.
enum StructuralSharing {
    /// `value` with each subtree equal to its counterpart in `earlier` replaced by it, and
    /// whether the two are equal (then the result is `earlier` itself).
    ///
    /// One walk, bottom-up: a node equals its counterpart when its children all do and neither
    /// has a child the other lacks, so no subtree is compared twice, and a node is rebuilt only
    /// on the way to a difference.
    static func shared(_ value: JSONValue, with earlier: JSONValue) -> (value: JSONValue, equal: Bool) {
        switch value {
        case .object(let new):
            guard case .object(let old) = earlier else { return (value, false) }
            guard let members = sharedMembers(new, with: old) else { return (earlier, true) }
            return (.object(members), false)
        case .array(let new):
            guard case .array(let old) = earlier else { return (value, false) }
            guard let elements = sharedElements(new, with: old) else { return (earlier, true) }
            return (.array(elements), false)
        default:
            return value == earlier ? (earlier, true) : (value, false)
        }
    }

    /// The members of `new` sharing with `old`'s, or nil when the two are equal.
    ///
    /// When both have the same keys (the usual case) the result is `old` with the members that
    /// changed replaced: a copy of its table, with no key hashed again but theirs.
    private static func sharedMembers(_ new: [String: JSONValue], with old: [String: JSONValue]) -> [String: JSONValue]? {
        var changed: [(key: String, value: JSONValue)] = []
        var common = 0
        for (key, child) in new {
            guard let oldChild = old[key] else { continue }
            common += 1
            let (sharedChild, equal) = shared(child, with: oldChild)
            if !equal { changed.append((key, sharedChild)) }
        }
        var members: [String: JSONValue]
        if common == new.count, common == old.count {
            guard !changed.isEmpty else { return nil }
            members = old
        } else {
            // A member was added or removed: the new members, the common ones taken from `old`.
            members = new
            for (key, oldChild) in old where new[key] != nil { members[key] = oldChild }
        }
        for (key, value) in changed { members[key] = value }
        return members
    }

    /// The elements of `new` sharing with `old`'s at the same index, or nil when the two are equal.
    private static func sharedElements(_ new: [JSONValue], with old: [JSONValue]) -> [JSONValue]? {
        // When the counts differ the common elements are taken from `old`, the rest from `new`.
        var result: [JSONValue]? = new.count == old.count ? nil : new.count < old.count ? Array(old[..<new.count]) : old + new[old.count...]
        for index in new.indices where index < old.count {
            let (sharedChild, equal) = shared(new[index], with: old[index])
            guard !equal else { continue }
            if result == nil { result = old }
            result?[index] = sharedChild
        }
        return result
    }

    /// Each of `objects` sharing what it has in common with the object at its place in
    /// `earlier` (the objects of the same document in the version before).
    static func shared(_ objects: [JSONValue], with earlier: [JSONValue]) -> [JSONValue] {
        objects.enumerated().map { index, object in
            index < earlier.count ? shared(object, with: earlier[index]).value : object
        }
    }
}
