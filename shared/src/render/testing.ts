import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { runCli } from '../cli/main.js'
import type { SourceInfo } from './provenance.js'

/** Fixed provenance so golden files do not depend on the checkout. */
export const FIXED_SOURCE: SourceInfo = {
  repository: 'acme/checkout',
  commit: '0123456789abcdef0123456789abcdef01234567',
  commitTime: '2026-11-01T12:00:00.000Z',
  runNumber: 42,
  runUrl: 'https://github.com/acme/checkout/actions/runs/4242'
}

export const DIGEST = (c: string) => `sha256:${c.repeat(64)}`

/** Images for every component of examples/checkout, pinned by digest. */
export const EXAMPLE_IMAGES = [
  `checkout=ghcr.io/acme/checkout@${DIGEST('a')}`,
  `checkout-worker=ghcr.io/acme/checkout-worker@${DIGEST('b')}`,
  `nightly-report=ghcr.io/acme/checkout-report@${DIGEST('c')}`
].join('\n')

export function tempDir(name: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `idp-${name}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Runs `idp <args>` in-process and captures what it prints. */
export async function captureCli(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    })
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk)
      return true
    })
  try {
    const code = await runCli(args)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}
