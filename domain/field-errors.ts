// How a schema's complaints become the `fields` of an API error: one message per field path.
import type { z } from 'zod';

/** `{ 'residence.postalCode': 'five digits' }`: the first problem of each field, keyed by its path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??=
      issue.code === 'invalid_type' && issue.input === undefined && issue.path.length ? 'required' : issue.message;
  }
  return fields;
}

/** "a, b or c": how a field's allowed values are named in its error message. */
export const oneOf = (values: readonly string[]): string =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
