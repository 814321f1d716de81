import { redactText } from '../../common/redact.js';
import { clip, visible } from '../text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * HTML text (or attribute value) from any string: control and bidi characters shown as
 * `\uXXXX` (see {@link visible}) and all five markup characters escaped, so a body holding
 * `<script>` or `<img onerror>` is shown as the text it is and never becomes markup.
 */
export function esc(text: string): string {
  return visible(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Free text from results (messages, reasons, titles): redacted, clipped, escaped. */
export function escSay(text: unknown, max = 500): string {
  return esc(clip(redactText(String(text ?? '')), max));
}

/**
 * A link target fit for `href`, or `undefined`: only absolute `http:` and `https:` URLs, so a
 * doc field of `javascript:…` or `data:…` never becomes a link.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? esc(redactText(u.href)) : undefined;
  } catch {
    return undefined;
  }
}
