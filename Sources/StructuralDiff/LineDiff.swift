/// Line diffs (Myers' algorithm) and unified-diff hunks, for multi-line strings and whole files.
public enum LineDiff {
    /// One line of an edit script.
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The shortest edit script turning `old` into `new`.
    public static func lines(from old: [String], to new: [String]) -> [Line] {
        let n = old.count, m = new.count
        let max = n + m
        guard max > 0 else { return [] }
        var frontier = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for depth in 0...max {
            trace.append(frontier)
            for k in stride(from: -depth, through: depth, by: 2) {
                var x = (k == -depth || (k != depth && frontier[max + k - 1] < frontier[max + k + 1]))
                    ? frontier[max + k + 1] : frontier[max + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[x] == new[y] { x += 1; y += 1 }
                frontier[max + k] = x
                if x >= n, y >= m { break outer }
            }
        }
        // Walk the trace back from the end to recover the script.
        var script: [Line] = []
        var x = n, y = m
        for depth in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[depth]
            let k = x - y
            let previousK = (k == -depth || (k != depth && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let previousX = depth == 0 ? 0 : v[max + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                script.append(.same(old[x - 1])); x -= 1; y -= 1
            }
            if depth > 0 {
                if x == previousX { script.append(.added(new[y - 1])) } else { script.append(.removed(old[x - 1])) }
            }
            x = previousX; y = previousY
        }
        return script.reversed()
    }

    /// A unified diff of two texts (`---`/`+++` headers, `@@` hunks with `context` lines), or
    /// an empty string when they are equal.
    public static func unified(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let script = lines(from: split(old), to: split(new))
        guard script.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(script, context: context) { out += hunk }
        return out
    }

    static func split(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    private static func hunks(_ script: [Line], context: Int) -> [String] {
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        var groups: [(Int, Int)] = []
        for index in changed {
            let start = Swift.max(0, index - context), end = Swift.min(script.count - 1, index + context)
            if let last = groups.last, start <= last.1 + 1 { groups[groups.count - 1].1 = end } else { groups.append((start, end)) }
        }
        var oldLine = 1, newLine = 1, position = 0
        var out: [String] = []
        for (start, end) in groups {
            while position < start {
                switch script[position] {
                case .same: oldLine += 1; newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
                position += 1
            }
            var body = "", oldCount = 0, newCount = 0
            for line in script[start...end] {
                switch line {
                case .same(let text): body += " \(text)\n"; oldCount += 1; newCount += 1
                case .removed(let text): body += "-\(text)\n"; oldCount += 1
                case .added(let text): body += "+\(text)\n"; newCount += 1
                }
            }
            out.append("@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@\n" + body)
            oldLine += oldCount; newLine += newCount; position = end + 1
        }
        return out
    }

    /// A hunk's range as GNU `diff -u` prints it: `start,count`, just `start` for one line, and
    /// the line before the hunk for none.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(start - 1),0"
        case 1: return "\(start)"
        default: return "\(start),\(count)"
        }
    }
}
