import ObjectModel
import StructuralDiff

/// Finds the items of Kubernetes lists by the path segments StructuralDiff prints
/// (`[name=app]`, `[containerPort=80,protocol=TCP]`).
enum KeyedListItems {
    /// The segment value naming `item` in a list keyed by `fields`: `app`, `80,protocol=TCP`.
    /// `nil` when the item lacks a key field (a missing `protocol` counts as `TCP`).
    static func segmentValue(of item: JSONValue, fields: [String]) -> String? {
        var parts: [String] = []
        for (offset, field) in fields.enumerated() {
            let text: String
            switch item[field] {
            case .string(let value)?: text = value
            case .int(let value)?: text = String(value)
            case nil where field == "protocol": text = "TCP"
            default: return nil
            }
            parts.append(offset == 0 ? text : "\(field)=\(text)")
        }
        return parts.joined(separator: ",")
    }

    /// The item of `items` (the list at `listPath`) that `segment` names.
    static func item(in items: [JSONValue], at listPath: FieldPath, segment: FieldPath.Segment) -> JSONValue? {
        switch segment {
        case .index(let offset):
            return items.indices.contains(offset) ? items[offset] : nil
        case .keyed(let first, let value):
            guard case .keyed(let fields) = ListMatching.forList(at: listPath), fields.first == first else { return nil }
            return items.first { segmentValue(of: $0, fields: fields) == value }
        case .field, .key:
            return nil
        }
    }
}

extension JSONValue {
    /// The value at a path as StructuralDiff prints it, keyed list items included.
    func value(following path: FieldPath) -> JSONValue? {
        var current: JSONValue = self
        var walked = FieldPath()
        for segment in path.segments {
            switch (segment, current) {
            case (.field(let name), .object(let members)), (.key(let name), .object(let members)):
                guard let next = members[name] else { return nil }
                current = next
            case (_, .array(let items)):
                guard let next = KeyedListItems.item(in: items, at: walked, segment: segment) else { return nil }
                current = next
            default:
                return nil
            }
            walked = walked.appending(segment)
        }
        return current
    }
}
