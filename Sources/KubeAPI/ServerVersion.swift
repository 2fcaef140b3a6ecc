import ObjectModel

/// The API server's version, from `GET /version`.
public struct ServerVersion: Sendable, Hashable {
    /// The major version, such as `1`.
    public var major: Int
    /// The minor version, such as `30` (a vendor's `30+` reads as `30`).
    public var minor: Int
    /// The full version string, such as `v1.30.2` or `v1.30.2-eks-1234`.
    public var gitVersion: String

    /// Creates a version.
    public init(major: Int, minor: Int, gitVersion: String) {
        self.major = major
        self.minor = minor
        self.gitVersion = gitVersion
    }

    /// Reads a `/version` document; `nil` when `major` or `minor` hold no number.
    init?(document: JSONValue) {
        guard let major = Self.leadingNumber(document["major"]?.stringValue),
              let minor = Self.leadingNumber(document["minor"]?.stringValue)
        else { return nil }
        self.init(major: major, minor: minor, gitVersion: document["gitVersion"]?.stringValue ?? "")
    }

    /// The digits at the start of `text` as a number (`"30+"` is 30).
    private static func leadingNumber(_ text: String?) -> Int? {
        guard let text else { return nil }
        return Int(String(text.prefix { $0.isASCII && $0.isNumber }))
    }
}
