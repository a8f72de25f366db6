import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes. They are stored unencrypted and visible to anyone with namespace read
 * access, so they carry opaque ids and enums only — never host names, user names or PHI.
 * The local stack registers exactly this list when it starts the dev server.
 */
export const SiteId = defineSearchAttributeKey('CustosSiteId', SearchAttributeType.KEYWORD);
export const ClientId = defineSearchAttributeKey('CustosClientId', SearchAttributeType.KEYWORD);
export const PartnerId = defineSearchAttributeKey('CustosPartnerId', SearchAttributeType.KEYWORD);
export const HostId = defineSearchAttributeKey('CustosHostId', SearchAttributeType.KEYWORD);
export const RunbookId = defineSearchAttributeKey('CustosRunbookId', SearchAttributeType.KEYWORD);
export const HealTier = defineSearchAttributeKey('CustosHealTier', SearchAttributeType.KEYWORD);
export const Outcome = defineSearchAttributeKey('CustosOutcome', SearchAttributeType.KEYWORD);
export const ControlIds = defineSearchAttributeKey('CustosControlIds', SearchAttributeType.KEYWORD_LIST);

export const ALL_SEARCH_ATTRIBUTES = [SiteId, ClientId, PartnerId, HostId, RunbookId, HealTier, Outcome, ControlIds] as const;

/** `Name=Type` as `temporal server start-dev --search-attribute` expects. */
export function searchAttributeFlag(key: (typeof ALL_SEARCH_ATTRIBUTES)[number]): string {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
    [SearchAttributeType.TEXT]: 'Text',
    [SearchAttributeType.INT]: 'Int',
    [SearchAttributeType.DOUBLE]: 'Double',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.DATETIME]: 'Datetime',
  };
  return `${key.name}=${cliType[key.type]}`;
}
