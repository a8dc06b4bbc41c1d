import { describe, expect, it } from '@jest/globals'
import { deploymentKey, mergeDeployments } from './deployments.js'

const dev = {
  environment: 'dev',
  version: 'ghcr.io/acme/checkout:1.0.0',
  digest: 'sha256:aa',
  commit: 'c1',
  time: '2026-11-24T10:00:00.000Z'
}

describe('mergeDeployments', () => {
  it('keeps other environments and replaces the deployed one', () => {
    const previous = {
      [deploymentKey('prod', 'version')]: 'v0',
      [deploymentKey('dev', 'version')]: 'old'
    }
    const merged = mergeDeployments(previous, dev)
    expect(merged[deploymentKey('prod', 'version')]).toBe('v0')
    expect(merged[deploymentKey('dev', 'version')]).toBe(dev.version)
    expect(merged[deploymentKey('dev', 'time')]).toBe(dev.time)
  })

  it('keeps the time an environment last changed when the same deployment is recorded again', () => {
    const first = mergeDeployments({}, dev)
    const again = mergeDeployments(first, { ...dev, time: '2026-11-24T11:00:00.000Z' })
    expect(again).toEqual(first)
    const changed = mergeDeployments(first, {
      ...dev,
      commit: 'c2',
      time: '2026-11-24T11:00:00.000Z'
    })
    expect(changed[deploymentKey('dev', 'time')]).toBe('2026-11-24T11:00:00.000Z')
  })
})
