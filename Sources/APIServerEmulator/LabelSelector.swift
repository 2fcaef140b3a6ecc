import Foundation
import ObjectModel

/// A parsed `labelSelector` or `fieldSelector` query parameter: requirements joined by commas,
/// all of which must hold.
struct LabelSelector: Sendable, Hashable {
    /// One requirement on one key.
    enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case valueIn(String, Set<String>)
        case valueNotIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    /// The requirements, all of which must hold.
    var requirements: [Requirement]

    /// Parses selector text; throws a 400 Status for text it cannot read.
    init(_ text: String) throws(APIStatus) {
        requirements = []
        for part in Self.split(text) where !part.isEmpty {
            requirements.append(try Self.requirement(part))
        }
    }

    /// Whether a set of labels (or field values) satisfies every requirement.
    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .valueIn(let key, let values): labels[key].map(values.contains) ?? false
            case .valueNotIn(let key, let values): !(labels[key].map(values.contains) ?? false)
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            }
        }
    }

    private static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == ",", depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func requirement(_ part: String) throws(APIStatus) -> Requirement {
        for (op, make) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] as [(String, (String, String) -> Requirement)] {
            if let range = part.range(of: op) {
                return make(part[..<range.lowerBound].trimmingCharacters(in: .whitespaces),
                            part[range.upperBound...].trimmingCharacters(in: .whitespaces))
            }
        }
        for (op, make) in [(" notin ", Requirement.valueNotIn), (" in ", Requirement.valueIn)] as [(String, (String, Set<String>) -> Requirement)] {
            if let range = part.range(of: op) {
                let list = part[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
                let values = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                return make(part[..<range.lowerBound].trimmingCharacters(in: .whitespaces), values)
            }
        }
        if part.hasPrefix("!") { return .doesNotExist(String(part.dropFirst())) }
        guard !part.contains(" ") else { throw APIStatus.badRequest("unable to parse requirement: \(part)") }
        return .exists(part)
    }
}
