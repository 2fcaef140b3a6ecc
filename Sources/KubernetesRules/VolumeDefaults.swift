import ObjectModel

/// `SetDefaults_Volume` and the per-source defaulters.
struct VolumeDefaults {
    let version: KubernetesVersion

    /// `defaultMode` 0644, which the server always writes in decimal.
    static let defaultMode: JSONValue = 420

    func apply(to volume: inout Members) {
        // A volume with no source at all is an emptyDir.
        if volume.allSatisfy({ $0.key == "name" || $0.value == .null }) { volume["emptyDir"] = [:] }
        volume.edit("emptyDir") { source in
            if let canonical = source["sizeLimit"].flatMap(QuantityCanonicalForm.serializedValue) {
                source["sizeLimit"] = .string(canonical)
            }
        }
        volume.edit("hostPath") { $0.fill("type", with: "") }
        for key in ["secret", "configMap", "projected"] {
            volume.edit(key) { $0.fill("defaultMode", with: Self.defaultMode) }
        }
        volume.edit("downwardAPI") { source in
            source.fill("defaultMode", with: Self.defaultMode)
            Self.applyFieldRefs(in: &source)
        }
        volume.edit("projected") { projected in
            projected.editEach("sources") { source in
                source.edit("downwardAPI") { Self.applyFieldRefs(in: &$0) }
                source.edit("serviceAccountToken") { $0.fill("expirationSeconds", with: 3600) }
            }
        }
        volume.edit("ephemeral") { ephemeral in
            ephemeral.edit("volumeClaimTemplate") { template in
                template.edit("spec") { $0.fill("volumeMode", with: "Filesystem") }
            }
        }
        // Image volumes (ImageVolume gate, alpha 1.31): the container pull-policy rule.
        if version.isAtLeast(minor: 31) {
            volume.edit("image") { image in
                if image.isAbsent("pullPolicy") || image["pullPolicy"] == .string("") {
                    image["pullPolicy"] = .string(ImagePullPolicy.default(for: image["reference"]?.stringValue ?? ""))
                }
            }
        }
        applyLegacyInTree(to: &volume)
    }

    /// Legacy in-tree sources that still carry defaults.
    private func applyLegacyInTree(to volume: inout Members) {
        volume.edit("iscsi") { $0.fillEmptyString("iscsiInterface", with: "default") }
        volume.edit("rbd") { rbd in
            rbd.fillEmptyString("pool", with: "rbd")
            rbd.fillEmptyString("user", with: "admin")
            rbd.fillEmptyString("keyring", with: "/etc/ceph/keyring")
        }
        volume.edit("azureDisk") { disk in
            disk.fill("cachingMode", with: "ReadWrite")
            disk.fill("fsType", with: "ext4")
            disk.fill("readOnly", with: false)
            disk.fill("kind", with: "Shared")
        }
        volume.edit("scaleIO") { scaleIO in
            scaleIO.fillEmptyString("storageMode", with: "ThinProvisioned")
            scaleIO.fillEmptyString("fsType", with: "xfs")
        }
    }

    private static func applyFieldRefs(in source: inout Members) {
        source.editEach("items") { item in
            item.edit("fieldRef") { $0.fillEmptyString("apiVersion", with: "v1") }
        }
    }
}
