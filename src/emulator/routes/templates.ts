import type { Reply, RequestContext } from '../context.js';
import type { Env } from '../env.js';
import type { TemplateFixture } from '../fixtures/types.js';
import { entityReply, graphError } from '../reply.js';
import type { Route } from '../router.js';
import { contextPath, principal } from './common.js';

/** A template as listed: `schema` is a navigation property, so it is not inlined. */
function templateBody(t: TemplateFixture): object {
  return {
    id: t.id,
    applicationId: t.applicationId,
    default: t.default,
    description: t.description,
    discoverable: t.discoverable,
    factoryTag: t.factoryTag,
    metadata: t.metadata,
  };
}

function listTemplates(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  return entityReply(200, ctx, contextPath(sp.value.id, 'templates'), { value: sp.value.templates.map(templateBody) });
}

function getTemplateSchema(ctx: RequestContext, env: Env): Reply {
  const sp = principal(ctx, env);
  if (!sp.ok) return sp.reply;
  const id = ctx.params.templateId ?? '';
  const t = sp.value.templates.find((x) => x.id === id);
  if (!t) {
    return graphError(ctx, 404, 'not-found', 'NotFound', `Service principal '${sp.value.id}' has no synchronization template '${id}'.`);
  }
  return entityReply(200, ctx, contextPath(sp.value.id, `templates('${t.id}')/schema/$entity`), { id: t.id, ...t.schema });
}

/** Templates: the list, and each template's schema. */
export const templateRoutes: Route[] = [
  { pattern: 'servicePrincipals/{sp}/synchronization/templates', methods: { GET: { operation: 'listTemplates', handle: listTemplates } } },
  {
    pattern: 'servicePrincipals/{sp}/synchronization/templates/{templateId}/schema',
    methods: { GET: { operation: 'getTemplateSchema', handle: getTemplateSchema } },
  },
];
