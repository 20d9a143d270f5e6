/** Reads a body as a JSON object; `undefined` when it is not one (never throws on bad JSON). */
export async function readJsonObject(response: Response): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Dotted paths of the fields a zod error is about (names only, never values). */
export function issueFields(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  return [...new Set(issues.map((i) => i.path.map(String).join('.') || '(root)'))];
}
