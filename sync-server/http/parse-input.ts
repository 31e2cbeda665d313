import type * as v from 'valibot';
import { validate } from '../../src/lib/domain';
import { invalid } from './api-error';

/**
 * Untrusted input (a body, a query) through a protocol schema: prototype keys first, then
 * the schema (strict objects reject unknown and `_`-prefixed fields). Bad input → 400 `invalid`
 * with per-field codes; never a 5xx.
 */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = validate(schema, input ?? {});
  if (!result.ok) throw invalid('The request is not valid.', result.errors);
  return result.value;
}
