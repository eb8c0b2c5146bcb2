// The server's rules for an op (src/Protocol/Validation, via protocol-contract.json), applied
// before an edit leaves the editor: what the server would refuse for a reason the client can
// see is taken out of the edit (the text stays), and a change too large for one op is cut into
// several that each fit.
import Delta, { type AttributeMap, type Op } from 'quill-delta';
import contract from './protocol-contract.json' with { type: 'json' };
import { isSafeUrl } from './link-safety.js';
import type { Splitter } from './ot-client.js';

export interface ValidationRules {
  maxOps: number; maxInsertLength: number; maxDocumentLength: number; maxValueLength: number;
  formats: readonly string[]; embeds: readonly string[]; linkSchemes: readonly string[]; embedSchemes: readonly string[];
}

export const RULES: ValidationRules = contract.validation;
export const LINK_VECTORS: readonly { url: string; link: boolean; embed: boolean }[] = contract.linkVectors;

/** An edit with what the rules took out of it, in words for the page. */
export interface Sanitized { delta: Delta; removed: string[] }

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

function cleanAttributes(attributes: AttributeMap | undefined, rules: ValidationRules, removed: string[]): AttributeMap | undefined {
  if (attributes === undefined) return undefined;
  let out: AttributeMap | undefined;
  for (const [key, value] of Object.entries(attributes)) {
    let reason: string | null = null;
    if (!rules.formats.includes(key)) reason = `the formatting "${short(key)}", which is not supported`;
    else if (value === null) reason = null;
    else if (typeof value === 'string' && value.length > rules.maxValueLength) reason = `a "${key}" value longer than ${rules.maxValueLength} characters`;
    else if (key === 'link' && (typeof value !== 'string' || !isSafeUrl(value, rules.linkSchemes))) reason = `a link to "${short(String(value))}", which is not a safe address`;
    if (reason === null) (out ??= {})[key] = value;
    else if (!removed.includes(reason)) removed.push(reason);
  }
  return out;
}

function embedProblem(embed: Record<string, unknown>, rules: ValidationRules): string | null {
  const keys = Object.keys(embed);
  const type = keys[0];
  if (keys.length !== 1 || type === undefined || !rules.embeds.includes(type)) return `an embedded "${short(String(type))}", which is not supported`;
  const value = embed[type];
  if (typeof value === 'string' && value.length > rules.maxValueLength) return `an embedded ${type} longer than ${rules.maxValueLength} characters`;
  if ((type === 'image' || type === 'video') && (typeof value !== 'string' || !isSafeUrl(value, rules.embedSchemes))) {
    return `an embedded ${type} from "${short(String(value))}", which is not a safe address`;
  }
  return null;
}

/** Takes out unknown formats, unsafe links and embeds the server would refuse; text stays. */
export function sanitize(delta: Delta, rules: ValidationRules = RULES): Sanitized {
  const removed: string[] = [];
  const out = new Delta();
  for (const op of delta.ops) {
    if (op.insert !== undefined && typeof op.insert !== 'string') {
      const problem = embedProblem(op.insert as Record<string, unknown>, rules);
      if (problem !== null) {
        if (!removed.includes(problem)) removed.push(problem);
        continue; // an embed is one character of its own: nothing else is lost with it
      }
    }
    const attributes = cleanAttributes(op.attributes, rules, removed);
    const next: Op = { ...op };
    if (attributes === undefined) delete next.attributes;
    else next.attributes = attributes;
    out.push(next);
  }
  return { delta: removed.length === 0 ? delta : out.chop(), removed };
}

const insertLength = (op: Op) => (typeof op.insert === 'string' ? op.insert.length : op.insert !== undefined ? 1 : 0);
const outputLength = (op: Op) => (op.delete !== undefined ? 0 : typeof op.retain === 'number' ? op.retain : op.retain !== undefined ? 1 : insertLength(op));

/**
 * Cuts a change so that the first part fits one op (at most maxInsertLength inserted
 * characters and maxOps ops); first ∘ rest equals the change. A cut never splits a surrogate pair.
 */
export function splitter(rules: Pick<ValidationRules, 'maxOps' | 'maxInsertLength'> = RULES): Splitter {
  return (delta) => {
    let inserted = 0;
    let output = 0;
    const first = new Delta();
    const ops = delta.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const n = insertLength(op);
      // One op is kept back for the remainder's leading retain.
      if (first.ops.length >= rules.maxOps - 1 || inserted + n > rules.maxInsertLength) {
        let taken = 0;
        if (typeof op.insert === 'string' && first.ops.length < rules.maxOps - 1) {
          taken = rules.maxInsertLength - inserted;
          const code = op.insert.charCodeAt(taken - 1);
          if (taken > 0 && code >= 0xd800 && code <= 0xdbff) taken--;
          if (taken > 0) first.push({ ...op, insert: op.insert.slice(0, taken) });
        }
        if (first.ops.length === 0) return [delta, null]; // cannot cut (one embed over the limit): let the server judge
        const rest = new Delta().retain(output + taken);
        if (taken > 0) rest.push({ ...op, insert: (op.insert as string).slice(taken) });
        else rest.push(op);
        for (const later of ops.slice(i + 1)) rest.push(later);
        return [first, rest.chop()];
      }
      first.push(op);
      inserted += n;
      output += outputLength(op);
    }
    return [delta, null];
  };
}
