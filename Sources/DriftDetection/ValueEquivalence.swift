import Foundation
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
        if isQuantityPath(path), let left = quantity(expected), let right = quantity(live) { return left == right }
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

    /// The exact value of a quantity (string or number).
    static func quantity(_ value: JSONValue) -> Decimal? {
        switch value {
        case .int(let number): return Decimal(number)
        case .double(let number): return Decimal(number)
        case .string(let text): return QuantityValue.exact(text)
        default: return nil
        }
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

/// Exact decimal values of quantity strings.
enum QuantityValue {
    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]

    /// The value of `text`, exactly; `nil` when it is no quantity.
    static func exact(_ text: String) -> Decimal? {
        let numberPart = text.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "+" || $0 == "-") }
        let suffix = String(text.dropFirst(numberPart.count))
        guard !numberPart.isEmpty, let number = Decimal(string: String(numberPart), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        if let power = decimalSuffixes[suffix] { return number * pow(Decimal(10), power) }
        if let power = binarySuffixes[suffix] { return number * pow(Decimal(1024), power) }
        guard let first = suffix.first, first == "e" || first == "E", let power = Int(suffix.dropFirst()) else { return nil }
        return number * pow(Decimal(10), power)
    }

    private static func pow(_ base: Decimal, _ power: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<abs(power) { result *= base }
        return power < 0 ? 1 / result : result
    }
}
