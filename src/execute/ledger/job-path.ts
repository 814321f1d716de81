/**
 * The only paths `gsc cleanup` may touch. A ledger is a file on disk that anyone with write access
 * can edit, so its paths are hostile input: a DELETE is sent only to a path that is, segment for
 * segment, a synchronization job of a service principal.
 */

/** The parts of `/servicePrincipals/{sp}/synchronization/jobs/{id}`, decoded. */
export interface JobPath {
  servicePrincipalId: string;
  id: string;
}

/** A segment that must never reach a request: dot segments (also percent-encoded), separators, controls. */
function unsafeSegment(raw: string): string | undefined {
  if (raw === '') return 'an empty segment';
  if (/[?#\\]/.test(raw)) return `the segment \`${raw}\` holds ?, # or \\`;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return `the segment \`${raw}\` is not valid percent-encoding`;
  }
  if (decoded === '.' || decoded === '..') return 'a dot segment (`.` or `..`)';
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(decoded)) return `the segment \`${raw}\` decodes to a separator or a control character`;
  if (/\p{Surrogate}/u.test(decoded)) return `the segment \`${raw}\` decodes to a lone surrogate`;
  return undefined;
}

/**
 * Parses `path` as exactly `/servicePrincipals/{sp}/synchronization/jobs` (the collection) or
 * `…/jobs/{id}` (a job). Returns the parts, or a sentence saying why the path is refused.
 */
function parse(path: string, member: boolean): JobPath | string {
  const fixed = member ? 6 : 5;
  const segments = path.split('/');
  const shape = member ? '/servicePrincipals/{id}/synchronization/jobs/{id}' : '/servicePrincipals/{id}/synchronization/jobs';
  if (segments[0] !== '' || segments.length !== fixed) return `\`${path}\` is not of the form ${shape}`;
  for (const raw of segments.slice(1)) {
    const why = unsafeSegment(raw);
    if (why) return `\`${path}\` has ${why}`;
  }
  const [, root, sp, sync, jobs, id] = segments;
  if (root !== 'servicePrincipals' || sync !== 'synchronization' || jobs !== 'jobs') return `\`${path}\` is not of the form ${shape}`;
  return { servicePrincipalId: decodeURIComponent(sp!), id: member ? decodeURIComponent(id!) : '' };
}

/** Parses a job's path; see {@link parse}. */
export function parseJobPath(path: string): JobPath | string {
  return parse(path, true);
}

/** Parses a job collection's path; returns the service principal id, or why it is refused. */
export function parseJobsCollection(path: string): { servicePrincipalId: string } | string {
  const parsed = parse(path, false);
  return typeof parsed === 'string' ? parsed : { servicePrincipalId: parsed.servicePrincipalId };
}
