// Test support: a platform config with a service registry of several owners, exact names and a glob,
// loaded through the real loader (schema and semantic checks included).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { loadPlatformConfig } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'

export const TEST_PLATFORM = `apiVersion: idp.dev/v1alpha1
kind: Platform
metadata: { name: acme }
spec:
  gitops:
    repository: acme/gitops
    branch: main
    engine: argocd
  services:
    - { name: checkout, repository: acme/checkout, owner: team-shop }
    - { name: cart, repository: acme/cart, owner: 'group:default/team-shop' }
    - { name: 'payments-*', repository: 'acme/{service}', owner: team-pay }
    - { name: payments-legacy, repository: acme/legacy, owner: team-shop }
    - { name: ledger, repository: acme/ledger }
  environments:
    - name: dev
      namespace: '{service}-dev'
      labels: { acme.io/environment: dev }
      secretStores:
        vault: { name: vault-dev, kind: ClusterSecretStore }
        aws:
          name: aws
          kind: SecretStore
          spec:
            provider:
              aws:
                service: SecretsManager
                region: eu-central-1
                role: 'arn:aws:iam::123456789012:role/{service}-{environment}'
    - name: prod
      namespace: '{service}-prod'
      podSecurity: restricted
      gitops: { engine: flux, branch: release }
      secretStores:
        vault: { name: vault-prod, kind: ClusterSecretStore }
`

/** Loads `text` as platform.yaml from a temporary file (removed again). */
export function loadTestPlatform(text: string = TEST_PLATFORM): PlatformConfig {
  const dir = mkdtempSync(join(tmpdir(), 'idp-test-platform-'))
  try {
    writeFileSync(join(dir, 'platform.yaml'), text)
    return loadPlatformConfig(join(dir, 'platform.yaml'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Every object of the YAML files among `files` (kustomization.yaml and README excluded). */
export function objectsOf(
  files: ReadonlyMap<string, string>
): { file: string; object: Record<string, unknown> }[] {
  return [...files.entries()]
    .filter(([path]) => path.endsWith('.yaml') && !path.endsWith('kustomization.yaml'))
    .flatMap(([file, text]) =>
      parseAllDocuments(text).map(d => ({ file, object: d.toJS() as Record<string, unknown> }))
    )
}
