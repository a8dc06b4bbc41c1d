// The GitOps gate's merge record in the catalog e2e (scripts/e2e.ts): `recordMergedDeployment` pushes
// the merged deployment into a real git repository standing in for the central catalog repository,
// and the real Backstage catalog shows it after a refresh.
import { execFileSync } from 'node:child_process'
import { recordMergedDeployment } from '../shared/src/catalog/record-merge.js'
import { resolveRemote } from '../shared/src/gitops/remote.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'
import type { CatalogRun } from './e2e-catalog.js'
import { assert, TOKEN } from './e2e-harness.js'

export async function mergeRecordScenario(run: CatalogRun): Promise<void> {
  const { scenario, workspace, api, baseUrl, served } = run
  await scenario(
    "the GitOps gate's merge is recorded in the catalog repository and Backstage shows it after a refresh",
    async () => {
      // The served folder stands in for the central catalog repository: a push updates the file the
      // Component's location serves (the location is the catalog repository's file in repository mode).
      const gitIn = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: served,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'e2e',
            GIT_AUTHOR_EMAIL: 'e2e@example.com',
            GIT_COMMITTER_NAME: 'e2e',
            GIT_COMMITTER_EMAIL: 'e2e@example.com'
          }
        })
      gitIn('init', '-q', '-b', 'main')
      gitIn('config', 'receive.denyCurrentBranch', 'updateInstead')
      gitIn('add', '-A')
      gitIn('commit', '-q', '-m', 'catalog repository')
      const mergeCommit = 'f'.repeat(40)
      const outcome = await recordMergedDeployment(
        {
          remote: resolveRemote(served, 'https://github.com', workspace),
          pathPattern: '{service}',
          backstage: { url: baseUrl, token: TOKEN, timeoutMs: 60_000, pollMs: 500 },
          logger: new RecordingLogger()
        },
        {
          record: {
            service: 'checkout',
            environment: 'prod',
            namespace: 'checkout-prod',
            owner: 'team-payments',
            source: {
              repository: 'acme/checkout',
              commit: 'c'.repeat(40),
              commitTime: '2026-11-25T09:30:00Z',
              runUrl: 'https://github.com/acme/checkout/actions/runs/7',
              descriptor: 'idp.yaml'
            },
            images: { checkout: `ghcr.io/acme/checkout@sha256:${'ab'.repeat(32)}` },
            digest: `sha256:${'d'.repeat(64)}`,
            renderer: { name: 'idp', version: '0.1.0' },
            files: ['application.yaml'],
            sourceMap: []
          },
          mergeCommit
        }
      )
      assert(outcome.recorded && outcome.changed, `not recorded: ${outcome.reason}`)
      assert(outcome.shown === true, `not shown: ${outcome.reason}`)
      const a = (await api.getEntityByName('component', 'default', 'checkout'))?.metadata
        .annotations
      assert(a?.['idp.dev/env.prod.commit'] === mergeCommit, 'merge commit')
      assert(a?.['idp.dev/env.prod.source-commit'] === 'c'.repeat(40), 'source commit')
      assert(a?.['idp.dev/env.staging.version'] === '1.4.0', 'staging record kept')
    }
  )
}
