/** `synchronizationSecret` members (Graph's v1.0 CSDL metadata; the synchronizationSecret resource page of the Graph docs lists the same 45). */
export const SECRET_KEYS: readonly string[] = [
  'None', 'UserName', 'Password', 'SecretToken', 'AppKey', 'BaseAddress', 'ClientIdentifier', 'ClientSecret',
  'SingleSignOnType', 'Sandbox', 'Url', 'Domain', 'ConsumerKey', 'ConsumerSecret', 'TokenKey', 'TokenExpiration',
  'Oauth2AccessToken', 'Oauth2AccessTokenCreationTime', 'Oauth2RefreshToken', 'SyncAll', 'InstanceName',
  'Oauth2ClientId', 'Oauth2ClientSecret', 'CompanyId', 'UpdateKeyOnSoftDelete', 'SynchronizationSchedule',
  'SystemOfRecord', 'SandboxName', 'EnforceDomain', 'SyncNotificationSettings', 'SkipOutOfScopeDeletions',
  'Oauth2AuthorizationCode', 'Oauth2RedirectUri', 'ApplicationTemplateIdentifier', 'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri', 'AuthenticationType', 'Server', 'PerformInboundEntitlementGrants', 'HardDeletesEnabled',
  'SyncAgentCompatibilityKey', 'SyncAgentADContainer', 'ValidateDomain', 'TestReferences', 'ConnectionString',
];

/** `synchronizationJobRestartScope` flags members (IsFlags enum; sent as "A, B, C"). */
export const RESET_SCOPE_MEMBERS: readonly string[] = [
  'None', 'ConnectorDataStore', 'Escrows', 'Watermark', 'QuarantineState', 'Full', 'ForceDeletes',
];

/** Finds an enum member, ignoring case as OData enum parsing in Graph does; the canonical spelling. */
export function enumMember(members: readonly string[], value: string): string | undefined {
  const lower = value.trim().toLowerCase();
  return members.find((m) => m.toLowerCase() === lower);
}
