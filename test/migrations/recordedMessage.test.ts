import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/limits/documentSize';
import { RECORDED_ERROR_BYTES, recordedMessage } from '../../src/migrations/batch';

describe('recordedMessage', () => {
  it('keeps a message that fits as it is', () => {
    const message = 'é'.repeat(RECORDED_ERROR_BYTES / 2);
    expect(recordedMessage(message)).toBe(message);
  });

  it('cuts a longer one at a code point within the bound, and says how much it left out', () => {
    // 4-byte code points (surrogate pairs) after one ASCII character: no cut may split a pair.
    const message = `x${'😀'.repeat(RECORDED_ERROR_BYTES)}`;
    const recorded = recordedMessage(message);
    const [kept, note] = recorded.split('… ');
    expect(utf8Length(kept!)).toBe(1 + 4 * Math.floor((RECORDED_ERROR_BYTES - 1) / 4));
    expect(kept).toBe(message.slice(0, kept!.length));
    expect(kept!.at(-1)).toBe('😀'.at(-1)); // the last pair kept whole
    expect(note).toBe(`[cut: ${message.length - kept!.length} of ${message.length} characters not recorded]`);
  });
});
