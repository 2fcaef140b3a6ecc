import KubernetesRules
import ObjectModel

/// Decides which structural differences are no drift: values that mean the
/// same, fields only a server default put on one side.
struct FilterContext {
    let applied: JSONValue
    let normalization: DriftNormalization
    /// The applied object without defaults, computed only when some item needs it.
    let withoutDefaults: JSONValue?

    init(applied: JSONValue, normalization: DriftNormalization, items: [DriftItem]) {
        self.applied = applied
        self.normalization = normalization
        let needed = items.contains { $0.change == .removed && !$0.path.isEmpty }
        withoutDefaults = needed ? normalization.appliedWithoutDefaults(applied) : nil
    }

    func isNoise(_ item: DriftItem) -> Bool {
        guard !item.path.isEmpty else { return false }
        switch item.change {
        case .changed:
            guard let expected = item.expected, let live = item.live else { return false }
            return ValueEquivalence.areEquivalent(expected, live, at: item.path)
        case .removed:
            return isDefaultOnly(item.path)
        case .added:
            guard let live = item.live else { return false }
            return isHistoricDefault(live, at: item.path)
        case .secretChanged, .reordered:
            return false
        }
    }

    /// True when dsledger never set `path`: only defaulting for this version put it on the
    /// applied side, so a server of another version does not have it (e.g. `maxSurge` ≤1.21).
    func isDefaultOnly(_ path: FieldPath) -> Bool {
        (withoutDefaults ?? normalization.appliedWithoutDefaults(applied)).value(following: path) == nil
    }

    /// True when a server of another version would have defaulted `path` to `value`: the field
    /// was filled in when the object was written and stays (e.g. `hostPort` under 1.27).
    func isHistoricDefault(_ value: JSONValue, at path: FieldPath) -> Bool {
        DriftDetector.historicVersions.contains { version in
            guard version != normalization.version,
                let defaulted = DriftNormalization(version: version).applied(applied).value(following: path)
            else { return false }
            return ValueEquivalence.areEquivalent(defaulted, value, at: path)
        }
    }
}
