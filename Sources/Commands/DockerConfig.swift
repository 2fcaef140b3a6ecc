import Foundation

/// A Docker `config.json` given with `--docker-config`, checked without ever printing it.
enum DockerConfig {
    /// The file's text, once it is known to be a JSON object with an `auths` object.
    static func load(_ path: String, context: CommandContext) throws -> String {
        let text = try ManifestInput.readText(path, name: path, context: context)
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let config = object as? [String: Any] else {
            throw InputError.dockerConfigNotAnObject(path)
        }
        guard config["auths"] is [String: Any] else {
            throw InputError.dockerConfigWithoutAuths(path)
        }
        return text
    }
}
