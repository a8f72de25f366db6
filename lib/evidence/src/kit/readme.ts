// The README every kit carries, written for an auditor who has never seen Custos.

export function auditorReadme(kit: { domain: string; createdAt: string; sites: readonly { tenant: string; site: string; entries: number }[] }): string {
  const sites = kit.sites.map((s) => `- \`sites/${s.tenant}/${s.site}/\`: ${s.entries} evidence bundles`).join('\n');
  return `# Custos evidence kit

Exported ${kit.createdAt} from ${kit.domain}. Everything in this folder can be checked offline, without
trusting the company that produced it. The kit holds identifiers and hashes only: no patient data and
no practice or person names.

## What to run

    custos verify <this folder>                 # exit 0 = all verified, 1 = something failed, 2 = not a kit
    custos verify <this folder> --trust-root <key id>   # also require the key you were given out of band

Every failure names the file and the reason. The browser verifier (a single HTML file) runs the same
checks locally and uploads nothing.

## What is in here

${sites}

- \`trust/<n>.json\`: the signed list of public keys and their validity periods (bundle keys, log keys,
  appliance keys, export keys), the pinned RFC 3161 TSA root certificates and the verification policy.
  Each new version is signed by the previous version's root keys, so key rotations are visible.
- \`sites/<tenant>/<site>/envelopes/<seq>-<sha256>.dsse.json\`: one signed evidence bundle per scan, heal,
  approval or closed workflow (a DSSE envelope around an in-toto statement). \`seq\` is its position in the
  site's log; each bundle also names the hash of the one before it (\`prev\`).
- \`sites/<tenant>/<site>/entries.bin\`: the site's append-only log: the SHA-256 of every envelope, 32 bytes
  each, in order. Its RFC 6962 Merkle root must equal the root in every signed checkpoint.
- \`sites/<tenant>/<site>/checkpoints/<size>.note\`: signed checkpoints (C2SP signed-note format).
- \`sites/<tenant>/<site>/histories/\`, \`raw/\`: files a bundle refers to by hash, such as Temporal
  workflow histories; \`custos replay\` re-runs a history against the recorded workflow code.
- \`anchor-log/\`: a log of the hashes of site checkpoints, with its own checkpoints.
- \`anchors/<size>.tsr\`: RFC 3161 time-stamp tokens over anchor checkpoints; check one by hand with
  \`openssl ts -verify -data <checkpoint text> -in <size>.tsr -CAfile <TSA root>\`.
- \`anchors/<size>.ots\` and \`anchors/btc-headers/\`: OpenTimestamps proofs that the anchor checkpoint
  existed before a Bitcoin block, with that block's 80-byte header. Compare the block hash in the header
  file name with any Bitcoin explorer or your own node.
- \`manifest.dsse.json\`: every file's size and SHA-256, signed by the export key, so a missing or added
  file is named.

## What a pass means

Each bundle was signed by a key that was valid when the work finished, the bundles form one unbroken,
unforked log per site, every checkpoint is signed and consistent with the log, and each anchored
checkpoint existed no later than the TSA time or the Bitcoin block time shown in the report.
`;
}
