/// How a user names a revision: `7`, `latest`, `-2` (two before latest), or `applied` (the
/// last revision applied successfully to the current kubeconfig context).
public enum RevisionSelector: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case latest
    case beforeLatest(Int)
    /// Resolved from the store's apply events, not from the numbering: see `resolve(latest:)`.
    case applied

    /// Parses `N`, `latest`, `-K` or `applied`; `nil` for anything else.
    public init?(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if text == "applied" {
            self = .applied
        } else if text.hasPrefix("-"), let back = Int(text.dropFirst()), back >= 0, text.dropFirst().allSatisfy(\.isNumber) {
            self = back == 0 ? .latest : .beforeLatest(back)
        } else if let number = Int(text), number > 0, text.allSatisfy(\.isNumber) {
            self = .number(number)
        } else {
            return nil
        }
    }

    /// The revision number, given the latest one; `nil` when it does not exist (and always for
    /// `applied`, which only the store's events can resolve).
    public func resolve(latest: Int) -> Int? {
        switch self {
        case .applied: return nil
        case .number(let number): return number <= latest ? number : nil
        case .latest: return latest > 0 ? latest : nil
        case .beforeLatest(let back): return latest - back >= 1 ? latest - back : nil
        }
    }

    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .latest: return "latest"
        case .beforeLatest(let back): return "-\(back)"
        case .applied: return "applied"
        }
    }
}
