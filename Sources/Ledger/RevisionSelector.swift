/// How a user names a revision: `7`, `latest`, or `-2` (two before latest).
public enum RevisionSelector: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case latest
    case beforeLatest(Int)

    /// Parses `N`, `latest` or `-K`; `nil` for anything else.
    public init?(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if text.hasPrefix("-"), let back = Int(text.dropFirst()), back >= 0, text.dropFirst().allSatisfy(\.isNumber) {
            self = back == 0 ? .latest : .beforeLatest(back)
        } else if let number = Int(text), number > 0, text.allSatisfy(\.isNumber) {
            self = .number(number)
        } else {
            return nil
        }
    }

    /// The revision number, given the latest one; `nil` when it does not exist.
    public func resolve(latest: Int) -> Int? {
        switch self {
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
        }
    }
}
