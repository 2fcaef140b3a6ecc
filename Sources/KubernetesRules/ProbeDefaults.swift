import ObjectModel

/// `SetDefaults_Probe` and the handler defaulters inside a probe.
struct ProbeDefaults {
    let version: KubernetesVersion

    func apply(to probe: inout Members) {
        // Non-pointer int32 fields: 0 means unset and is replaced.
        probe.fillZero("timeoutSeconds", with: 1)
        probe.fillZero("periodSeconds", with: 10)
        probe.fillZero("successThreshold", with: 1)
        probe.fillZero("failureThreshold", with: 3)
        probe.edit("httpGet") { Self.applyHTTPGet(to: &$0) }
        // GRPCAction.service is a *string defaulted to "" (beta, on by default, from 1.24).
        if version.isAtLeast(minor: 24) { probe.edit("grpc") { $0.fill("service", with: "") } }
    }

    /// `SetDefaults_HTTPGetAction`: probes and lifecycle hooks alike.
    static func applyHTTPGet(to action: inout Members) {
        action.fillEmptyString("path", with: "/")
        action.fillEmptyString("scheme", with: "HTTP")
    }
}
