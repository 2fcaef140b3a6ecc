import ManifestModel
import ObjectModel

/// One best-practice finding: not an error, but something the component documentation advises
/// against.
public struct Finding: Sendable, Hashable, Comparable {
    /// A stable identifier, such as `read-only-host-path`.
    public var rule: String
    public var path: FieldPath
    public var location: SourceLocation?
    public var message: String

    public init(rule: String, path: FieldPath, location: SourceLocation?, message: String) {
        self.rule = rule
        self.path = path
        self.location = location
        self.message = message
    }

    /// How serious it is: `warning`, for every finding today (a finding never stops a render).
    public var severity: String { "warning" }

    /// `file:line:column: warning: <path>: <message> [rule]`.
    public func formatted(file: String) -> String {
        let place = location.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity): \(path): \(message) [\(rule)]"
    }

    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        let left = lhs.location ?? SourceLocation(line: 0, column: 0)
        let right = rhs.location ?? SourceLocation(line: 0, column: 0)
        return left != right ? left < right : lhs.rule < rhs.rule
    }
}

/// The best-practice checks of the component documentation, over a validated manifest.
///
/// ```swift
/// let findings = Linter.findings(in: manifest)
/// ```
public enum Linter {
    /// Every finding, sorted by position.
    public static func findings(in manifest: Manifest) -> [Finding] {
        guard let spec = manifest.spec, let app = spec.container?.app else { return [] }
        var out: [Finding] = []
        out += ResourceLimitsCheck.findings(app: app, sidecars: spec.container?.sidecars ?? [])
        out += HostPathCheck.findings(app.volumeMounts)
        out += PrivilegeCheck.findings(app)
        out += RolloutCheck.findings(spec)
        out += PlacementCheck.findings(spec, image: app.image)
        return out.sorted()
    }
}
