// Shared pieces of the gate's hostile cases (gate.ts, gate-entries.ts, gate-records.ts): what an
// attack is, and shop's folder re-sealed as a service pipeline controlling it would push it.
import type { GateBranch, GateFile, GateFixture } from '../gate-harness.js'
import { SHOP, under } from '../gate-harness.js'

export interface GateAttack {
  readonly name: string
  readonly branch: GateBranch
  /** What the refusal is about (a loose pattern over the findings). */
  readonly because: RegExp
  /** The file or folder a finding must name. */
  readonly at: string
  /** Only one of the two actions (default both). */
  readonly only?: 'verify' | 'merge'
  readonly timeoutMs?: number
}

export const EVIL_IMAGE = `ghcr.io/acme/shop@sha256:${'e'.repeat(64)}`
export const RECORD = `${SHOP}/.idp/render.json`

/** shop's folder with `changes` and `patch`, re-sealed as an attacker controlling the pipeline would. */
export const shop =
  (changes: Record<string, string | null> = {}, patch: Record<string, unknown> = {}) =>
  (f: GateFixture) =>
    under(SHOP, f.resealed(changes, patch))
/** shop's legitimate new render, plus `more` repository paths. */
export const shopAnd =
  (more: (f: GateFixture) => Record<string, GateFile>) => (f: GateFixture) => ({
    ...under(SHOP, f.resealed()),
    ...more(f)
  })
/** The template's kustomization with more resources. */
export const kustomization = (f: GateFixture, ...files: string[]) =>
  `${f.shop['kustomization.yaml']}${files.map(n => `  - ${n}\n`).join('')}`
/** shop's folder with one more manifest, listed in its kustomization and sealed. */
export const withManifest = (name: string, text: string) => (f: GateFixture) =>
  under(SHOP, f.resealed({ [name]: text, 'kustomization.yaml': kustomization(f, name) }))
/** The promotion message of shop's re-sealed folder, changed by `edit`. */
export const messageOf = (edit: (message: string, f: GateFixture) => string) => (f: GateFixture) =>
  edit(f.message(f.resealed()), f)
export const digestOf = (f: GateFixture) =>
  String(JSON.parse(f.resealed()['.idp/render.json']).digest)
export const prodRequiresDev = (text: string) =>
  text.replace(
    "    - name: prod\n      namespace: '{service}-prod'\n",
    "    - name: prod\n      namespace: '{service}-prod'\n      requires: [dev]\n"
  )
/** shop's render moved to prod (namespace and record), with `patch` on the record. */
export const prod = (patch: Record<string, unknown>, content: (t: string) => string = t => t) => ({
  branch: 'idp/prod/shop',
  platform: prodRequiresDev,
  files: (f: GateFixture) =>
    under(
      'envs/prod/shop',
      f.resealed(
        Object.fromEntries(
          Object.entries(f.shop)
            .filter(([n]) => !n.startsWith('.idp/'))
            .map(([n, t]) => [n, content(t.replaceAll('shop-dev', 'shop-prod'))])
        ),
        { environment: 'prod', namespace: 'shop-prod', ...patch }
      )
    )
})
