import ObjectModel

/// Compares two sets of Kubernetes objects the way Kubernetes merges them.
///
/// Objects are matched by identity; lists Kubernetes treats as maps are matched by their merge
/// keys (a reorder is one `reordered` change), sets ignore order, other lists compare by
/// position. Secret values (HMAC markers) are compared by their hashes and shown only as
/// fingerprints. Pure and deterministic: changes come sorted by object, then in field order.
///
/// ```swift
/// let changes = ObjectDiff.changes(from: revision3Objects, to: revision4Objects)
/// ```
public enum ObjectDiff {
    /// Every change that turns `old` into `new`.
    public static func changes(from old: [JSONValue], to new: [JSONValue]) -> [Change] {
        let before = Dictionary(old.map { (ObjectIdentity($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { (ObjectIdentity($0), $0) }, uniquingKeysWith: { first, _ in first })
        var out: [Change] = []
        for identity in Set(before.keys).union(after.keys).sorted() {
            switch (before[identity], after[identity]) {
            case (let a?, let b?):
                var walker = Walker(object: identity)
                walker.compare(a, b, at: FieldPath())
                out += walker.changes
            case (let a?, .none):
                out.append(Change(object: identity, path: FieldPath(), kind: .removed, old: SecretMarker.fingerprinted(a)))
            case (.none, let b?):
                out.append(Change(object: identity, path: FieldPath(), kind: .added, new: SecretMarker.fingerprinted(b)))
            case (.none, .none):
                break
            }
        }
        return out
    }
}

/// Walks two values of one object side by side, collecting changes.
struct Walker {
    let object: ObjectIdentity
    var changes: [Change] = []

    init(object: ObjectIdentity) {
        self.object = object
    }

    mutating func compare(_ a: JSONValue, _ b: JSONValue, at path: FieldPath) {
        if a == b { return }
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for key in Set(left.keys).union(right.keys).sorted(by: { $0.utf8Precedes($1) }) {
                let child = path.member(key)
                switch (left[key], right[key]) {
                case (let x?, let y?): compare(x, y, at: child)
                case (let x?, .none): record(.removed, child, old: x)
                case (.none, let y?): record(.added, child, new: y)
                case (.none, .none): break
                }
            }
        case (.array(let left), .array(let right)):
            compareLists(left, right, at: path)
        case (.string(let x), .string(let y)) where SecretMarker.isMarker(x) || SecretMarker.isMarker(y):
            changes.append(Change(object: object, path: path, kind: SecretMarker.isMarker(x) && SecretMarker.isMarker(y) ? .secretChanged : .changed,
                                  old: .string(SecretMarker.fingerprint(x)), new: .string(SecretMarker.fingerprint(y))))
        default:
            record(.changed, path, old: a, new: b)
        }
    }

    mutating func record(_ kind: Change.Kind, _ path: FieldPath, old: JSONValue? = nil, new: JSONValue? = nil, newIndex: Int? = nil) {
        changes.append(Change(object: object, path: path, kind: kind, old: old.map(SecretMarker.fingerprinted),
                              new: new.map(SecretMarker.fingerprinted), newIndex: newIndex))
    }

    private mutating func compareLists(_ left: [JSONValue], _ right: [JSONValue], at path: FieldPath) {
        let matching = ListMatching.forList(at: path)
        switch matching {
        case .keyed:
            let leftKeys = left.map(matching.key(of:))
            let rightKeys = right.map(matching.key(of:))
            let allKeyed = !(leftKeys + rightKeys).contains(nil)
            let unique = Set(leftKeys).count == left.count && Set(rightKeys).count == right.count
            if allKeyed && unique {
                compareKeyed(left, right, keys: (leftKeys.map { $0! }, rightKeys.map { $0! }), matching: matching, at: path)
            } else {
                comparePositional(left, right, at: path)
            }
        case .set:
            compareSets(left, right, at: path)
        case .positional:
            comparePositional(left, right, at: path)
        }
    }

    private mutating func compareKeyed(_ left: [JSONValue], _ right: [JSONValue], keys: ([String], [String]),
                                       matching: ListMatching, at path: FieldPath) {
        let (leftKeys, rightKeys) = keys
        let rightIndex = Dictionary(uniqueKeysWithValues: rightKeys.enumerated().map { ($1, $0) })
        let leftIndex = Dictionary(uniqueKeysWithValues: leftKeys.enumerated().map { ($1, $0) })
        for (offset, key) in leftKeys.enumerated() where rightIndex[key] == nil {
            record(.removed, path.appending(matching.segment(key: key)), old: left[offset])
        }
        let commonBefore = leftKeys.filter { rightIndex[$0] != nil }
        let commonAfter = rightKeys.filter { leftIndex[$0] != nil }
        if commonBefore != commonAfter {
            record(.reordered, path, old: .array(commonBefore.map { .string($0) }), new: .array(commonAfter.map { .string($0) }))
        }
        for (offset, key) in rightKeys.enumerated() {
            let itemPath = path.appending(matching.segment(key: key))
            if let before = leftIndex[key] {
                compare(left[before], right[offset], at: itemPath)
            } else {
                record(.added, itemPath, new: right[offset], newIndex: offset)
            }
        }
    }

    private mutating func compareSets(_ left: [JSONValue], _ right: [JSONValue], at path: FieldPath) {
        var unmatched = right.enumerated().map { ($0.offset, $0.element) }
        for (offset, item) in left.enumerated() {
            if let found = unmatched.firstIndex(where: { $0.1 == item }) {
                unmatched.remove(at: found)
            } else {
                record(.removed, path.index(offset), old: item)
            }
        }
        for (offset, item) in unmatched { record(.added, path.index(offset), new: item, newIndex: offset) }
    }

    private mutating func comparePositional(_ left: [JSONValue], _ right: [JSONValue], at path: FieldPath) {
        for offset in 0..<max(left.count, right.count) {
            let before: JSONValue? = offset < left.count ? left[offset] : Optional.none
            let after: JSONValue? = offset < right.count ? right[offset] : Optional.none
            switch (before, after) {
            case (let x?, let y?): compare(x, y, at: path.index(offset))
            case (let x?, .none): record(.removed, path.index(offset), old: x)
            case (.none, let y?): record(.added, path.index(offset), new: y, newIndex: offset)
            case (.none, .none): break
            }
        }
    }
}

extension FieldPath {
    /// The path of an object member: `.image` for a name that reads as a field, `[name]` for
    /// other names such as `app.kubernetes.io/name` or `fluent-bit.conf`.
    func member(_ name: String) -> FieldPath {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-"
        }
        return plain ? field(name) : key(name)
    }

    /// The name of the last member, whether it reads as a field or a key.
    var lastMember: String? {
        switch segments.last {
        case .field(let name)?, .key(let name)?: return name
        default: return nil
        }
    }
}
