// Reads the mail the server wrote to its mail folder (MAIL_DIR, one `.eml` file per mail, as
// lettre's file transport writes them): recipient, language, subject and plain text, decoded,
// and which of the app's mails it is (the translation key of its subject).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const locales = Object.fromEntries(['sv', 'en'].map((code) => [
  code, JSON.parse(fs.readFileSync(path.join(here, '..', 'app', 'locales', `${code}.json`), 'utf8')),
]));

/** Subject templates as patterns: `{{ title }}` matches anything. */
const subjects = Object.entries(locales).flatMap(([code, texts]) => Object.entries(texts.mail)
  .filter(([key]) => key.endsWith('_subject'))
  .map(([key, template]) => {
    const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return { code, kind: key.replace(/_subject$/, ''), pattern: new RegExp(`^${parts.join('.*')}$`, 's') };
  }));

/** Decodes RFC 2047 encoded words (`=?utf-8?b?…?=` and `?q?`), joining adjacent ones. */
function decodeWords(text) {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset, enc, data) => (enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : qp(data.replace(/_/g, ' '))));
}

/** Decodes quoted-printable text as UTF-8. */
function qp(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i += 1) {
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Headers (unfolded, names in lower case) and body of one MIME entity. */
function split(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

/** The plain-text part of a mail, decoded. */
function plainText(headers, body) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const entity = split(part.replace(/^\r?\n/, ''));
      if ((entity.headers['content-type'] ?? '').startsWith('text/plain')) return plainText(entity.headers, entity.body);
    }
    return '';
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') return qp(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Every mail in the folder, decoded. */
export function readMailbox(dir = process.env.MAIL_DIR) {
  if (!dir) throw new Error('MAIL_DIR is not set: the browser tests read the mail folder');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((file) => {
    const { headers, body } = split(fs.readFileSync(path.join(dir, file), 'utf8'));
    const subject = decodeWords(headers.subject ?? '');
    const language = headers['content-language'] ?? '';
    const kind = subjects.find((s) => s.code === language && s.pattern.test(subject))?.kind ?? 'unknown';
    return { file, to: (headers.to ?? '').toLowerCase(), subject, language, kind, text: plainText(headers, body) };
  });
}

/** The mails to `address` (login links left out), as `kind:language`, sorted. */
export function mailKinds(address, dir) {
  return readMailbox(dir)
    .filter((m) => m.to === address.toLowerCase() && m.kind !== 'login')
    .map((m) => `${m.kind}:${m.language}`)
    .sort();
}
