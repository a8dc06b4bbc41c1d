// What validate-policy writes for a fixed input — PolicyReport, SARIF and step summary of classic
// ClusterPolicies, `validate.cel` rules, ValidatingPolicies (autogen, matchConditions, variables,
// fieldPath, scored: "false") and a ValidatingAdmissionPolicy with binding and params, on manifests with
// and without their namespace — is compared byte for byte with testdata/engine-outputs.golden.json,
// which the engines wrote before they were made faster. An engine change that alters a verdict, a
// message, a position or the order of results fails here. After an intended change of output,
// regenerate the file with IDP_WRITE_GOLDEN=1 and review its diff.
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { silentLogger } from '../runtime/logger.js'
import { validateManifests } from './validate.js'

const here = dirname(fileURLToPath(import.meta.url))
const fixture = join(here, 'testdata', 'engine-outputs')
const golden = join(here, 'testdata', 'engine-outputs.golden.json')

/** Pods, Deployments, CronJobs and Services mixing good and bad images, security, ports and labels. */
function manifestText(i: number): string {
  const image =
    i % 5 === 0 ? 'nginx:latest' : i % 17 === 0 ? 'nginx' : `ghcr.io/acme/app-${i}:1.${i}`
  const security =
    i % 3 === 0
      ? ''
      : `
        securityContext:
          runAsNonRoot: ${i % 6 === 1 ? 'false' : 'true'}
          allowPrivilegeEscalation: false
          capabilities: { drop: [${i % 8 === 2 ? 'NET_RAW' : 'ALL'}] }`
  const container = `
      - name: app
        image: ${image}
        ports: [{ containerPort: 8080${i % 7 === 0 ? ', hostPort: 80' : ''} }]
        resources: { requests: { cpu: 100m }${i % 4 === 0 ? '' : ', limits: { memory: 256Mi }'} }${security}`
  // Every third object leaves its namespace to the environment (validate-policy's `namespace`).
  const namespace =
    i === 12 ? '\n  namespace: kube-system' : i % 3 === 2 ? '' : `\n  namespace: team-${i % 4}`
  const meta = `name: app-${i}${namespace}
  labels: { app.kubernetes.io/name: app-${i}${i % 2 ? ', team: t' + (i % 4) : ''}${i === 8 ? ', skip-policies: "yes"' : ''} }`
  switch (i % 4) {
    case 0:
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  ${meta}\nspec:\n  ${i % 8 === 0 ? 'hostNetwork: true\n  ' : ''}containers:${container.replace(/\n {6}/g, '\n  ')}\n`
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  ${meta}\nspec:\n  replicas: ${1 + (i % 3)}\n  selector: { matchLabels: { app: a${i} } }\n  template:\n    metadata: { labels: { app: a${i} } }\n    spec:\n      containers:${container.replace(/\n {6}/g, '\n      ')}\n`
    case 2:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  ${meta}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:${container.replace(/\n {6}/g, '\n          ')}\n`
    default:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  ${meta}\nspec:\n  type: ${i % 3 === 0 ? 'NodePort' : 'ClusterIP'}\n  ports: [{ port: 80, targetPort: 8080 }]\n`
  }
}

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'idp-engine-outputs-'))
  mkdirSync(join(root, 'rendered'))
  copyFileSync(join(fixture, 'policies.yaml'), join(root, 'policies.yaml'))
  // Two files of several documents each, so results sort across files and documents.
  for (const file of ['a', 'b'])
    writeFileSync(
      join(root, 'rendered', `${file}.yaml`),
      Array.from({ length: 24 }, (_, k) => manifestText(file === 'a' ? k : 24 + k)).join('---\n')
    )
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

it('writes the same PolicyReport, SARIF and summary as before for the same input', async () => {
  const outcome = await validateManifests(
    {
      workspace: root,
      manifests: ['rendered'],
      environment: 'dev',
      policies: [join(root, 'policies.yaml')],
      crds: [],
      builtinPolicies: false,
      failOn: 'error',
      reportFile: 'out/policy-report.yaml',
      sarifFile: 'out/results.sarif',
      annotate: false
    },
    silentLogger
  )
  const actual = {
    counts: outcome.results.counts,
    policyReport: readFileSync(join(root, 'out/policy-report.yaml'), 'utf8'),
    sarif: readFileSync(join(root, 'out/results.sarif'), 'utf8'),
    summary: outcome.summary
  }
  if (process.env.IDP_WRITE_GOLDEN === '1')
    writeFileSync(golden, JSON.stringify(actual, null, 1) + '\n')
  const expected = JSON.parse(readFileSync(golden, 'utf8')) as typeof actual
  // Every kind of result occurs, so the comparison covers each path through the engines.
  expect(Object.values(actual.counts).every(n => n > 0)).toBe(true)
  expect(actual.counts).toEqual(expected.counts)
  expect(actual.policyReport).toBe(expected.policyReport)
  expect(actual.sarif).toBe(expected.sarif)
  expect(actual.summary).toBe(expected.summary)
})
