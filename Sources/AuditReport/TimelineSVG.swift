import Foundation
import Ledger
import Plot

/// Plot has no SVG elements: the timeline builds its own, in a context of their own.
enum SVGContext {}

/// The timeline picture: revisions recorded on the first lane, then one lane per cluster with
/// its applies, rollbacks, failures, interrupted applies, dry runs and drift checks. Marks of one
/// kind that fall on the same pixel are drawn once, their count in the tooltip, so 10,000
/// revisions make a picture of bounded size.
struct TimelineSVG {
    var release: ReleaseReport
    var model: ReportModel
    /// The span drawn: the period, or from the first thing recorded to the report's time.
    let span: (start: Date, end: Date)

    init(release: ReleaseReport, model: ReportModel) {
        self.release = release
        self.model = model
        let times = release.changes.map(\.revision.metadata.createdAt) + release.events.map(\.event.draft.createdAt)
        let start = model.period.since ?? times.min() ?? model.generatedAt
        var end = model.period.until ?? max(times.max() ?? model.generatedAt, model.generatedAt)
        if end <= start { end = start.addingTimeInterval(3600) }
        span = (start, end)
    }

    static let width = 960.0, labelWidth = 190.0, laneHeight = 30.0, top = 8.0, axisHeight = 30.0

    /// A mark's kind: its shape and colour, and its legend.
    enum Mark: String, CaseIterable {
        case revision, applied, rollback, failed, interrupted, drift, clean, dryRun

        var legend: String {
            switch self {
            case .revision: return "revision recorded"
            case .applied: return "applied"
            case .rollback: return "rolled back"
            case .failed: return "failed, timed out or cancelled"
            case .interrupted: return "interrupted or in progress"
            case .drift: return "drift found"
            case .clean: return "drift check: clean"
            case .dryRun: return "server dry run"
            }
        }
    }

    struct Point: Hashable {
        var lane: Int
        var x: Int
        var mark: Mark
    }

    var lanes: [String] {
        ["ledger"] + Array(Set(release.events.compactMap { $0.event.draft.cluster?.description })).sorted()
    }

    func x(_ date: Date) -> Int {
        let (start, end) = span
        let fraction = date.timeIntervalSince(start) / end.timeIntervalSince(start)
        return Int((Self.labelWidth + 10 + fraction * (Self.width - Self.labelWidth - 20)).rounded())
    }

    /// The marks, each with its tooltip lines, merged by pixel.
    func points() -> [(Point, [String])] {
        let lanes = self.lanes
        var merged: [Point: [String]] = [:]
        var order: [Point] = []
        func add(_ point: Point, _ text: String) {
            if merged[point] == nil { order.append(point) }
            merged[point, default: []].append(text)
        }
        for change in release.changes {
            let at = change.revision.metadata.createdAt
            add(Point(lane: 0, x: x(at), mark: change.revision.metadata.action == .rollback ? .rollback : .revision),
                "revision \(change.revision.number) by \(change.revision.metadata.author), \(model.zone.format(at))")
        }
        for event in release.events {
            let draft = event.event.draft
            guard let lane = draft.cluster.flatMap({ lanes.firstIndex(of: $0.description) }) else { continue }
            let mark: Mark
            switch (draft.kind, event.outcome) {
            case (.drift, EventOutcome.drifted.rawValue): mark = .drift
            case (.drift, _): mark = .clean
            case (.dryRun, _): mark = .dryRun
            case (_, ApplyOperation.interrupted), (_, ApplyOperation.inProgress): mark = .interrupted
            case (_, let outcome) where !EventOutcome.applied.map(\.rawValue).contains(outcome): mark = .failed
            case (.rollback, _): mark = .rollback
            default: mark = .applied
            }
            add(Point(lane: lane, x: x(draft.createdAt), mark: mark),
                "\(draft.kind.rawValue) of revision \(draft.revision.map(String.init) ?? "?"): \(event.outcome), \(model.zone.format(draft.createdAt))")
        }
        return order.map { ($0, merged[$0]!) }
    }

    var node: Node<HTML.BodyContext> {
        let lanes = self.lanes
        let height = Self.top + Double(lanes.count) * Self.laneHeight + Self.axisHeight
        var nodes: [Node<SVGContext>] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(Int(Self.width)) \(Int(height))"),
            .attribute(named: "role", value: "img"),
            .element(named: "title", nodes: [.plain("Timeline of \(release.release)")]),
        ]
        for (index, lane) in lanes.enumerated() {
            let y = Self.top + (Double(index) + 0.5) * Self.laneHeight
            nodes.append(Self.element("rect", ["x": "0", "y": "\(Self.top + Double(index) * Self.laneHeight)", "width": "\(Int(Self.width))",
                                               "height": "\(Self.laneHeight)", "class": index % 2 == 0 ? "lane even" : "lane"]))
            nodes.append(Self.element("line", ["x1": "\(Self.labelWidth)", "x2": "\(Self.width - 8)", "y1": "\(y)", "y2": "\(y)", "class": "track"]))
            nodes.append(Self.element("text", ["x": "6", "y": "\(y + 4)", "class": "lane-label"], [.plain(Self.clipped(lane, to: 30))]))
        }
        for (point, texts) in points() {
            let y = Self.top + (Double(point.lane) + 0.5) * Self.laneHeight
            let tooltip = texts.count == 1 ? texts[0] : "\(texts.count) × \(point.mark.legend), from \(texts[0])"
            nodes.append(Self.shape(point.mark, x: Double(point.x), y: y, title: tooltip))
        }
        nodes += axis(y: Self.top + Double(lanes.count) * Self.laneHeight)
        return .element(named: "figure", nodes: [
            .css("timeline"),
            .element(named: "svg", nodes: nodes),
            .element(named: "figcaption", nodes: [.group(Mark.allCases.map { mark in
                .span(.css("key"), .element(named: "svg", nodes: [
                    Node<SVGContext>.attribute(named: "viewBox", value: "0 0 14 14"), .attribute(named: "width", value: "14"),
                    .attribute(named: "height", value: "14"), Self.shape(mark, x: 7, y: 7, title: mark.legend),
                ]), .plain(" " + mark.legend))
            })]),
        ])
    }

    /// Five ticks with their dates, and their times when the span is short.
    private func axis(y: Double) -> [Node<SVGContext>] {
        let (start, end) = span
        let length = end.timeIntervalSince(start)
        // Days; minutes under four days; seconds under an hour.
        let shown = length < 3600 ? 19 : length < 4 * 86400 ? 16 : 10
        var nodes: [Node<SVGContext>] = [Self.element("line", ["x1": "\(Self.labelWidth)", "x2": "\(Self.width - 8)", "y1": "\(y + 2)",
                                                               "y2": "\(y + 2)", "class": "axis"])]
        for step in 0...4 {
            let date = start.addingTimeInterval(end.timeIntervalSince(start) * Double(step) / 4)
            let at = Double(x(date))
            let label = String(model.zone.format(date).prefix(shown))
            let anchor = step == 0 ? "start" : step == 4 ? "end" : "middle"
            nodes.append(Self.element("line", ["x1": "\(at)", "x2": "\(at)", "y1": "\(y + 2)", "y2": "\(y + 7)", "class": "axis"]))
            nodes.append(Self.element("text", ["x": "\(at)", "y": "\(y + 20)", "text-anchor": anchor, "class": "tick"], [.plain(label)]))
        }
        return nodes
    }

    static func shape(_ mark: Mark, x: Double, y: Double, title: String) -> Node<SVGContext> {
        let tip: [Node<SVGContext>] = [.element(named: "title", nodes: [.plain(title)])]
        let css = "mark " + mark.rawValue
        switch mark {
        case .revision, .applied, .dryRun:
            return element("circle", ["cx": "\(x)", "cy": "\(y)", "r": mark == .dryRun ? "4" : "5", "class": css], tip)
        case .clean:
            return element("rect", ["x": "\(x - 1.5)", "y": "\(y - 5)", "width": "3", "height": "10", "class": css], tip)
        case .rollback:
            return element("path", ["d": "M\(x) \(y - 6) L\(x + 6) \(y + 5) L\(x - 6) \(y + 5) Z", "class": css], tip)
        case .failed:
            return element("path", ["d": "M\(x - 5) \(y - 5) L\(x + 5) \(y + 5) M\(x + 5) \(y - 5) L\(x - 5) \(y + 5)", "class": css], tip)
        case .interrupted:
            return element("rect", ["x": "\(x - 5)", "y": "\(y - 5)", "width": "10", "height": "10", "class": css], tip)
        case .drift:
            return element("path", ["d": "M\(x) \(y - 7) L\(x + 7) \(y) L\(x) \(y + 7) L\(x - 7) \(y) Z", "class": css], tip)
        }
    }

    /// An SVG element with attributes in a fixed order (the golden files depend on it).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ children: [Node<SVGContext>] = []) -> Node<SVGContext> {
        .element(named: name, nodes: attributes.map { Node<SVGContext>.safeAttribute($0.key, $0.value) } + children)
    }

    static func clipped(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
