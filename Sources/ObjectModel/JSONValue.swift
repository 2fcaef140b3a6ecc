/// A JSON-like tree: the value of a Kubernetes object, or of any part of one.
///
/// Objects are unordered; every serialisation in this module sorts their keys byte-wise, so two
/// equal values always print the same bytes. Integers and doubles are kept apart so that `1`
/// never becomes `1.0`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, when this is an integer.
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, when this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member `key` of an object; `nil` for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The value at a dotted member path such as `spec.template.spec`.
    public func value(atMemberPath path: String) -> JSONValue? {
        // Member by member, finding the dots among the UTF-8 bytes rather than splitting the
        // path into an array of characters: summaries and drift read a few paths of every object.
        var current = self
        let bytes = path.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
            if start < end {
                guard let next = current[String(path[start..<end])] else { return nil }
                current = next
            }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return current
    }
}

/// Literals build values in code and tests. There is deliberately no `nil` literal: in an
/// `Optional<JSONValue>` it would silently mean `.null` instead of "absent"; write `.null`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension String {
    /// Orders strings by their UTF-8 bytes: the one key order every canonical output uses.
    @inlinable
    public func utf8Precedes(_ other: String) -> Bool {
        var (left, right) = (self, other)
        return left.withUTF8 { left in
            right.withUTF8 { right in
                for index in 0..<Swift.min(left.count, right.count) where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
    }
}

extension Dictionary where Key == String {
    /// The members sorted by key, byte-wise.
    public func sortedByKey() -> [(key: String, value: Value)] {
        sorted { $0.key.utf8Precedes($1.key) }
    }
}
