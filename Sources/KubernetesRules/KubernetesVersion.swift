import ObjectModel

/// A Kubernetes server version, as far as defaulting cares: major, minor and (when known) patch.
///
/// Parses the spellings servers and vendors report: `"1.23"`, `"v1.31.2"`, `"1.28+"` (the EKS
/// and GKE `minor` field), `"v1.33.5+rke2r1"`, `"v1.28.3-eks-4f4795d"`. Versions order by
/// major, minor, then patch, a missing patch counting as 0.
///
/// ```swift
/// let version = KubernetesVersion("v1.31.2")!
/// version >= KubernetesVersion(major: 1, minor: 22)   // true
/// ```
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major version, 1 for every released Kubernetes.
    public var major: Int
    /// The minor version: the number every defaulting difference is keyed on.
    public var minor: Int
    /// The patch version, when the text had one.
    public var patch: Int?

    /// A version from its numbers.
    public init(major: Int, minor: Int, patch: Int? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses a version string; `nil` when it has no `major.minor` numbers.
    ///
    /// A leading `v`, a trailing `+` and anything after the numbers (`-eks-…`, `+rke2r1`,
    /// `-gke.100`) are ignored.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingWhitespace())
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var numbers: [Int] = []
        while numbers.count < 3 {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else { break }
            numbers.append(number)
            rest = rest.dropFirst(digits.count)
            guard rest.first == "." else { break }
            rest = rest.dropFirst()
        }
        guard numbers.count >= 2 else { return nil }
        if let next = rest.first, next.isLetter, numbers.count == 2 { return nil }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers.count > 2 ? numbers[2] : nil)
    }

    /// `1.31` or `1.31.2`.
    public var description: String {
        patch.map { "\(major).\(minor).\($0)" } ?? "\(major).\(minor)"
    }

    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch ?? 0) < (rhs.major, rhs.minor, rhs.patch ?? 0)
    }

    /// True when this version's minor release is at least `1.minor` (patch ignored).
    public func isAtLeast(minor other: Int) -> Bool {
        major > 1 || (major == 1 && minor >= other)
    }

    /// True when this version's minor release is at most `1.minor` (patch ignored).
    public func isAtMost(minor other: Int) -> Bool {
        major < 1 || (major == 1 && minor <= other)
    }
}
