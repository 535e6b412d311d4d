/** Names of the values saved for the post step. Only env names go there, never values. */
export const STATE = {
  exportedNames: 'exported-names',
  envFile: 'env-file',
} as const;

/** Reads the list of exported names back; anything malformed yields nothing to clean. */
export function parseExportedNames(raw: string): string[] {
  if (raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) : [];
  } catch {
    return [];
  }
}
