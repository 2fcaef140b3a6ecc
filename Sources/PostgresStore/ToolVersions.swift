/// dsledger versions (`MAJOR.MINOR.PATCH`), compared number by number.
enum ToolVersions {
    /// True when `version` is older than `other`.
    static func precedes(_ version: String, _ other: String) -> Bool {
        let left = numbers(version), right = numbers(other)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0, b = index < right.count ? right[index] : 0
            if a != b { return a < b }
        }
        return false
    }

    private static func numbers(_ version: String) -> [Int] {
        version.split(separator: "-").first.map { $0.split(separator: ".").map { Int($0) ?? 0 } } ?? []
    }
}
