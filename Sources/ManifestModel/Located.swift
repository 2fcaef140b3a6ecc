import ObjectModel

/// A value read from a manifest, with the path and place it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// The path as the user wrote it (`spec.container.app.ports[1].name`).
    public var path: FieldPath
    /// Where the value starts in the file.
    public var location: SourceLocation

    public init(_ value: Value, path: FieldPath, location: SourceLocation) {
        self.value = value
        self.path = path
        self.location = location
    }
}

/// Where a manifest object (a YAML mapping) was written, so that a rule can name a field the
/// user left out, spelled the way the rest of the document spells its keys.
public struct Origin: Sendable, Hashable {
    public var path: FieldPath
    public var location: SourceLocation
    /// True when the document writes its keys in lowerCamelCase.
    public var prefersCamelCase: Bool

    public init(path: FieldPath, location: SourceLocation, prefersCamelCase: Bool = false) {
        self.path = path
        self.location = location
        self.prefersCamelCase = prefersCamelCase
    }

    /// The path of a field of this object, given by its snake_case name.
    public func path(of field: String) -> FieldPath {
        path.field(spelling(field))
    }

    /// A field's name as this document spells its keys (`create_namespace` or `createNamespace`),
    /// for messages that name a field other than the one they point at.
    public func spelling(_ field: String) -> String {
        prefersCamelCase ? FieldName.camelCase(field) : field
    }

    /// Field names in this document's spelling, quoted: `'http_get', 'grpc' or 'exec'`.
    func spellings(_ fields: [String], conjunction: String = "or") -> String {
        FieldName.quotedList(fields.map(spelling), conjunction: conjunction)
    }
}

/// One entry of a string-to-string map (labels, node selector, ConfigMaps), in source order.
public struct MapEntry: Sendable, Hashable {
    public var key: Located<String>
    public var value: Located<String>

    public init(key: Located<String>, value: Located<String>) {
        self.key = key
        self.value = value
    }
}

/// The two spellings of a field name.
public enum FieldName {
    /// `create_namespace` → `createNamespace`; single words are unchanged.
    /// Values quoted and joined: `'a', 'b' or 'c'`.
    static func quotedList(_ values: [String], conjunction: String = "or") -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted.last!
    }

    public static func camelCase(_ snake: String) -> String {
        var out = ""
        var upperNext = false
        for character in snake {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                out.append(contentsOf: character.uppercased())
                upperNext = false
            } else {
                out.append(character)
            }
        }
        return out
    }
}
