import Foundation
import KubernetesRules
import ObjectModel

/// Values that print differently but mean the same to the server:
/// quantities by their exact value (`1000m` = `1`, `1Gi` = `1024Mi`, `cpu: 1` = `"1"`), file
/// modes numerically (`420` = `"0644"`), and numbers whatever their JSON type (`1` = `1.0`).
public enum ValueEquivalence {
    /// Fields whose values are resource quantities when their parent is one of
    /// ``quantityParents``, or always for these names.
    static let quantityFields: Set<String> = ["sizeLimit", "storage"]
    /// Maps whose values are quantities.
    static let quantityParents: Set<String> = ["limits", "requests", "hard", "capacity"]
    /// Fields holding a file mode.
    static let modeFields: Set<String> = ["defaultMode", "mode"]

    /// True when `expected` and `live`, both found at `path`, mean the same.
    public static func areEquivalent(_ expected: JSONValue, _ live: JSONValue, at path: FieldPath) -> Bool {
        if expected == live { return true }
        if isQuantityPath(path), let left = Quantity.exactAmount(of: expected), let right = Quantity.exactAmount(of: live) { return left == right }
        if isModePath(path), let left = mode(expected), let right = mode(live) { return left == right }
        if let left = number(expected), let right = number(live) { return left == right }
        return false
    }

    static func isQuantityPath(_ path: FieldPath) -> Bool {
        let names = path.segments.suffix(2).compactMap(\.memberName)
        guard let last = names.last else { return false }
        return quantityFields.contains(last) || (names.count == 2 && quantityParents.contains(names[0]))
    }

    static func isModePath(_ path: FieldPath) -> Bool {
        path.segments.last?.memberName.map(modeFields.contains) ?? false
    }

    /// A mode as a number: integers as they are, strings as octal (`"0644"`).
    static func mode(_ value: JSONValue) -> Int64? {
        switch value {
        case .int(let number): return number
        case .string(let text): return Int64(text, radix: 8)
        default: return nil
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }
}

extension FieldPath.Segment {
    /// The member name of a field or map-key segment.
    var memberName: String? {
        switch self {
        case .field(let name), .key(let name): return name
        default: return nil
        }
    }
}
