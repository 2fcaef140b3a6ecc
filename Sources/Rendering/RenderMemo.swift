import ObjectModel

/// What a ``Renderer`` made for the manifest before, and from what, so that the next manifest's
/// objects made from the same inputs come out as the very same values.
///
/// Meant for a run of versions of one manifest (`import git`): an object that did not change
/// from one version to the next is rendered once, and the later versions share its storage, so
/// the recorder can reuse its canonical encoding (``JSONValue/sharesStorage(with:)``) instead of
/// encoding it again. Each part is made by a static function of its declared input alone, so a
/// kept object can never depend on something the input leaves out. Not for sharing between
/// threads: one memo per worker.
///
/// ```swift
/// let memo = RenderMemo()
/// let objects = versions.map { renderer.rendered($0, memo: memo) }
/// ```
public final class RenderMemo {
    /// The parts of the output kept. The DaemonSet is kept without its main container's image,
    /// which is set on it afterwards (most versions change only that).
    enum Part: Hashable {
        case namespace, configMaps, rbac, imagePullSecret, daemonSet
    }

    private var kept: [Part: (input: any Equatable, objects: [JSONValue])] = [:]

    public init() {}

    /// The objects `make` returns for `input`: kept ones when `input` equals the last input of
    /// `part`, new ones (then kept) otherwise.
    func objects<Input: Equatable>(_ part: Part, for input: Input, _ make: (Input) -> [JSONValue]) -> [JSONValue] {
        if let entry = kept[part], let earlier = entry.input as? Input, earlier == input { return entry.objects }
        let objects = make(input)
        kept[part] = (input, objects)
        return objects
    }
}

extension RenderMemo? {
    /// `make(input)`, through the memo when there is one.
    func objects<Input: Equatable>(_ part: RenderMemo.Part, for input: Input, _ make: (Input) -> [JSONValue]) -> [JSONValue] {
        self?.objects(part, for: input, make) ?? make(input)
    }
}
