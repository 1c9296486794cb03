import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The lint config is the enforcement of the layers: prove that breaking a rule fails `npm run lint`,
// on real files inside the projects the type-aware rules read. All probes are linted in one run
// (one TypeScript program), then removed.
const root = resolve(import.meta.dirname, '../..')
const probes = {
  rendererToCore: ['renderer/src', "import { redact } from '@core/log'\nexport const x = redact('a')\n"],
  coreToElectron: [
    'electron/core',
    "import { app } from 'electron'\nimport { registerIpc } from '@main/ipc'\nexport const x = [app, registerIpc]\n",
  ],
  sharedToCore: ['shared', "import { redact } from '@core/log'\nexport const x = redact\n"],
  sandboxToApp: ['sandbox', "import { dialects } from '@shared/domain/profile'\nexport const x = dialects\n"],
  floatingAndClimb: [
    'electron/core/keys',
    "import { callNames } from '../../../shared/contract'\nexport function f(): void {\n  Promise.resolve(callNames)\n}\n",
  ],
  clean: ['electron/core', "import { redact } from '@core/log'\n\nexport const clean = redact('x')\n"],
} satisfies Record<string, [string, string]>
type Probe = keyof typeof probes

const files = new Map<Probe, string>()
const messages = new Map<Probe, string[]>()

beforeAll(async () => {
  for (const [name, [folder, source]] of Object.entries(probes) as Array<[Probe, [string, string]]>) {
    const file = join(root, folder, `lint-probe-${randomUUID().slice(0, 8)}.ts`)
    files.set(name, file)
    writeFileSync(file, source)
  }
  const results = await new ESLint({ cwd: root }).lintFiles([...files.values()])
  for (const [name, file] of files) {
    const result = results.find((r) => r.filePath === file)
    messages.set(
      name,
      (result?.messages ?? [{ ruleId: 'missing', message: 'not linted' }]).map(
        (m) => `${m.ruleId ?? 'fatal'}: ${m.message}`,
      ),
    )
  }
}, 180_000)

afterAll(() => {
  for (const file of files.values()) rmSync(file, { force: true })
})

describe('npm run lint enforces the layers and promise hygiene', () => {
  it('refuses the renderer importing electron/core', () => {
    expect(messages.get('rendererToCore')).toContainEqual(
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*The renderer reaches the main process only through the contract/,
      ),
    )
  })

  it('refuses electron/core importing electron or the shell', () => {
    const found = messages.get('coreToElectron')
    expect(found).toContainEqual(expect.stringMatching(/^no-restricted-imports: 'electron' import is restricted/))
    expect(found).toContainEqual(
      expect.stringMatching(/^import-x\/no-restricted-paths: .*electron\/core runs in plain Node/),
    )
  })

  it('refuses shared/ importing anything of ours and the sandbox importing the app', () => {
    expect(messages.get('sharedToCore')).toContainEqual(
      expect.stringMatching(/^import-x\/no-restricted-paths: .*shared\/ is the contract/),
    )
    expect(messages.get('sandboxToApp')).toContainEqual(
      expect.stringMatching(/^import-x\/no-restricted-paths: .*imports nothing of the app/),
    )
  })

  it('refuses a floating promise and an import that climbs three folders', () => {
    const found = messages.get('floatingAndClimb')
    expect(found).toContainEqual(expect.stringMatching(/^@typescript-eslint\/no-floating-promises/))
    expect(found).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*climbing more than two folders/))
  })

  it('passes a file that keeps the rules', () => {
    expect(messages.get('clean')).toEqual([])
  })
})
