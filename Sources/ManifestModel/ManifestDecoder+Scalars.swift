import ObjectModel

/// Typed reading of scalar fields, following protojson over YAML 1.1:
/// strings must be strings (quote `"1.36"`), integers may be numbers or numeric strings,
/// booleans must be real booleans. A `secret` field never echoes its value.
extension ManifestDecoder {
    mutating func string(_ fields: Fields, _ name: String, secret: Bool = false) -> Located<String>? {
        guard let entry = fields.entries[name] else { return nil }
        return string(entry.node, fields.path(name), secret: secret)
    }

    mutating func string(_ node: SourceNode, _ path: FieldPath, secret: Bool = false) -> Located<String>? {
        guard let scalar = node.scalar else {
            report(.wrongType, path, node.location, "expected a string, got \(node.kindDescription)")
            return nil
        }
        switch scalar.resolved {
        case .string(let text):
            return Located(text, path: path, location: node.location)
        case .null:
            return nil
        case .bool, .int, .float:
            // A secret's text is never echoed, not even in the hint.
            let got = secret ? node.kindDescription : "the \(node.kindDescription.dropFirst(2)) \(scalar.text)"
            report(.wrongType, path, node.location, "expected a string, got \(got)",
                   hint: secret ? "quote the value" : "quote it: \"\(scalar.text)\"")
            return nil
        }
    }

    /// An integer in `range` (int32 or int64), from a number or a string of decimal digits.
    mutating func integer(_ fields: Fields, _ name: String, range: ClosedRange<Int64> = Int64(Int32.min)...Int64(Int32.max))
        -> Located<Int64>?
    {
        guard let entry = fields.entries[name] else { return nil }
        return integer(entry.node, fields.path(name), range: range)
    }

    mutating func integer(_ node: SourceNode, _ path: FieldPath, range: ClosedRange<Int64>) -> Located<Int64>? {
        let kind = range.upperBound > Int64(Int32.max) ? "a 64-bit integer" : "a 32-bit integer"
        guard let scalar = node.scalar else {
            report(.wrongType, path, node.location, "expected \(kind), got \(node.kindDescription)")
            return nil
        }
        var number: Int64?
        switch scalar.resolved {
        case .int(let value): number = value
        case .float(let value) where value == value.rounded() && abs(value) < 9e18: number = Int64(value)
        case .string(let text): number = Self.decimalInteger(text)
        default: number = nil
        }
        guard let number else {
            report(.wrongType, path, node.location, "expected \(kind), got '\(scalar.text)'", hint: "write a whole number such as 30")
            return nil
        }
        guard range.contains(number) else {
            report(.invalid, path, node.location, "value \(number) is out of range",
                   hint: "use a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Located(number, path: path, location: node.location)
    }

    mutating func bool(_ fields: Fields, _ name: String) -> Located<Bool>? {
        guard let entry = fields.entries[name] else { return nil }
        let node = entry.node
        guard let scalar = node.scalar, case .bool(let flag) = scalar.resolved else {
            let got = node.scalar.map { "'\($0.text)'" + ($0.isPlain ? "" : " (quoted)") } ?? node.kindDescription
            report(.wrongType, fields.path(name), node.location, "expected a boolean, got \(got)",
                   hint: "write true or false without quotes")
            return nil
        }
        return Located(flag, path: fields.path(name), location: node.location)
    }

    /// A list of strings; absent gives an empty list.
    mutating func strings(_ fields: Fields, _ name: String) -> [Located<String>] {
        list(fields, name) { decoder, node, path in decoder.string(node, path) }
    }

    /// A map of strings to strings, in source order.
    mutating func stringMap(_ fields: Fields, _ name: String, secretValues: Bool = false) -> [MapEntry] {
        guard let entry = fields.entries[name] else { return [] }
        return map(entry.node, fields.path(name)) { decoder, node, path in
            decoder.string(node, path, secret: secretValues)
        }.map { MapEntry(key: $0.key, value: $0.value) }
    }

    /// A map with arbitrary string keys, each value read by `item`; in source order.
    mutating func map<T>(_ node: SourceNode, _ path: FieldPath,
                         item: (inout ManifestDecoder, SourceNode, FieldPath) -> T?) -> [(key: Located<String>, value: T)] {
        guard case .mapping(let pairs) = node.content else {
            report(.wrongType, path, node.location, "expected a mapping, got \(node.kindDescription)")
            return []
        }
        var out: [(key: Located<String>, value: T)] = []
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                report(.wrongType, path, pair.key.location, "a key must be a string, got \(pair.key.kindDescription)")
                continue
            }
            let itemPath = path.key(key)
            if let value = item(&self, pair.value, itemPath) {
                out.append((Located(key, path: itemPath, location: pair.key.location), value))
            }
        }
        return out
    }

    /// A list whose items are read by `item`; absent gives an empty list.
    mutating func list<T>(_ fields: Fields, _ name: String,
                          item: (inout ManifestDecoder, SourceNode, FieldPath) -> T?) -> [T] {
        guard let entry = fields.entries[name] else { return [] }
        let (node, path) = (entry.node, fields.path(name))
        guard case .sequence(let nodes) = node.content else {
            report(.wrongType, path, node.location, "expected a list, got \(node.kindDescription)")
            return []
        }
        guard nodes.count <= Self.listLimit else {
            report(.tooLong, path, node.location, "a list of \(nodes.count) items; at most \(Self.listLimit) are allowed",
                   hint: "no field of a DaemonSet needs more")
            return []
        }
        return nodes.enumerated().compactMap { offset, node in item(&self, node, path.index(offset)) }
    }

    /// The most items of any list of a manifest (ports, args, tolerations, sidecars, RBAC rules…).
    /// Kubernetes itself sets no limit on these lists, but no DaemonSet needs a thousand of one,
    /// and a list the size of the alias budget would take every later stage a long time.
    static let listLimit = 1_000

    /// A nested message read by `decode`.
    mutating func message<T>(_ fields: Fields, _ name: String,
                             decode: (inout ManifestDecoder, SourceNode, FieldPath) -> T?) -> T? {
        guard let entry = fields.entries[name] else { return nil }
        return decode(&self, entry.node, fields.path(name))
    }

    static func decimalInteger(_ text: String) -> Int64? {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text.hasPrefix("+") ? String(body) : text)
    }
}
