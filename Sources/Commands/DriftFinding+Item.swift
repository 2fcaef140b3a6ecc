import DriftDetection
import Ledger
import ObjectModel

extension DriftFinding {
    /// The finding a drift event keeps of `item`: the object, path, class and attribution, never
    /// a value; for a value of a Secret's `data` or `stringData`, the fingerprint of the live
    /// value's HMAC (`sha256:1a2b3c4d…`, as `drift` and `diff` print it).
    init(_ item: DriftItem) {
        self.init(object: item.object, path: item.path.description, change: item.change.rawValue, manager: item.manager,
                  operation: item.operation, time: item.time, fingerprint: Self.fingerprint(item))
    }

    /// The live value's fingerprint, for a Secret's data only. Live Secrets are compared sealed
    /// (every data value replaced by its HMAC marker), so the live side is a marker or its
    /// fingerprint; anything else is never kept.
    private static func fingerprint(_ item: DriftItem) -> String? {
        guard item.object.kind == "Secret", case .field(let field)? = item.path.segments.first, ["data", "stringData"].contains(field),
              let live = item.live?.stringValue else { return nil }
        let shown = SecretMarker.fingerprint(live)
        return shown.hasPrefix("sha256:") && shown.hasSuffix("…") && shown.count == 16 ? shown : nil
    }
}
