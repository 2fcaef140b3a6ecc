/// The path of a field, printed the way a user writes it.
///
/// In a manifest: `spec.container.app.ports[1].name`, `spec.node_selector[kubernetes.io/os]`.
/// In rendered objects, list items are named by their key:
/// `spec.template.spec.containers[name=app].image`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        /// A field of an object: `.name`.
        case field(String)
        /// A list item by position: `[1]`.
        case index(Int)
        /// A user-chosen map key: `.LOG_LEVEL`, or `[kubernetes.io/os]` when it is not a plain word.
        case key(String)
        /// A list item by its merge key: `[name=app]`.
        case keyed(String, String)
    }

    public private(set) var segments: [Segment]

    public init(_ segments: [Segment] = []) {
        self.segments = segments
    }

    /// A path of plain fields, from a dotted string such as `spec.container.app`.
    public init(dotted: String) {
        self.segments = dotted.split(separator: ".").map { .field(String($0)) }
    }

    public var isEmpty: Bool { segments.isEmpty }

    public func appending(_ segment: Segment) -> FieldPath {
        var path = self
        path.segments.append(segment)
        return path
    }

    public func field(_ name: String) -> FieldPath { appending(.field(name)) }
    public func index(_ offset: Int) -> FieldPath { appending(.index(offset)) }
    public func key(_ key: String) -> FieldPath { appending(.key(key)) }
    public func keyed(_ name: String, _ value: String) -> FieldPath { appending(.keyed(name, value)) }

    /// The last field name, if the path ends in one.
    public var lastField: String? {
        if case .field(let name) = segments.last { return name }
        return nil
    }

    public var description: String {
        var out = ""
        for segment in segments {
            switch segment {
            case .field(let name):
                if !out.isEmpty { out.append(".") }
                out.append(name)
            case .index(let offset):
                out.append("[\(offset)]")
            case .key(let key):
                if Self.isPlainWord(key) {
                    if !out.isEmpty { out.append(".") }
                    out.append(key)
                } else {
                    out.append("[\(key)]")
                }
            case .keyed(let name, let value):
                out.append("[\(name)=\(value)]")
            }
        }
        return out
    }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        lhs.description.utf8Precedes(rhs.description)
    }

    private static func isPlainWord(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-"
        }
    }
}
