import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalError, RemediationJournal } from './journal.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'custos-journal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('remediation journal (write-ahead, survives restarts)', () => {
  it('remembers intent and done across a reopen; done wins over a later intent line', () => {
    const dir = fresh();
    const j = RemediationJournal.open(dir);
    j.intent('heal:a:remediate:1');
    j.intent('heal:b:remediate:1');
    j.done('heal:b:remediate:1', { status: 'applied', changed: true });
    j.close();
    appendFileSync(path.join(dir, 'remediations.jsonl'), JSON.stringify({ state: 'intent', key: 'heal:b:remediate:1', at: 'x' }) + '\n');
    const again = RemediationJournal.open(dir);
    expect(again.get('heal:a:remediate:1')).toMatchObject({ state: 'intent' });
    expect(again.get('heal:b:remediate:1')).toMatchObject({ state: 'done', result: { status: 'applied', changed: true } });
    expect(again.get('heal:c:remediate:1')).toBeUndefined();
    again.close();
    expect(readFileSync(path.join(dir, 'remediations.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('tolerates a torn last line (a crash during append) but not corruption in the middle', () => {
    const dir = fresh();
    const file = path.join(dir, 'remediations.jsonl');
    writeFileSync(file, JSON.stringify({ state: 'intent', key: 'k1', at: 'x' }) + '\n{"state":"do');
    const j = RemediationJournal.open(dir);
    expect(j.get('k1')).toMatchObject({ state: 'intent' });
    j.close();
    writeFileSync(file, 'garbage\n' + JSON.stringify({ state: 'intent', key: 'k1', at: 'x' }) + '\n' + JSON.stringify({ state: 'intent', key: 'k2', at: 'x' }) + '\n');
    expect(() => RemediationJournal.open(dir)).toThrow(JournalError);
    writeFileSync(file, JSON.stringify({ nope: 1 }) + '\n' + JSON.stringify({ state: 'intent', key: 'k1', at: 'x' }) + '\n\n');
    expect(() => RemediationJournal.open(dir)).toThrow(/remediations.jsonl:1: not a journal record/);
  });
});
