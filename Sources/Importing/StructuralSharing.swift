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
        switch (value, earlier) {
        case (.object(let new), .object(let old)):
            guard let members = sharedMembers(new, with: old) else { return (earlier, true) }
            return (.object(members), false)
        case (.array(let new), .array(let old)):
            guard let elements = sharedElements(new, with: old) else { return (earlier, true) }
            return (.array(elements), false)
        case (.object, _), (.array, _), (_, .object), (_, .array):
            return (value, false)
        default:
            return value == earlier ? (earlier, true) : (value, false)
        }
    }

    /// The members of `new` sharing with `old`'s, or nil when the two are equal.
    ///
    /// Two dictionaries built alike (the same keys, inserted the same way) usually iterate in the
    /// same order, so each member's counterpart is first looked for at the same place in `old`,
    /// which costs a key comparison rather than a hash; only where that fails is `old` searched.
    private static func sharedMembers(_ new: [String: JSONValue], with old: [String: JSONValue]) -> [String: JSONValue]? {
        var result: [String: JSONValue]?
        var place = old.startIndex
        var everyKeyFound = true
        for (key, child) in new {
            var counterpart: JSONValue?
            if place != old.endIndex {
                let candidate = old[place]
                old.formIndex(after: &place)
                if candidate.key == key { counterpart = candidate.value }
            }
            guard let oldChild = counterpart ?? old[key] else {
                everyKeyFound = false
                continue
            }
            let (sharedChild, equal) = shared(child, with: oldChild)
            if !equal, result == nil {
                // The first difference: members seen before it were equal, and take the earlier ones.
                var members = new
                for (seen, _) in new {
                    if seen == key { break }
                    if let earlierMember = old[seen] { members[seen] = earlierMember }
                }
                result = members
            }
            result?[key] = sharedChild
        }
        if let result { return result }
        guard !everyKeyFound || new.count != old.count else { return nil }
        // Every common member was equal, but a member was added or removed.
        var members = new
        for (key, oldChild) in old where new[key] != nil { members[key] = oldChild }
        return members
    }

    /// The elements of `new` sharing with `old`'s at the same index, or nil when the two are equal.
    private static func sharedElements(_ new: [JSONValue], with old: [JSONValue]) -> [JSONValue]? {
        var result: [JSONValue]?
        for index in new.indices where index < old.count {
            let (sharedChild, equal) = shared(new[index], with: old[index])
            if !equal, result == nil {
                result = Array(old[..<index]) + new[index...]
            }
            result?[index] = sharedChild
        }
        if let result { return result }
        guard new.count != old.count else { return nil }
        // Every common element was equal: the shorter array is a prefix of the longer.
        return new.count < old.count ? Array(old[..<new.count]) : old + new[old.count...]
    }

    /// Each of `objects` sharing what it has in common with the object at its place in
    /// `earlier` (the objects of the same document in the version before).
    static func shared(_ objects: [JSONValue], with earlier: [JSONValue]) -> [JSONValue] {
        objects.enumerated().map { index, object in
            index < earlier.count ? shared(object, with: earlier[index]).value : object
        }
    }
}
