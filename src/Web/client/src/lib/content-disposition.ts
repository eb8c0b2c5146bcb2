// The file name a Content-Disposition header suggests (RFC 6266): filename* (RFC 8187, UTF-8
// percent-encoded) before filename, the plain fallback; null when the header names none.

/** The suggested file name, or null (no header, no name, or only one that cannot be read). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const params = parameters(header);
  const star = /^([^']*)'[^']*'(.*)$/.exec(params.get('filename*') ?? '');
  if (star !== null && star[1]!.toLowerCase() === 'utf-8') {
    try {
      const name = decodeURIComponent(star[2]!);
      if (name !== '') return name;
    } catch {
      // A malformed percent-encoding: the plain name still stands.
    }
  }
  return params.get('filename') || null;
}

const PARAMETER = /\s*([^=;\s]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*)))?\s*(?:;|$)/y;

/** The parameters after the disposition type: names lower-cased, quoted strings unescaped, the first of a name kept. */
function parameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const start = header.indexOf(';');
  if (start < 0) return params;
  PARAMETER.lastIndex = start + 1;
  let match: RegExpExecArray | null;
  while (PARAMETER.lastIndex < header.length && (match = PARAMETER.exec(header)) !== null) {
    const name = match[1]!.toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}
