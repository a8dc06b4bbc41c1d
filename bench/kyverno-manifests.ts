// The generated manifests the Kyverno benches validate: Pods, Deployments, CronJobs and Services with a
// mix of good and bad images, security contexts, host ports and labels.
export function manifestText(i: number): string {
  const image = i % 5 === 0 ? 'nginx:latest' : `ghcr.io/acme/app-${i}:1.${i % 30}`
  const security =
    i % 3 === 0
      ? ''
      : `
        securityContext:
          runAsNonRoot: true
          allowPrivilegeEscalation: false
          capabilities: { drop: [ALL] }`
  const container = `
      - name: app
        image: ${image}
        ports: [{ containerPort: 8080${i % 7 === 0 ? ', hostPort: 80' : ''} }]
        resources: { requests: { cpu: 100m, memory: 128Mi }${i % 4 === 0 ? '' : ', limits: { memory: 256Mi }'} }${security}`
  const meta = `name: app-${i}
  namespace: team-${i % 13}
  labels: { app.kubernetes.io/name: app-${i}${i % 2 ? ', team: t' + (i % 13) : ''} }`
  switch (i % 4) {
    case 0:
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  ${meta}\nspec:\n  ${i % 11 === 0 ? 'hostNetwork: true\n  ' : ''}containers:${container.replace(/\n {6}/g, '\n  ')}\n`
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  ${meta}\nspec:\n  replicas: ${1 + (i % 3)}\n  selector: { matchLabels: { app: a${i} } }\n  template:\n    metadata: { labels: { app: a${i} } }\n    spec:\n      containers:${container.replace(/\n {6}/g, '\n      ')}\n`
    case 2:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  ${meta}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:${container.replace(/\n {6}/g, '\n          ')}\n`
    default:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  ${meta}\nspec:\n  type: ${i % 9 === 0 ? 'NodePort' : 'ClusterIP'}\n  ports: [{ port: 80, targetPort: 8080 }]\n`
  }
}
