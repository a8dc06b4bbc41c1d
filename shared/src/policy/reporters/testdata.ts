// Findings shared by the reporter tests: one mapped to idp.yaml, one on its manifest, one pass.
import type { Finding } from '../finding.js'
import { ResultSet } from '../result-set.js'

export const app = {
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  name: 'checkout',
  namespace: 'checkout-dev'
}
export const secret = { apiVersion: 'v1', kind: 'Secret', name: 'db', namespace: 'checkout-dev' }

export const registry: Finding = {
  source: 'guardrail',
  policy: 'guardrails',
  rule: 'image-registry',
  result: 'fail',
  severity: 'error',
  category: 'Platform guardrails',
  title: "Images from the platform's registries",
  help: 'Every image must come from an allowed registry.',
  message: "Image 'docker.io/x:1' is not from an allowed registry (ghcr.io/acme/).",
  resource: app,
  manifest: {
    file: 'rendered/dev/application.yaml',
    line: 12,
    column: 16,
    pointer: '/spec/components/0/properties/image'
  },
  position: { file: 'idp.yaml', line: 10, column: 14 },
  environment: 'dev'
}
export const plainSecret: Finding = {
  source: 'guardrail',
  policy: 'guardrails',
  rule: 'no-plain-secret',
  result: 'fail',
  severity: 'warning',
  message: "Secret 'db' is a plain Secret.",
  resource: secret,
  manifest: { file: 'rendered/dev/secret.yaml', line: 2, column: 7, pointer: '/kind' },
  position: { file: 'rendered/dev/secret.yaml', line: 2, column: 7 },
  environment: 'dev'
}
export const pass: Finding = {
  source: 'schema',
  policy: 'crd-schema',
  rule: 'schema',
  result: 'pass',
  severity: 'error',
  message: 'Application matches its schema.',
  resource: app,
  manifest: { file: 'rendered/dev/application.yaml', line: 1, column: 1, pointer: '' },
  position: { file: 'rendered/dev/application.yaml', line: 1, column: 1 },
  environment: 'dev'
}
export const results = new ResultSet([pass, plainSecret, registry])
