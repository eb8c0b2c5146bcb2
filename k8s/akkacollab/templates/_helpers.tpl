{{/* Names, labels and the cluster's addresses. */}}

{{- define "akkacollab.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "akkacollab.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "akkacollab.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object; pass (dict "root" $ "component" "doc"). */}}
{{- define "akkacollab.labels" -}}
helm.sh/chart: {{ include "akkacollab.chart" .root }}
{{ include "akkacollab.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: akkacollab
{{- end -}}

{{- define "akkacollab.selectorLabels" -}}
app.kubernetes.io/name: {{ include "akkacollab.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "akkacollab.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "akkacollab.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The doc StatefulSet and its headless Service (the pods' stable DNS names live under it). */}}
{{- define "akkacollab.docName" -}}
{{- printf "%s-doc" (include "akkacollab.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "akkacollab.headlessName" -}}
{{- printf "%s-doc-headless" (include "akkacollab.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "akkacollab.webName" -}}
{{- printf "%s-web" (include "akkacollab.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <pod>.<headless service>.<namespace>.svc.<cluster domain>, for a doc pod's name. */}}
{{- define "akkacollab.podDomain" -}}
{{- printf "%s.%s.svc.%s" (include "akkacollab.headlessName" .) .Release.Namespace .Values.clusterDomain -}}
{{- end -}}

{{/* The seed nodes: the first doc pods by their stable DNS names. */}}
{{- define "akkacollab.seedNodes" -}}
{{- $count := min .Values.akka.seedNodeCount .Values.doc.replicas | int -}}
{{- $seeds := list -}}
{{- range $i := until $count -}}
{{- $seeds = append $seeds (printf "akka.tcp://%s@%s-%d.%s:%d" $.Values.akka.actorSystemName (include "akkacollab.docName" $) $i (include "akkacollab.podDomain" $) (int $.Values.akka.remotingPort)) -}}
{{- end -}}
{{- toJson $seeds -}}
{{- end -}}

{{/* A TimeSpan ("hh:mm:ss") from whole seconds, the format the app binds. */}}
{{- define "akkacollab.timespan" -}}
{{- $s := int . -}}
{{- printf "%02d:%02d:%02d" (div $s 3600) (mod (div $s 60) 60) (mod $s 60) -}}
{{- end -}}
