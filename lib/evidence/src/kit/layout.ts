// File layout of an auditor kit (documented in lib/evidence/KIT.md). Every path is relative to the
// kit root, uses "/" and is produced and parsed only here.

export const KIT_FORMAT = 'custos-auditor-kit/v1';
export const KIT_JSON = 'kit.json';
export const README = 'README.md';
export const MANIFEST = 'manifest.dsse.json';
export const MANIFEST_PAYLOAD_TYPE = 'application/vnd.custos.kit-manifest+json';

export const trustPath = (version: number): string => `trust/${version}.json`;
export const siteDir = (tenant: string, site: string): string => `sites/${tenant}/${site}`;
export const siteEntriesPath = (tenant: string, site: string): string => `${siteDir(tenant, site)}/entries.bin`;
export const siteCheckpointPath = (tenant: string, site: string, size: number): string => `${siteDir(tenant, site)}/checkpoints/${size}.note`;
export const envelopePath = (tenant: string, site: string, seq: number, digestHex: string): string =>
  `${siteDir(tenant, site)}/envelopes/${seq}-${digestHex}.dsse.json`;
/** Subject artefacts (raw scan output, workflow histories) live under the site at their subject name. */
export const artefactPath = (tenant: string, site: string, subjectName: string): string => `${siteDir(tenant, site)}/${subjectName}`;
export const ANCHOR_LOG_ENTRIES = 'anchor-log/entries.bin';
export const anchorCheckpointPath = (size: number): string => `anchor-log/checkpoints/${size}.note`;
export const tsrPath = (anchorSize: number): string => `anchors/${anchorSize}.tsr`;
export const otsPath = (anchorSize: number): string => `anchors/${anchorSize}.ots`;
/** Named by height and block hash, so a changed byte is caught before any proof is checked. */
export const headerPath = (height: number, blockHash: string): string => `anchors/btc-headers/${height}-${blockHash}.hex`;

export type KitPath =
  | { kind: 'kit-json' | 'readme' | 'manifest' | 'anchor-entries' }
  | { kind: 'trust'; version: number }
  | { kind: 'site-entries'; tenant: string; site: string }
  | { kind: 'site-checkpoint'; tenant: string; site: string; size: number }
  | { kind: 'envelope'; tenant: string; site: string; seq: number; digestHex: string }
  | { kind: 'artefact'; tenant: string; site: string; name: string }
  | { kind: 'anchor-checkpoint'; size: number }
  | { kind: 'tsr' | 'ots'; size: number }
  | { kind: 'btc-header'; height: number; blockHash: string }
  | { kind: 'unknown' };

const ID = '[a-z0-9][a-z0-9_.:-]{0,127}';
const N = '(0|[1-9][0-9]{0,15})';
const PATTERNS: [RegExp, (m: RegExpExecArray) => KitPath][] = [
  [new RegExp(`^${KIT_JSON.replace('.', '\\.')}$`), () => ({ kind: 'kit-json' })],
  [/^README\.md$/, () => ({ kind: 'readme' })],
  [/^manifest\.dsse\.json$/, () => ({ kind: 'manifest' })],
  [new RegExp(`^trust/([1-9][0-9]{0,8})\\.json$`), (m) => ({ kind: 'trust', version: Number(m[1]) })],
  [new RegExp(`^sites/(${ID})/(${ID})/entries\\.bin$`), (m) => ({ kind: 'site-entries', tenant: m[1]!, site: m[2]! })],
  [new RegExp(`^sites/(${ID})/(${ID})/checkpoints/${N}\\.note$`), (m) => ({ kind: 'site-checkpoint', tenant: m[1]!, site: m[2]!, size: Number(m[3]) })],
  [
    new RegExp(`^sites/(${ID})/(${ID})/envelopes/${N}-([0-9a-f]{64})\\.dsse\\.json$`),
    (m) => ({ kind: 'envelope', tenant: m[1]!, site: m[2]!, seq: Number(m[3]), digestHex: m[4]! }),
  ],
  [new RegExp(`^sites/(${ID})/(${ID})/((?:raw|histories|reports)/[a-zA-Z0-9_.:/@-]{1,250})$`), (m) => ({ kind: 'artefact', tenant: m[1]!, site: m[2]!, name: m[3]! })],
  [/^anchor-log\/entries\.bin$/, () => ({ kind: 'anchor-entries' })],
  [new RegExp(`^anchor-log/checkpoints/${N}\\.note$`), (m) => ({ kind: 'anchor-checkpoint', size: Number(m[1]) })],
  [new RegExp(`^anchors/${N}\\.tsr$`), (m) => ({ kind: 'tsr', size: Number(m[1]) })],
  [new RegExp(`^anchors/${N}\\.ots$`), (m) => ({ kind: 'ots', size: Number(m[1]) })],
  [new RegExp(`^anchors/btc-headers/${N}-([0-9a-f]{64})\\.hex$`), (m) => ({ kind: 'btc-header', height: Number(m[1]), blockHash: m[2]! })],
];

export function classifyPath(path: string): KitPath {
  if (path.includes('..') || path.includes('//')) return { kind: 'unknown' };
  for (const [re, make] of PATTERNS) {
    const m = re.exec(path);
    if (m) return make(m);
  }
  return { kind: 'unknown' };
}
