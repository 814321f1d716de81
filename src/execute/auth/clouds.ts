/** The Microsoft clouds a tenant can live in. `global` also serves GCC (not High). */
export type CloudName = 'global' | 'usgov' | 'usgovdod' | 'china';

/** Where a cloud's Graph API and its sign-in service live. */
export interface Cloud {
  name: CloudName;
  /** Graph root without a version or trailing slash, e.g. `https://graph.microsoft.us`. */
  graphRoot: string;
  /** Entra sign-in host without a tenant or trailing slash, e.g. `https://login.microsoftonline.us`. */
  authority: string;
}

/**
 * The national-cloud table (Graph docs `concepts/deployments.md`). Tokens are not interchangeable
 * between clouds, so a cloud always pairs its own authority with its own Graph root.
 * China's sign-in host is the one requests actually go to, so messages name it:
 * login.partner.microsoftonline.cn, as Microsoft lists it
 * (https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud) and MSAL
 * prefers it over its older alias login.chinacloudapi.cn.
 */
export const clouds: Record<CloudName, Cloud> = {
  global: { name: 'global', graphRoot: 'https://graph.microsoft.com', authority: 'https://login.microsoftonline.com' },
  usgov: { name: 'usgov', graphRoot: 'https://graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
  usgovdod: { name: 'usgovdod', graphRoot: 'https://dod-graph.microsoft.us', authority: 'https://login.microsoftonline.us' },
  china: { name: 'china', graphRoot: 'https://microsoftgraph.chinacloudapi.cn', authority: 'https://login.partner.microsoftonline.cn' },
};

/** The names accepted by `--cloud`, in table order. */
export const cloudNames = Object.keys(clouds) as CloudName[];

/** Whether a string (from a flag or a config file) names a cloud. */
export function isCloudName(name: string): name is CloudName {
  return Object.hasOwn(clouds, name);
}

/**
 * The client-credentials scope for Graph in a cloud: its Graph root plus `/.default`
 * (`https://graph.microsoft.com/.default` for global), which asks for every application
 * permission the app was granted.
 */
export function graphScope(cloud: Cloud): string {
  return `${cloud.graphRoot.replace(/\/+$/, '')}/.default`;
}
