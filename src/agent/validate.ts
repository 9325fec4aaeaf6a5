// Checks tool arguments against the tool's input schema and says, in one sentence an agent can
// act on, what is wrong: the argument, what it should be, what it was.
import type { JsonSchema } from './types';
import { ToolError } from './types';

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function expected(s: JsonSchema): string {
  if (s.enum) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  switch (s.type) {
    case 'integer':
      return s.minimum !== undefined ? `a whole number ≥ ${s.minimum}` : 'a whole number';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return `a ${s.type}`;
  }
}

function check(value: unknown, s: JsonSchema, where: string, problems: string[]): void {
  if (s.enum && !s.enum.includes(value as string | number)) {
    problems.push(`${where} must be ${expected(s)}, not ${describe(value)}`);
    return;
  }
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${where} must be a string, not ${describe(value)}`);
      else if (s.minLength !== undefined && value.trim().length < s.minLength) problems.push(`${where} must not be empty`);
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (s.type === 'integer' && !Number.isInteger(value))) {
        problems.push(`${where} must be ${expected(s)}, not ${describe(value)}`);
      } else if (s.minimum !== undefined && value < s.minimum) problems.push(`${where} must be ${expected(s)}, not ${value}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${where} must be true or false, not ${describe(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${where} must be an array, not ${describe(value)}`);
        return;
      }
      if (s.minItems !== undefined && value.length < s.minItems) problems.push(`${where} must have at least ${s.minItems} item(s)`);
      if (s.maxItems !== undefined && value.length > s.maxItems) problems.push(`${where} may have at most ${s.maxItems} items`);
      if (s.items) value.forEach((v, i) => check(v, s.items!, `${where}[${i}]`, problems));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${where} must be an object, not ${describe(value)}`);
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const r of s.required ?? []) if (obj[r] === undefined) problems.push(`${where ? where + '.' : ''}${r} is required`);
      for (const [k, v] of Object.entries(obj)) {
        const p = s.properties?.[k];
        if (!p) {
          if (s.additionalProperties === false) {
            const known = Object.keys(s.properties ?? {});
            problems.push(`unknown argument ${where ? where + '.' : ''}${k} (known: ${known.join(', ') || 'none'})`);
          }
          continue;
        }
        if (v === undefined) continue;
        check(v, p, where ? `${where}.${k}` : k, problems);
      }
      return;
    }
  }
}

/** Throws a ToolError listing every problem with `args`; returns them as an object otherwise. */
export function validateArgs(toolName: string, schema: JsonSchema, args: unknown): Record<string, unknown> {
  const value = args === undefined || args === null ? {} : args;
  const problems: string[] = [];
  check(value, schema, '', problems);
  if (problems.length) {
    throw new ToolError(`Invalid arguments for ${toolName}: ${problems.join('; ')}. Fix the arguments and call ${toolName} again.`);
  }
  return value as Record<string, unknown>;
}
