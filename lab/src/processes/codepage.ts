/** Console output encoding by the shell's WINRS_CODEPAGE: 65001 is UTF-8; 437 (pywinrm's default) is CP437. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export function encodeConsole(text: string, codepage: number): Buffer {
  if (codepage === 65001) return Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const i = CP437_HIGH.indexOf(ch);
      out.push(i >= 0 ? 0x80 + i : 0x3f); // '?' as Windows' best-fit fallback does for unmappable characters
    }
  }
  return Buffer.from(out);
}
