import type { Route } from '../router.js';
import { actionRoutes } from './actions.js';
import { jobRoutes } from './jobs.js';
import { secretRoutes } from './secrets.js';
import { templateRoutes } from './templates.js';

/**
 * Every route, in matching order: literal paths (the collection-bound validateCredentials)
 * come before `jobs/{jobId}` so they are not taken for a job id.
 */
export const ROUTES: readonly Route[] = [...templateRoutes, ...actionRoutes, ...jobRoutes, ...secretRoutes];
