import type { Suite } from '../model/index.js';

/**
 * Says that a selection matched no case, with what there is to choose from: the tags the suites
 * use, so a misspelt tag is seen at once.
 */
export function nothingSelected(suites: Suite[], selection: { grep?: string | undefined; tags?: string[] | undefined }): string {
  const asked = [selection.grep ? `--grep ${JSON.stringify(selection.grep)}` : '', selection.tags?.length ? `--tags ${selection.tags.join(',')}` : ''].filter(Boolean).join(' ');
  const tags = [...new Set(suites.flatMap((s) => s.cases.flatMap((c) => c.tags)))].sort();
  const cases = suites.reduce((n, s) => n + s.cases.length, 0);
  const known = tags.length ? `; the known tags are: ${tags.join(', ')}` : '; the cases have no tags';
  return `no case matches ${asked || 'the selection'} (of ${cases} case(s))${known}. \`gsc list\` shows every case`;
}
