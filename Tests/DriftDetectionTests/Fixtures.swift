import ObjectModel

/// Objects written the way dsledger renders them and the way real API servers return them
/// (servers 1.18 to 1.33).
enum Fixtures {
    /// A DaemonSet as dsledger applies it: no defaults, a few zero values and spellings the
    /// server rewrites (`readOnly: false`, `value: ""`, `cpu: 0.5`, `memory: 1024Mi`, `hostPort: 0`).
    static let appliedDaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: agents
          labels:
            app.kubernetes.io/managed-by: dsledger
        spec:
          minReadySeconds: 0
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              hostNetwork: true
              serviceAccountName: agent
              containers:
              - name: app
                image: example.com/agent:1.0
                args: []
                env:
                - name: LEVEL
                  value: info
                - name: EMPTY
                  value: ""
                - name: NODE
                  valueFrom:
                    fieldRef:
                      fieldPath: spec.nodeName
                ports:
                - name: metrics
                  containerPort: 9100
                  hostPort: 0
                resources:
                  limits:
                    cpu: 0.5
                    memory: 1024Mi
                  requests:
                    cpu: 100m
                    memory: 0.5Gi
                livenessProbe:
                  httpGet:
                    port: 9100
                securityContext:
                  privileged: false
                volumeMounts:
                - name: config
                  mountPath: /etc/agent
                  readOnly: false
                - name: proc
                  mountPath: /host/proc
                  readOnly: true
              volumes:
              - name: config
                configMap:
                  name: agent-config
                  defaultMode: 0644
              - name: proc
                hostPath:
                  path: /proc
        """

    /// What a server of version `1.minor` returns for ``appliedDaemonSet`` right after the
    /// apply, managedFields included (manager `dsledger`, operation Apply).
    static func liveDaemonSet(minor: Int) -> String {
        let maxSurge = minor >= 22 ? "\n      maxSurge: 0" : ""
        let hostPort = minor <= 27 ? "\n          hostPort: 9100" : ""
        let creationTimestamp = minor <= 33 ? "\n      creationTimestamp: null" : ""
        let subresource = minor >= 22 ? "\n    subresource: status" : ""
        let selfLink = minor <= 19 ? "\n  selfLink: /apis/apps/v1/namespaces/agents/daemonsets/agent" : ""
        return """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              annotations:
                deprecated.daemonset.template.generation: "1"
                dsledger.io/revision: "3"
                dsledger.io/content-digest: sha256:abc
              creationTimestamp: "2026-11-01T08:00:00Z"
              generation: 1
              labels:
                app.kubernetes.io/managed-by: dsledger
              managedFields:
              - apiVersion: apps/v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:spec:
                    f:template:
                      f:spec:
                        f:containers:
                          'k:{"name":"app"}':
                            .: {}
                            f:image: {}
                            f:args: {}
                            f:env:
                              'k:{"name":"LEVEL"}':
                                .: {}
                                f:name: {}
                                f:value: {}
                manager: dsledger
                operation: Apply
                time: "2026-11-01T08:00:00Z"
              - apiVersion: apps/v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:status:
                    f:currentNumberScheduled: {}
                manager: kube-controller-manager
                operation: Update\(subresource)
                time: "2026-11-01T08:00:05Z"
              name: agent
              namespace: agents
              resourceVersion: "4711"\(selfLink)
              uid: 0d6c3a52-8f7e-4c55-9d1e-5b0c1f9e7a10
            spec:
              revisionHistoryLimit: 10
              selector:
                matchLabels:
                  app: agent
              template:
                metadata:\(creationTimestamp)
                  labels:
                    app: agent
                spec:
                  containers:
                  - args: []
                    env:
                    - name: LEVEL
                      value: info
                    - name: EMPTY
                    - name: NODE
                      valueFrom:
                        fieldRef:
                          apiVersion: v1
                          fieldPath: spec.nodeName
                    image: example.com/agent:1.0
                    imagePullPolicy: IfNotPresent
                    livenessProbe:
                      failureThreshold: 3
                      httpGet:
                        path: /
                        port: 9100
                        scheme: HTTP
                      periodSeconds: 10
                      successThreshold: 1
                      timeoutSeconds: 1
                    name: app
                    ports:
                    - containerPort: 9100\(hostPort)
                      name: metrics
                      protocol: TCP
                    resources:
                      limits:
                        cpu: 500m
                        memory: 1Gi
                      requests:
                        cpu: 100m
                        memory: 512Mi
                    securityContext:
                      privileged: false
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                    volumeMounts:
                    - mountPath: /etc/agent
                      name: config
                    - mountPath: /host/proc
                      name: proc
                      readOnly: true
                  dnsPolicy: ClusterFirst
                  hostNetwork: true
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  serviceAccount: agent
                  serviceAccountName: agent
                  terminationGracePeriodSeconds: 30
                  volumes:
                  - configMap:
                      defaultMode: 420
                      name: agent-config
                    name: config
                  - hostPath:
                      path: /proc
                      type: ""
                    name: proc
              updateStrategy:
                rollingUpdate:\(maxSurge)
                  maxUnavailable: 1
                type: RollingUpdate
            status:
              currentNumberScheduled: 3
              desiredNumberScheduled: 3
              numberMisscheduled: 0
              numberReady: 3
              observedGeneration: 1
              updatedNumberScheduled: 3
            """
    }
}
