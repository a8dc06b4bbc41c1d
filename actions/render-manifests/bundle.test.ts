import { afterAll, describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXAMPLE_IMAGES, tempDir } from '../../shared/src/render/testing.js'
import { repoRoot, runBundle } from '../../test/run-bundle.js'

const workspace = tempDir('render-bundle')
afterAll(() => workspace.remove())
cpSync(join(repoRoot, 'examples'), join(workspace.path, 'examples'), { recursive: true })

describe('render-manifests bundle, run as the runner runs it (Node 24)', () => {
  it('renders every environment and writes outputs and the job summary', () => {
    const run = runBundle('render-manifests', {
      workspace: workspace.path,
      inputs: {
        descriptor: 'examples/checkout/idp.yaml',
        'platform-config': 'examples/platform/platform.yaml',
        image: EXAMPLE_IMAGES
      },
      env: {
        GITHUB_REPOSITORY: 'acme/checkout',
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_RUN_NUMBER: '7',
        GITHUB_RUN_ID: '99'
      }
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs['output-dir']).toBe('rendered')
    expect(JSON.parse(run.outputs.environments)).toEqual(['dev', 'staging', 'prod'])
    const digests = JSON.parse(run.outputs.digests) as Record<string, string>
    expect(Object.values(digests).every(d => /^sha256:[0-9a-f]{64}$/.test(d))).toBe(true)
    expect(run.summary).toContain('| dev | `checkout-dev` | 6 |')
    const record = JSON.parse(
      readFileSync(join(workspace.path, 'rendered/prod/.idp/render.json'), 'utf8')
    )
    expect(record.source).toMatchObject({
      repository: 'acme/checkout',
      commit: 'f'.repeat(40),
      runNumber: 7,
      runUrl: 'https://github.com/acme/checkout/actions/runs/99'
    })
    expect(record.digest).toBe(digests.prod)
    expect(readdirSync(join(workspace.path, 'rendered/prod')).sort()).toEqual([
      '.idp',
      'application.yaml',
      'externalsecret-db-creds.yaml',
      'externalsecret-queue.yaml',
      'kustomization.yaml',
      'sqlinstance-analytics-db.yaml',
      'sqlinstance-orders-db.yaml'
    ])
  })

  it('fails with an annotation on the descriptor line and writes nothing for bad input', () => {
    const run = runBundle('render-manifests', {
      workspace: workspace.path,
      inputs: {
        descriptor: 'examples/checkout/idp.yaml',
        'platform-config': 'examples/platform/platform.yaml',
        environment: 'prod',
        image: EXAMPLE_IMAGES.replace(/@sha256:a+/, ':1.0.0'),
        'output-dir': 'out-bad'
      }
    })
    expect(run.exitCode).toBe(1)
    const annotation = run.annotations.find(a => a.properties.file === 'examples/checkout/idp.yaml')
    expect(annotation).toMatchObject({ level: 'error', properties: { line: '19', col: '14' } })
    expect(annotation?.message).toContain("Environment 'prod' requires images pinned by digest")
    expect(run.stdout).not.toMatch(/\n\s+at /)
    expect(existsSync(join(workspace.path, 'out-bad'))).toBe(false)
  })
})
