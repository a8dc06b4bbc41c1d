// Hostile promotion branches against the gate's identity check (spec.gitops.identity.required): every
// service pipeline pushes with one shared credential, so the `Idp-Identity` trailer (the promoting
// run's GitHub OIDC token, its audience naming environment, service and content digest) is all that
// tells shop's own run from another. Every branch here is shop's legitimate new render — right folder,
// record, trailers and content — so nothing but the token can refuse it: missing, replayed from
// another promotion (every deployed promotion's token sits in the GitOps history for anyone to copy),
// asked for by another repository's run, signed by what is not the issuer, or shaped to confuse a
// parser. The areas' controls are the same branch with the run's genuine token: it must be merged, so
// the area cannot pass by refusing everything. Case names start with "gate identity:".
import type { Area, HostileCase } from '../harness.js'
import type { GateBranch, GateFixture } from '../gate-harness.js'
import { GATE_PLATFORM, prepareGate, SHOP, under } from '../gate-harness.js'
import type { RecordFacts, Signing } from '../gate-issuer.js'
import { requiringIdentity, runClaims, signToken } from '../gate-issuer.js'
import type { GateAttack } from './gate-kit.js'
import { RECORD } from './gate-kit.js'

const recordOf = (files: Readonly<Record<string, string>>) =>
  JSON.parse(files['.idp/render.json']) as RecordFacts & Record<string, unknown>

/** shop's promotion message for `files` with these trailer lines appended (after the provenance). */
const withLines = (f: GateFixture, files: Record<string, string>, lines: readonly string[]) =>
  f.message(files).replace(/\n*$/, `\n${lines.join('\n')}\n`)

/**
 * shop's legitimate new render, its promotion message carrying the token `token` makes from the
 * render's record (its genuine run claims are `runClaims(record)`).
 */
const promotedWith =
  (token: (record: RecordFacts, f: GateFixture) => string): GateBranch['message'] =>
  f => {
    const files = f.resealed()
    return withLines(f, files, [`Idp-Identity: ${token(recordOf(files), f)}`])
  }
const claimsBranch = (
  patch: (record: RecordFacts, f: GateFixture) => Record<string, unknown>,
  signing: Signing = 'issuer',
  issuedAt?: (record: RecordFacts) => number
): GateBranch => ({
  platform: requiringIdentity,
  files: f => under(SHOP, f.resealed()),
  message: promotedWith((record, f) =>
    signToken(runClaims(record, patch(record, f), issuedAt?.(record)), signing)
  )
})
const genuine = (record: RecordFacts) => signToken(runClaims(record))

/** Another promotion's record: shop's render with the record patched (the digest stays the content's). */
const otherRecord = (f: GateFixture, patch: Record<string, unknown>): RecordFacts => ({
  ...recordOf(f.resealed()),
  ...patch
})
const DAY = 24 * 3600
const now = () => Math.floor(Date.now() / 1000)
/** shop's release before the deployed one: other manifests (another image), other commit, older. */
const OLDER_IMAGE = `ghcr.io/acme/shop@sha256:${'3'.repeat(64)}`
const OLDER_COMMIT = 'a'.repeat(40)
const olderRelease = (f: GateFixture, patch: Record<string, unknown> = {}) => {
  const image = String(Object.values(f.shopRecord.images as object)[0])
  return f.resealed(
    Object.fromEntries(
      Object.entries(f.shop)
        .filter(([n]) => !n.startsWith('.idp/'))
        .map(([n, t]) => [n, t.replaceAll(image, OLDER_IMAGE)])
    ),
    {
      images: Object.fromEntries(
        Object.keys(f.shopRecord.images as object).map(k => [k, OLDER_IMAGE])
      ),
      ...patch,
      source: {
        ...(f.shopRecord.source as object),
        commit: OLDER_COMMIT,
        ...((patch.source as object | undefined) ?? {})
      }
    }
  )
}
/** When shop's older release was promoted: its run's token was issued then. */
const OLDER_ISSUED = Date.parse('2026-09-01T10:00:00Z') / 1000

const missing: GateAttack[] = [
  {
    name: 'no Idp-Identity trailer',
    branch: { platform: requiringIdentity, files: f => under(SHOP, f.resealed()) },
    because: /without an Idp-Identity trailer/,
    at: RECORD
  },
  {
    name: "the run's genuine token in the message body, not in the trailer block",
    branch: {
      platform: requiringIdentity,
      files: f => under(SHOP, f.resealed()),
      message: f => {
        const files = f.resealed()
        const [subject, ...rest] = f.message(files).split('\n\n')
        return [subject, `Idp-Identity: ${genuine(recordOf(files))}`, ...rest].join('\n\n')
      }
    },
    because: /without an Idp-Identity trailer/,
    at: RECORD
  },
  {
    name: 'two Idp-Identity trailers (a forged one, then the genuine one)',
    branch: {
      platform: requiringIdentity,
      files: f => under(SHOP, f.resealed()),
      message: f => {
        const files = f.resealed()
        const record = recordOf(files)
        return withLines(f, files, [
          `Idp-Identity: ${signToken(runClaims(record, { repository: 'acme/evil' }), 'other-key')}`,
          `Idp-Identity: ${genuine(record)}`
        ])
      }
    },
    because: /with 2 Idp-Identity trailers/,
    at: RECORD
  },
  {
    name: 'a second identity trailer in lower case (git reads trailer keys case-insensitively)',
    branch: {
      platform: requiringIdentity,
      files: f => under(SHOP, f.resealed()),
      message: f => {
        const files = f.resealed()
        const record = recordOf(files)
        return withLines(f, files, [
          `idp-identity: ${signToken(runClaims(record, { repository: 'acme/evil' }))}`,
          `Idp-Identity: ${genuine(record)}`
        ])
      }
    },
    because: /with 2 Idp-Identity trailers/,
    at: RECORD
  }
]

// Genuine tokens the issuer signed for other promotions, copied from the GitOps history.
const replayed: GateAttack[] = [
  {
    name: "replays payments' genuine token (another service)",
    branch: claimsBranch((record, f) => {
      const payments = recordOf(f.payments)
      return runClaims(payments, { iat: undefined, nbf: undefined, exp: undefined, jti: undefined })
    }),
    because: /another content, environment or service/,
    at: RECORD
  },
  {
    name: "replays shop's genuine token of the same render for prod (another environment)",
    branch: claimsBranch((_r, f) => ({
      aud: runClaims(otherRecord(f, { environment: 'prod' })).aud
    })),
    because: /another content, environment or service/,
    at: RECORD
  },
  {
    name: "replays shop's genuine token of an older release (another render digest)",
    branch: claimsBranch((_r, f) => ({
      aud: runClaims(otherRecord(f, { digest: recordOf(olderRelease(f)).digest })).aud
    })),
    because: /another content, environment or service/,
    at: RECORD
  },
  {
    name: "another repository's run asks the issuer for shop's audience",
    branch: claimsBranch(() => ({
      repository: 'acme/evil',
      repository_owner: 'acme',
      sub: 'repo:acme/evil:ref:refs/heads/main'
    })),
    because: /issued to a run of acme\/evil/,
    at: RECORD
  },
  {
    name: "a token of shop's run of another commit",
    branch: claimsBranch(() => ({ sha: 'c'.repeat(40) })),
    because: /run of commit c{40}/,
    at: RECORD
  },
  {
    name: "replays shop's older release with its own token, the record claiming a newer commit time",
    branch: {
      platform: requiringIdentity,
      files: f => under(SHOP, olderRelease(f, { source: { commitTime: '2026-11-20T10:00:00Z' } })),
      message: f => {
        const files = olderRelease(f, { source: { commitTime: '2026-11-20T10:00:00Z' } })
        return withLines(f, files, [
          `Idp-Identity: ${signToken(runClaims(recordOf(files), {}, OLDER_ISSUED))}`
        ])
      }
    },
    because: /before the render record's source commit time/,
    at: RECORD
  },
  {
    // Without a commit time the guard against older renders falls back to the run number.
    name: "replays shop's older release with its own token, the record dropping its commit time and claiming run 9999",
    branch: {
      platform: requiringIdentity,
      files: f =>
        under(SHOP, olderRelease(f, { source: { commitTime: undefined, runNumber: 9999 } })),
      message: f => {
        const files = olderRelease(f, { source: { commitTime: undefined, runNumber: 9999 } })
        return withLines(f, files, [
          `Idp-Identity: ${signToken(runClaims(recordOf(files), {}, OLDER_ISSUED))}`
        ])
      }
    },
    because: /names no source commit time/,
    at: RECORD
  }
]

// What the issuer would have to sign wrongly, and what only an attacker signs.
const shaped: GateAttack[] = [
  {
    name: 'expired when it was issued',
    branch: claimsBranch(() => ({ exp: now() - 60 })),
    because: /expired/,
    at: RECORD
  },
  {
    name: 'not yet valid when it was issued (nbf after iat)',
    branch: claimsBranch(() => ({ nbf: now() + 3600 })),
    because: /not yet valid/,
    at: RECORD
  },
  {
    name: 'issued in the future (iat a year ahead)',
    branch: claimsBranch(
      () => ({}),
      'issuer',
      () => now() + 365 * DAY
    ),
    because: /was issued in the future/,
    at: RECORD
  },
  {
    name: 'another issuer',
    branch: claimsBranch(() => ({ iss: 'https://token.actions.githubusercontent.com' })),
    because: /was not issued by/,
    at: RECORD
  },
  {
    name: 'no audience',
    branch: claimsBranch(() => ({ aud: undefined })),
    because: /its audience is not idp:dev:shop:/,
    at: RECORD
  },
  {
    name: "an audience list holding shop's audience and payments'",
    branch: claimsBranch((record, f) => ({
      aud: [runClaims(record).aud, runClaims(recordOf(f.payments)).aud]
    })),
    because: /has an audience list/,
    at: RECORD
  },
  {
    name: 'no repository claim',
    branch: claimsBranch(() => ({ repository: undefined })),
    because: /has no repository claim/,
    at: RECORD
  },
  {
    name: 'signed by a key the issuer does not publish',
    branch: claimsBranch(() => ({}), 'other-key'),
    because: /not signed by/,
    at: RECORD
  },
  {
    name: "signed by the attacker's key embedded in the header (jwk)",
    branch: claimsBranch(() => ({}), 'embedded-jwk'),
    because: /not signed by/,
    at: RECORD
  },
  {
    name: 'alg: none',
    branch: claimsBranch(() => ({}), 'none'),
    because: /cannot be verified \("alg"/,
    at: RECORD
  },
  {
    name: "HS256 keyed with the issuer's public key (algorithm confusion)",
    branch: claimsBranch(() => ({}), 'hs256-public-key'),
    because: /cannot be verified \("alg"/,
    at: RECORD
  },
  {
    // 9 KiB of claims make a 13 KiB token: the commit message stays under merge-gitops' 16 KiB limit.
    name: 'a 13 KiB token signed by the issuer (under the commit-message limit)',
    branch: claimsBranch(() => ({ padding: 'x'.repeat(9 * 1024) })),
    because: /KiB long, more than the 8 KiB/,
    at: RECORD
  }
]

// What the record says that the token must agree with.
const record: GateAttack[] = [
  {
    name: 'the record names no source commit (the sha claim would go unchecked)',
    branch: {
      platform: requiringIdentity,
      files: f =>
        under(
          SHOP,
          f.resealed({}, { source: { ...(f.shopRecord.source as object), commit: undefined } })
        ),
      message: f => {
        const files = f.resealed(
          {},
          { source: { ...(f.shopRecord.source as object), commit: undefined } }
        )
        return withLines(f, files, [
          `Idp-Identity: ${signToken(runClaims(recordOf(files), { sha: String((f.shopRecord.source as { commit: string }).commit) }))}`
        ])
      }
    },
    because: /names no source commit,/,
    at: RECORD
  }
]

const attacks: GateAttack[] = [...missing, ...replayed, ...shaped, ...record]

/** The control: shop's legitimate new render with its run's genuine token. It must be merged. */
const legitimate: GateBranch = {
  platform: requiringIdentity,
  files: f => under(SHOP, f.resealed()),
  message: promotedWith(genuine)
}

const casesFor = (action: 'verify' | 'merge'): HostileCase[] =>
  attacks.map((a): HostileCase => ({
    name: `gate identity: ${action}: ${a.name}`,
    classes: [11],
    action: action === 'verify' ? 'verify-gitops' : 'merge-gitops',
    inputs: action === 'merge' ? { branch: 'idp/dev/shop' } : undefined,
    prepare: (sandbox, rendered) =>
      void prepareGate(sandbox, rendered, a.branch, action === 'verify' ? 'branch' : 'main'),
    at: { file: a.at, whole: true },
    because: a.because,
    timeoutMs: a.timeoutMs
  }))

const inputs = { 'platform-config': GATE_PLATFORM, 'platform-authors': 'idp-platform[bot]' }

export const gateIdentityVerifyArea: Area = {
  name: 'gate identity (verify-gitops)',
  action: 'verify-gitops',
  inputs: { ...inputs, base: 'origin/main' },
  prepare: (sandbox, rendered) => void prepareGate(sandbox, rendered, legitimate, 'branch'),
  cases: casesFor('verify')
}

export const gateIdentityMergeArea: Area = {
  name: 'gate identity (merge-gitops)',
  action: 'merge-gitops',
  inputs: { ...inputs, branch: 'idp/dev/shop', repository: '__GITOPS__' },
  prepare: (sandbox, rendered) => void prepareGate(sandbox, rendered, legitimate, 'main'),
  cases: casesFor('merge')
}
