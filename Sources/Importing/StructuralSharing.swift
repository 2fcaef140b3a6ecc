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
    static func shared(_ value: JSONValue, with earlier: JSONValue) -> (value: JSONValue, equal: Bool) {
        // Most subtrees are unchanged: comparing allocates nothing, so compare first and rebuild
        // only the nodes on the way to a difference.
        if value == earlier { return (earlier, true) }
        switch (value, earlier) {
        case (.object(let new), .object(let old)):
            var result = new
            for (key, child) in new {
                if let oldChild = old[key] { result[key] = shared(child, with: oldChild).value }
            }
            return (.object(result), false)
        case (.array(let new), .array(let old)):
            var result = new
            for index in new.indices where index < old.count {
                result[index] = shared(new[index], with: old[index]).value
            }
            return (.array(result), false)
        default:
            return (value, false)
        }
    }

    /// Each of `objects` sharing what it has in common with the object at its place in
    /// `earlier` (the objects of the same document in the version before).
    static func shared(_ objects: [JSONValue], with earlier: [JSONValue]) -> [JSONValue] {
        objects.enumerated().map { index, object in
            index < earlier.count ? shared(object, with: earlier[index]).value : object
        }
    }
}
