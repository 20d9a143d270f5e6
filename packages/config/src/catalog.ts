import type { z } from 'zod';
import { ENV_DOCS } from './env-docs.js';
import * as exported from './index.js';

/**
 * Every environment variable the site reads, taken from the schemas themselves: each
 * `<name>EnvSchema` this package exports is one group (api, auth, user, …). A schema added to
 * index.ts joins the catalog — and `.env.example` — without further wiring.
 */
export interface EnvVariable {
  name: string;
  /** Groups whose schema reads it, in catalog order (the first one documents it). */
  schemas: string[];
  /** The schema's default, as the string one would write in a .env file; undefined when none. */
  default?: string;
  /** True when the schema accepts it unset (it has a default, or it is optional). */
  optional: boolean;
  /** ENV_DOCS line, or the field's own `.describe()` text. */
  description?: string;
}

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  in?: AnySchema;
  innerType?: AnySchema;
  defaultValue?: unknown;
}
const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object shape under refinements, transforms and pipes. */
export function schemaShape(schema: AnySchema): Record<string, AnySchema> {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const def = defOf(current);
    if (def.type === 'object' && def.shape) return def.shape;
    if (def.type === 'pipe' && def.in) current = def.in;
    else throw new Error(`not an object schema (found ${def.type})`);
  }
  throw new Error('schema nests too deeply');
}

function fieldInfo(field: AnySchema): Pick<EnvVariable, 'default' | 'optional' | 'description'> {
  let current: AnySchema | undefined = field;
  let description: string | undefined;
  for (let depth = 0; current && depth < 16; depth++) {
    description ??= (current as { description?: string }).description;
    const def = defOf(current);
    if (def.type === 'default') {
      const value = def.defaultValue;
      return { default: String(value), optional: true, ...(description ? { description } : {}) };
    }
    if (def.type === 'optional') return { optional: true, ...(description ? { description } : {}) };
    current = def.type === 'pipe' ? def.in : def.innerType;
  }
  return { optional: false, ...(description ? { description } : {}) };
}

/** `apiEnvSchema` → `api`, sorted by name (the same order under Node and bundlers). */
export function envSchemas(): Record<string, AnySchema> {
  const schemas: Record<string, AnySchema> = {};
  const names = Object.keys(exported).sort();
  for (const [name, value] of names.map((n) => [n, exported[n as keyof typeof exported]] as const)) {
    const match = /^(\w+)EnvSchema$/.exec(name);
    if (match) schemas[match[1]!] = value as AnySchema;
  }
  return schemas;
}

/** The variables one schema reads, with defaults and documentation (group left empty). */
export function variablesOf(schema: AnySchema): EnvVariable[] {
  return Object.entries(schemaShape(schema)).map(([name, field]) => {
    const info = fieldInfo(field);
    const description = info.description ?? ENV_DOCS[name];
    return {
      name,
      schemas: [],
      optional: info.optional,
      ...(info.default !== undefined ? { default: info.default } : {}),
      ...(description ? { description } : {}),
    };
  });
}

/** Every variable of every schema, once, with the groups that read it. */
export function envCatalog(): EnvVariable[] {
  const byName = new Map<string, EnvVariable>();
  for (const [group, schema] of Object.entries(envSchemas())) {
    for (const variable of variablesOf(schema)) {
      const seen = byName.get(variable.name);
      if (seen) seen.schemas.push(group);
      else byName.set(variable.name, { ...variable, schemas: [group] });
    }
  }
  return [...byName.values()];
}

/** The variable names one schema reads. */
export function schemaVariables(schema: AnySchema): string[] {
  return Object.keys(schemaShape(schema));
}

export { ENV_DOCS };
