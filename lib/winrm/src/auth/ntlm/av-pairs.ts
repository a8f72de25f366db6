/** AV_PAIR list codec (MS-NLMP 2.2.2.1): the TargetInfo the server sends and the client echoes in its response. */
export const AvId = {
  EOL: 0,
  NbComputerName: 1,
  NbDomainName: 2,
  DnsComputerName: 3,
  DnsDomainName: 4,
  DnsTreeName: 5,
  Flags: 6,
  Timestamp: 7,
  SingleHost: 8,
  TargetName: 9,
  ChannelBindings: 10,
} as const;

/** MsvAvFlags bit: the client included a MIC in the AUTHENTICATE message. */
export const AV_FLAG_MIC_PRESENT = 0x00000002;

export interface AvPair {
  id: number;
  value: Buffer;
}

export function decodeAvPairs(data: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let off = 0;
  while (off + 4 <= data.length) {
    const id = data.readUInt16LE(off);
    const len = data.readUInt16LE(off + 2);
    if (id === AvId.EOL) return pairs;
    if (off + 4 + len > data.length) throw new Error(`ntlm: AV pair ${id} at offset ${off} runs past the end of TargetInfo`);
    pairs.push({ id, value: data.subarray(off + 4, off + 4 + len) });
    off += 4 + len;
  }
  throw new Error('ntlm: TargetInfo has no MsvAvEOL terminator');
}

export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of pairs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(p.id, 0);
    head.writeUInt16LE(p.value.length, 2);
    parts.push(head, p.value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

export const avString = (id: number, text: string): AvPair => ({ id, value: Buffer.from(text, 'utf16le') });
