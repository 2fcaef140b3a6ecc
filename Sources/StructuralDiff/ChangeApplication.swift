import ObjectModel

/// Applies reported changes to objects: `applying(changes(from: a, to: b), to: a)` gives `b`
/// (sets up to order, secrets up to their fingerprints). It proves the diff complete and exact.
public enum ChangeApplication {
    public static func applying(_ changes: [Change], to objects: [JSONValue]) -> [JSONValue] {
        var byIdentity = Dictionary(objects.map { (ObjectIdentity($0), $0) }, uniquingKeysWith: { first, _ in first })
        var order = objects.map(ObjectIdentity.init)
        for change in changes where change.path.isEmpty {
            switch change.kind {
            case .added:
                byIdentity[change.object] = change.new
                order.append(change.object)
            case .removed:
                byIdentity.removeValue(forKey: change.object)
                order.removeAll { $0 == change.object }
            default: break
            }
        }
        let fieldChanges = changes.filter { !$0.path.isEmpty }
        for change in phased(fieldChanges) {
            guard var object = byIdentity[change.object] else { continue }
            apply(change, to: &object)
            byIdentity[change.object] = object
        }
        return order.compactMap { byIdentity[$0] }
    }

    /// Removals (last position first), then reorders, then additions (first position first),
    /// then value changes: the order in which list positions stay meaningful.
    private static func phased(_ changes: [Change]) -> [Change] {
        let removals = changes.filter { $0.kind == .removed }.sorted { lastIndex($0.path) > lastIndex($1.path) }
        let additions = changes.filter { $0.kind == .added }.sorted { ($0.newIndex ?? 0) < ($1.newIndex ?? 0) }
        return removals + changes.filter { $0.kind == .reordered } + additions
            + changes.filter { $0.kind == .changed || $0.kind == .secretChanged }
    }

    private static func lastIndex(_ path: FieldPath) -> Int {
        if case .index(let offset) = path.segments.last { return offset }
        return -1
    }

    private static func apply(_ change: Change, to object: inout JSONValue) {
        let segments = change.path.segments
        let parent = FieldPath(Array(segments.dropLast()))
        guard let last = segments.last else { return }
        switch change.kind {
        case .changed, .secretChanged:
            update(&object, at: segments[...], parent: FieldPath()) { $0 = change.new ?? .null }
        case .reordered:
            let order = change.new?.arrayValue?.compactMap(\.stringValue) ?? []
            let matching = ListMatching.forList(at: change.path)
            update(&object, at: segments[...], parent: FieldPath()) { list in
                guard var items = list.arrayValue else { return }
                let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                items.sort { (matching.key(of: $0).flatMap { rank[$0] } ?? 0) < (matching.key(of: $1).flatMap { rank[$0] } ?? 0) }
                list = .array(items)
            }
        case .added, .removed:
            update(&object, at: segments.dropLast()[...], parent: FieldPath()) { container in
                switch (container, last) {
                case (.object(var members), .field(let name)), (.object(var members), .key(let name)):
                    if change.kind == .added, let value = change.new { members[name] = value } else { members.removeValue(forKey: name) }
                    container = .object(members)
                case (.array(var items), _):
                    if change.kind == .removed {
                        if let position = position(of: last, in: items, list: parent) { items.remove(at: position) }
                    } else if let value = change.new {
                        items.insert(value, at: min(change.newIndex ?? items.count, items.count))
                    }
                    container = .array(items)
                default: break
                }
            }
        }
    }

    /// Runs `body` on the value at `segments` (relative to `parent`), creating nothing.
    private static func update(_ value: inout JSONValue, at segments: ArraySlice<FieldPath.Segment>, parent: FieldPath,
                               _ body: (inout JSONValue) -> Void) {
        guard let first = segments.first else { return body(&value) }
        let rest = segments.dropFirst()
        switch (value, first) {
        case (.object(var members), .field(let name)), (.object(var members), .key(let name)):
            guard var child = members[name] else { return }
            update(&child, at: rest, parent: parent.appending(first), body)
            members[name] = child
            value = .object(members)
        case (.array(var items), _):
            guard let position = position(of: first, in: items, list: parent) else { return }
            update(&items[position], at: rest, parent: parent.appending(first), body)
            value = .array(items)
        default:
            return
        }
    }

    private static func position(of segment: FieldPath.Segment, in items: [JSONValue], list: FieldPath) -> Int? {
        switch segment {
        case .index(let offset): return items.indices.contains(offset) ? offset : nil
        case .keyed(_, let value):
            let matching = ListMatching.forList(at: list)
            let key = matching.key(segmentValue: value)
            return items.firstIndex { matching.key(of: $0) == key }
        default: return nil
        }
    }
}
