// The KubeVela health check bootstrap puts into argocd-cm, run by a real Lua 5.1 interpreter (Argo CD's
// gopher-lua implements Lua 5.1) with `string` and `io` removed, as Argo CD runs it without
// useOpenLibs. Skipped with a message where lua5.1 is not installed (apt-get install lua5.1).
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { KUBEVELA_HEALTH_LUA } from './argocd.js'

const lua = spawnSync('lua5.1', ['-v'], { encoding: 'utf8' })
const available = lua.status === 0

/** A JSON value as a Lua table constructor (ASCII strings only, which is all the cases use). */
function luaValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `{ ${value.map(luaValue).join(', ')} }`
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `[${JSON.stringify(k)}] = ${luaValue(v)}`)
    .join(', ')} }`
}

function health(object: Record<string, unknown>): string {
  const program = [
    'string = nil',
    'io = nil',
    `obj = ${luaValue(object)}`,
    `local function check()\n${KUBEVELA_HEALTH_LUA}\nend`,
    'local hs = check()',
    'print(hs.status .. "|" .. hs.message)'
  ].join('\n')
  const run = spawnSync('lua5.1', ['-'], { input: program, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  return run.stdout.trim()
}

const app = (status?: Record<string, unknown>, generation = 2) => ({
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  metadata: { name: 'checkout', generation },
  ...(status ? { status } : {})
})

describe('the KubeVela Application health check (Lua)', () => {
  if (!available) {
    it('needs lua5.1', () => {
      console.log('lua5.1 is not installed: skipping the run of the KubeVela health check')
    })
    return
  }

  it('is Progressing until KubeVela reports, or while it has not seen the latest spec', () => {
    expect(health(app())).toBe('Progressing|Waiting for KubeVela to report status')
    expect(health(app({ status: 'running', observedGeneration: 1, services: [] }))).toBe(
      'Progressing|Waiting for KubeVela to observe the latest spec'
    )
    expect(health(app({ status: 'rendering', observedGeneration: 2 }))).toBe(
      'Progressing|phase rendering'
    )
  })

  it('is Healthy only when running with every service healthy', () => {
    expect(
      health(
        app({
          status: 'running',
          observedGeneration: 2,
          services: [
            { name: 'web', healthy: true },
            { name: 'worker', healthy: true }
          ]
        })
      )
    ).toBe('Healthy|running')
  })

  it('is Degraded when a service is unhealthy, even while the phase says running', () => {
    expect(
      health(
        app({
          status: 'running',
          observedGeneration: 2,
          services: [
            { name: 'web', healthy: false, message: 'CrashLoopBackOff' },
            { name: 'worker', healthy: true }
          ]
        })
      )
    ).toBe('Degraded|running: web: CrashLoopBackOff')
  })

  it('is Degraded for a failed or terminated workflow and an unhealthy app, Suspended when suspended', () => {
    for (const phase of ['workflowFailed', 'workflowTerminated', 'unhealthy'])
      expect(
        health(
          app({ status: phase, observedGeneration: 2, services: [{ name: 'web', healthy: false }] })
        )
      ).toBe(`Degraded|${phase}: web`)
    expect(health(app({ status: 'workflowSuspending', observedGeneration: 2 }))).toBe(
      'Suspended|workflow suspended'
    )
  })
})
