import ObjectModel

/// Left-aligned columns separated by three spaces, like `kubectl get`.
///
/// Every cell is shown with its control characters escaped (``ControlCharacters``): cells hold
/// authors, messages, tickets and values that came from commits, clusters and other people, and
/// a row is one line.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map(\.escapingControlCharacters) }
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "   ")
        }.joined(separator: "\n") + "\n"
    }
}
