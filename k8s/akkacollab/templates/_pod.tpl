{{/*
The pod template shared by the doc StatefulSet and the web Deployment.
Pass (dict "root" $ "component" "doc" "roles" (list "doc") "stable" true "workload" .Values.doc).
*/}}
{{- define "akkacollab.podTemplate" -}}
{{- $v := .root.Values -}}
{{- $w := .workload -}}
metadata:
  labels:
    {{- include "akkacollab.labels" . | nindent 4 }}
  {{- $scrape := and $v.admin.enabled $v.admin.prometheus.scrape }}
  {{- if or $scrape $w.podAnnotations }}
  annotations:
    {{- if $scrape }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.admin.port | quote }}
    prometheus.io/path: {{ $v.admin.prometheus.path | quote }}
    {{- end }}
    {{- with $w.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  serviceAccountName: {{ include "akkacollab.serviceAccountName" .root }}
  # The app never calls the Kubernetes API.
  automountServiceAccountToken: false
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  terminationGracePeriodSeconds: {{ include "akkacollab.gracePeriodSeconds" .root }}
  securityContext:
    runAsNonRoot: true
    runAsUser: {{ $v.podSecurityContext.runAsUser }}
    runAsGroup: {{ $v.podSecurityContext.runAsGroup }}
    fsGroup: {{ $v.podSecurityContext.fsGroup }}
    seccompProfile:
      type: RuntimeDefault
  {{- if ne $w.antiAffinity "none" }}
  affinity:
    podAntiAffinity:
      {{- $term := dict "topologyKey" "kubernetes.io/hostname" "labelSelector" (dict "matchLabels" (include "akkacollab.selectorLabels" . | fromYaml)) }}
      {{- if eq $w.antiAffinity "hard" }}
      requiredDuringSchedulingIgnoredDuringExecution:
        - {{- toYaml $term | nindent 10 }}
      {{- else }}
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            {{- toYaml $term | nindent 12 }}
      {{- end }}
  {{- end }}
  {{- with $w.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $w.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: akkacollab
      image: {{ printf "%s:%s" $v.image.repository ($v.image.tag | default .root.Chart.AppVersion) | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $v.http.port }}
          protocol: TCP
        - name: remoting
          containerPort: {{ $v.akka.remotingPort }}
          protocol: TCP
        {{- if $v.admin.enabled }}
        - name: admin
          containerPort: {{ $v.admin.port }}
          protocol: TCP
        {{- end }}
      env:
        {{- include "akkacollab.env" . | nindent 8 }}
      # Kestrel answers /healthz as soon as the host runs; joining the cluster can take longer.
      startupProbe:
        httpGet:
          path: /healthz
          port: http
        periodSeconds: 2
        failureThreshold: 60
      livenessProbe:
        httpGet:
          path: /healthz
          port: http
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 6
      # Up cluster member, journal and snapshot store healthy, not draining.
      readinessProbe:
        httpGet:
          path: /readyz
          port: http
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 2
      lifecycle:
        # Stay in the endpoints until the Service and Ingress have stopped routing here; then the
        # kubelet sends SIGTERM and the app drains (1012 to every socket) and hands its shards off.
        preStop:
          exec:
            command: ["sleep", "{{ $v.shutdown.preStopSleepSeconds }}"]
      resources:
        {{- toYaml $w.resources | nindent 8 }}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ["ALL"]
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        # HOME: the app's default data folder (~/.local/share/akkacollab) and the .NET caches.
        - name: home
          mountPath: /home/app
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 64Mi
    - name: home
      emptyDir:
        sizeLimit: 64Mi
{{- end -}}
