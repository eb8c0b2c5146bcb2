{{/*
The container's environment: the only way this chart configures the app. Names are the ones the
app binds (src/Web/Configuration, src/Node/Hosting/AkkaCollabNodeOptions.cs,
src/Web/Security/SecuritySettings.cs). Pass (dict "root" $ "roles" (list ...) "stable" bool):
stable pods (the StatefulSet) advertise their DNS name; the others their pod IP.
*/}}
{{- define "akkacollab.env" -}}
{{- $v := .root.Values -}}
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: ASPNETCORE_ENVIRONMENT
  value: {{ $v.environment | quote }}
{{- /* The generic host's stop budget: drain + feeds + CoordinatedShutdown (default 30 s is too short). */}}
- name: DOTNET_shutdownTimeoutSeconds
  value: {{ include "akkacollab.hostShutdownSeconds" .root | quote }}
- name: AkkaCollab__Web__Url
  value: {{ printf "http://0.0.0.0:%d" (int $v.http.port) | quote }}
- name: AkkaCollab__Web__DrainTimeout
  value: {{ include "akkacollab.timespan" $v.shutdown.drainTimeoutSeconds | quote }}
- name: AkkaCollab__Web__CloseTimeout
  value: {{ include "akkacollab.timespan" $v.shutdown.closeTimeoutSeconds | quote }}
- name: AkkaCollab__Node__ActorSystemName
  value: {{ $v.akka.actorSystemName | quote }}
{{- range $i, $role := .roles }}
- name: AkkaCollab__Node__Roles__{{ $i }}
  value: {{ $role | quote }}
{{- end }}
- name: AkkaCollab__Node__Hostname
  value: "$(POD_IP)"
- name: AkkaCollab__Node__PublicHostname
{{- if .stable }}
  value: {{ printf "$(POD_NAME).%s" (include "akkacollab.podDomain" .root) | quote }}
{{- else }}
  value: "$(POD_IP)"
{{- end }}
- name: AkkaCollab__Node__Port
  value: {{ $v.akka.remotingPort | quote }}
{{- range $i, $seed := include "akkacollab.seedNodes" .root | fromJsonArray }}
- name: AkkaCollab__Node__SeedNodes__{{ $i }}
  value: {{ $seed | quote }}
{{- end }}
- name: AkkaCollab__Node__ShardCount
  value: {{ $v.akka.shardCount | quote }}
- name: AkkaCollab__Node__SbrStableAfter
  value: {{ include "akkacollab.timespan" $v.akka.sbrStableAfterSeconds | quote }}
- name: AkkaCollab__Node__Journal
  value: "PostgreSql"
- name: AkkaCollab__Node__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ $v.postgresql.existingSecret | quote }}
      key: {{ $v.postgresql.connectionStringKey | quote }}
{{- range $i, $key := $v.security.signingKeys.keys }}
- name: AkkaCollab__Security__SigningKeys__{{ $i }}
  valueFrom:
    secretKeyRef:
      name: {{ $v.security.signingKeys.existingSecret | quote }}
      key: {{ $key | quote }}
{{- end }}
- name: AkkaCollab__Security__Issuer
  value: {{ $v.security.issuer | quote }}
- name: AkkaCollab__Security__Audience
  value: {{ $v.security.audience | quote }}
{{- with $v.security.authority }}
- name: AkkaCollab__Security__Authority
  value: {{ . | quote }}
{{- end }}
{{- range $i, $origin := $v.security.allowedOrigins }}
- name: AkkaCollab__Security__AllowedOrigins__{{ $i }}
  value: {{ $origin | quote }}
{{- end }}
{{- if $v.admin.enabled }}
{{- /* The admin listener (issue 12): name assumed until the ops settings land; see docs/kubernetes.md. */}}
- name: AkkaCollab__Admin__Url
  value: {{ printf "http://%s:%d" $v.admin.bindAddress (int $v.admin.port) | quote }}
{{- end }}
{{- range $v.extraEnv }}
- name: {{ .name | quote }}
  value: {{ .value | quote }}
{{- end }}
{{- end -}}

{{/* Seconds the host may spend stopping: drain, feeds, CoordinatedShutdown. */}}
{{- define "akkacollab.hostShutdownSeconds" -}}
{{- $s := .Values.shutdown -}}
{{- add $s.drainTimeoutSeconds $s.closeTimeoutSeconds $s.handOffSeconds -}}
{{- end -}}

{{/* The kubelet's budget: the preStop sleep, the host's stop, and a margin before SIGKILL. */}}
{{- define "akkacollab.gracePeriodSeconds" -}}
{{- $s := .Values.shutdown -}}
{{- add $s.preStopSleepSeconds (include "akkacollab.hostShutdownSeconds" . | int) $s.marginSeconds -}}
{{- end -}}
