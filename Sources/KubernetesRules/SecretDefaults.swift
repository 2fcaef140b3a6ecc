import Foundation
import ObjectModel

/// Secret `type` and the `stringData` fold.
struct SecretDefaults {
    func apply(to secret: inout Members) {
        secret.fillEmptyString("type", with: "Opaque")
        // Conversion folds stringData into base64 data (stringData wins) and never returns it.
        guard let stringData = secret.removeValue(forKey: "stringData"), case .object(let entries) = stringData else { return }
        var data = secret["data"]?.objectValue ?? [:]
        for (key, value) in entries {
            guard let text = value.stringValue else { continue }
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        if !data.isEmpty { secret["data"] = .object(data) }
    }
}
