/**
 * CLIXML on stderr (reference §1.11): powershell.exe with redirected streams writes error records as
 * `#< CLIXML` + <Objs>. Decoding keeps only Error-stream strings and unescapes `_xHHHH_`; encoding (for the lab)
 * produces the same shape Windows does.
 */
import { escapeXml, parseXml } from '../wsman/xml.js';

const PREFIX = '#< CLIXML';
const PS_NS = 'http://schemas.microsoft.com/powershell/2004/04';

const unescapePs = (s: string): string => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
// Control characters are exactly what PowerShell escapes as _xHHHH_ in CLIXML strings.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f]/g;
const escapePs = (s: string): string =>
  s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_').replace(CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);

/** Readable text from a stderr stream: CLIXML error records decoded, anything else returned as is. */
export function decodeStderr(stderr: string): string {
  const trimmed = stderr.trimStart();
  if (!trimmed.startsWith(PREFIX)) return stderr;
  const xml = trimmed.slice(PREFIX.length).trim();
  try {
    const doc = parseXml(xml, 'CLIXML');
    const parts: string[] = [];
    for (const s of Array.from(doc.getElementsByTagNameNS(PS_NS, 'S'))) if (s.getAttribute('S') === 'Error') parts.push(unescapePs(s.textContent ?? ''));
    return parts.join('').replace(/\r\n$/, '');
  } catch {
    return stderr; // not parseable: the raw bytes are more useful than nothing
  }
}

/** stderr as powershell.exe writes an uncaught error record. */
export function encodeClixmlError(message: string): string {
  const lines = `${message}\r\n`;
  return `${PREFIX}\r\n<Objs Version="1.1.0.1" xmlns="${PS_NS}"><S S="Error">${escapeXml(escapePs(lines))}</S></Objs>`;
}
