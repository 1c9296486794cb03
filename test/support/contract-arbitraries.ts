import fc from 'fast-check'
import { z } from 'zod'

/**
 * fast-check arbitraries derived from the IPC contract's zod schemas: values a schema accepts (the
 * base for mutations), hostile values of every kind, and malformed inputs built by mutating a valid
 * one at a random place. Nothing here knows a call by name: a new call is fuzzed as soon as it is
 * in `calls`. A schema kind the walker does not know makes it throw, so the fuzz test fails loudly
 * instead of silently generating nothing.
 */

/** Strings that leak into an answer would show up by this marker. */
export const secretMarker = 'kw-secret-'

const stringCandidates = [
  'a',
  'Key one',
  'acc_1',
  'https://api.example.com',
  'http://127.0.0.1:4000',
  '2030-01-01T00:00:00.000Z',
  '5b2c1a9e-3f4d-4c2b-9a7e-1d2c3b4a5f60',
  'apk_abcdefgh12345678',
]
const numberCandidates = [0, 1, 5, 30, 60, 600, 3, -1, 0.5, 1000]

/** The candidates the schema accepts; random ones too when they pass often enough to be worth it. */
function acceptedBy<T>(
  schema: z.core.$ZodType,
  candidates: T[],
  random: fc.Arbitrary<T>,
  what: string,
): fc.Arbitrary<T> {
  const passing = candidates.filter((value) => z.safeParse(schema, value).success)
  const sample = fc.sample(random, { numRuns: 50, seed: 1 })
  const randomRate = sample.filter((value) => z.safeParse(schema, value).success).length / sample.length
  const choices: fc.Arbitrary<T>[] = []
  if (passing.length > 0) choices.push(fc.constantFrom(...passing))
  if (randomRate >= 0.2) choices.push(random.filter((value) => z.safeParse(schema, value).success))
  if (choices.length === 0) throw new Error(`contract-arbitraries: no ${what} candidate passes this schema; add one`)
  return fc.oneof(...choices)
}

/** Values the schema accepts. Object-level refinements are met by the final filter. */
export function validArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  return validNode(schema).filter((value) => z.safeParse(schema, value).success)
}

function validNode(schema: z.core.$ZodType): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodUndefined) return fc.constant(undefined)
  if (schema instanceof z.ZodBoolean) return fc.boolean()
  if (schema._zod.def.type === 'string')
    return acceptedBy(schema, stringCandidates, fc.string({ minLength: 1, maxLength: 40 }), 'string')
  if (schema instanceof z.ZodNumber)
    return acceptedBy(schema, numberCandidates, fc.integer({ min: -10, max: 1000 }), 'number')
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...schema.options)
  if (schema instanceof z.ZodLiteral) return fc.constantFrom(...schema.values)
  if (schema instanceof z.ZodOptional) return fc.option(validNode(schema.unwrap()), { nil: undefined })
  if (schema instanceof z.ZodNullable) return fc.option(validNode(schema.unwrap()), { nil: null })
  if (schema instanceof z.ZodDefault) return fc.option(validNode(schema.unwrap()), { nil: undefined })
  if (schema instanceof z.ZodUnion) return fc.oneof(...schema.options.map((option) => validNode(option)))
  if (schema instanceof z.ZodPipe) return validNode(schema.in)
  if (schema instanceof z.ZodArray) return fc.uniqueArray(validNode(schema.element), { minLength: 1, maxLength: 4 })
  if (schema instanceof z.ZodRecord) {
    return fc.dictionary(validNode(schema.keyType).map(String), validNode(schema.valueType), {
      maxKeys: 4,
      noNullPrototype: true,
    })
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.core.$ZodType> = schema.shape
    const entries = Object.entries(shape)
    const required = entries
      .filter(([, field]) => !(field instanceof z.ZodOptional || field instanceof z.ZodDefault))
      .map(([key]) => key)
    const fields = Object.fromEntries(entries.map(([key, field]) => [key, validNode(field)]))
    return fc.record(fields, { requiredKeys: required })
  }
  throw new Error(`contract-arbitraries: no generator for a zod ${schema._zod.def.type} schema; extend validNode`)
}

const nastyKey = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      'then',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'id', 'keyId', 'draft', 'text', 'auth', 'kind', 'a.b', '0') },
)

/** An own property, even for `__proto__` (an assignment would set the prototype instead). */
function withOwn(target: object, key: string, value: unknown): object {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true })
  return target
}

/** Payloads that would pollute Object.prototype if any layer merged them naively. */
const pollutionPayload = fc
  .constantFrom(
    () => JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    () => JSON.parse('{"__proto__":{"__proto__":{"polluted":"yes"}}}'),
    () => withOwn({}, '__proto__', { isAdmin: true, polluted: 'yes' }),
    () => ({ toString: 'polluted', valueOf: 42, hasOwnProperty: null }),
  )
  .map((make): unknown => make())

/** Deep nesting; it prints itself short, so a failure report does not overflow the stack. */
function nest(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value }
  Object.defineProperty(value, fc.toStringMethod, { value: () => `<${depth} levels deep>`, enumerable: false })
  return value
}

const hugeString = fc.integer({ min: 4_097, max: 300_000 }).map((length) => secretMarker + 'A'.repeat(length))
const markedString = fc.string({ maxLength: 30 }).map((text) => secretMarker + text)
const specialNumber = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  4.5,
)
const oddScalar = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  false,
  '',
  ' ',
  0,
  [],
  {},
  '[]',
  '{}',
  'null',
  'undefined',
  'NaN',
)
const structured = fc
  .constantFrom<() => unknown>(
    () => new Date(Number.NaN),
    () => new Date(0),
    () => new Map([['keyId', 'k1']]),
    () => new Set(['k1']),
    () => new Uint8Array([1, 2, 3]),
    () => Object.create(null),
    () => ({ length: 1, 0: 'k1' }),
    // eslint-disable-next-line no-sparse-arrays -- a sparse array is one of the malformed inputs
    () => [undefined, , null],
  )
  .map((make) => make())

/** Any value an attacker who controls the renderer could put on the wire. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.anything({
      key: nastyKey,
      maxDepth: 3,
      maxKeys: 5,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 2, arbitrary: specialNumber },
  { weight: 2, arbitrary: oddScalar },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 2, arbitrary: markedString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: pollutionPayload },
  { weight: 1, arbitrary: structured },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 5_000 }).map((depth) => nest(depth, 'k1')) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 5 }) },
)

type Path = Array<string | number>

/** Every place in a (plain, valid) value: the root, each object key and array index. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])))
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]))
  return paths
}

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return value !== null && typeof value === 'object'
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (isContainer(node) ? node[key] : undefined), root)
}

/** Returns the new root: `update` gets the old value at `path` and returns the new one, or `deleteMarker`. */
const deleteMarker = Symbol('delete')
function updateAt(root: unknown, path: Path, update: (old: unknown) => unknown): unknown {
  if (path.length === 0) {
    const next = update(root)
    return next === deleteMarker ? undefined : next
  }
  const parent = getAt(root, path.slice(0, -1))
  const key = path[path.length - 1]!
  if (!isContainer(parent)) return root
  const next = update(parent[key])
  if (next === deleteMarker) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1)
    else delete parent[key]
  } else {
    withOwn(parent, String(key), next)
  }
  return root
}

const mutationKinds = [
  'replace',
  'delete',
  'extraKey',
  'wrapInArray',
  'nest',
  'hugeString',
  'stringify',
  'specialNumber',
  'pollute',
] as const
export type MutationKind = (typeof mutationKinds)[number]

const mutation = fc.record({
  kind: fc.constantFrom(...mutationKinds),
  where: fc.nat(),
  replacement: hostileValue,
  extraKey: nastyKey,
  depth: fc.integer({ min: 2, max: 3_000 }),
  length: fc.integer({ min: 4_097, max: 300_000 }),
  number: specialNumber,
  pollution: pollutionPayload,
})

/** Applies one mutation to a fresh copy of a valid value. */
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never

function mutate(valid: unknown, m: Mutation): unknown {
  const root = valid === undefined ? undefined : structuredClone(valid)
  const paths = pathsOf(root)
  const path = paths[m.where % paths.length]!
  switch (m.kind) {
    case 'replace':
      return updateAt(root, path, () => m.replacement)
    case 'delete':
      return updateAt(root, path, () => deleteMarker)
    case 'extraKey': {
      const objects = paths.filter((candidate) => {
        const node = getAt(root, candidate)
        return isContainer(node) && !Array.isArray(node)
      })
      if (objects.length === 0) return withOwn({}, m.extraKey, m.replacement)
      const target = getAt(root, objects[m.where % objects.length]!) as object
      withOwn(target, m.extraKey, m.replacement)
      return root
    }
    case 'wrapInArray':
      return updateAt(root, path, (old) => [old])
    case 'nest':
      return updateAt(root, path, (old) => nest(m.depth, old))
    case 'hugeString':
      return updateAt(root, path, () => secretMarker + 'B'.repeat(m.length))
    case 'stringify':
      return updateAt(root, path, (old) =>
        typeof old === 'string' ? Number(old) : (JSON.stringify(old) ?? 'undefined'),
      )
    case 'specialNumber':
      return updateAt(root, path, () => m.number)
    case 'pollute':
      return updateAt(root, path, (old) =>
        isContainer(old) && !Array.isArray(old) ? Object.assign(m.pollution as object, old) : m.pollution,
      )
  }
}

/** Inputs for one call: mostly a valid input mutated at one place, sometimes any hostile value. */
export function malformedArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    { weight: 7, arbitrary: fc.tuple(validArbitrary(schema), mutation).map(([valid, m]) => mutate(valid, m)) },
  )
}

/** Collects every string in a value (keys excluded), to check none is echoed back. Iterative: inputs nest deeply. */
export function stringsIn(root: unknown): string[] {
  const found: string[] = []
  const seen = new Set<unknown>()
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value === 'string') found.push(value)
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    pending.push(...(value instanceof Map || value instanceof Set ? value.values() : Object.values(value)))
  }
  return found
}
