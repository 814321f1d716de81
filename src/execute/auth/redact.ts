/** What replaces a secret in text that leaves this module. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret in `text`. Longest first, so a secret that contains
 * another (a PEM holding a base64 run, say) is removed whole. Very short values are skipped:
 * replacing a 3-character "secret" everywhere would shred the message and hide nothing.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const usable = [...new Set(secrets)].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of usable) out = out.split(s).join(REDACTED);
  return out;
}
