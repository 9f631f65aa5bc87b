import type { Output } from './io.js';

/** Back to the start of the line, and erase it. */
const CLEAR_LINE = '\r\x1b[2K';

/** A status line rewritten in place at the end of an output, and the lines printed around it. */
export interface LiveStatus {
  /** Shows `text` as the status line, in place of the previous one (a terminal only). */
  show(text: string): void;
  /** Erases the status line, so that what is written next starts on a clean line. */
  clear(): void;
  /** Erases the status line and prints `text` as a line of its own. */
  line(text: string): void;
  /** Leaves the status line on screen as a line of its own. */
  keep(): void;
}

/**
 * The live status line of `out` (`migrate up` waiting on a run, `aggregate backfill`): shown
 * only on a terminal (`isTTY`), where every other line must first erase it, or the two are
 * glued together. Elsewhere output gets the other lines only.
 */
export function liveStatus(out: Output): LiveStatus {
  let shown = false;
  const clear = () => {
    if (shown) out.write(CLEAR_LINE);
    shown = false;
  };
  return {
    show(text) {
      if (out.isTTY !== true) return;
      out.write(`${CLEAR_LINE}${text}`);
      shown = true;
    },
    clear,
    line(text) {
      clear();
      out.write(`${text}\n`);
    },
    keep() {
      if (shown) out.write('\n');
      shown = false;
    },
  };
}

/**
 * Runs `body` with the live status line of `out`; an error leaving it keeps the line on screen as
 * a line of its own, so the error printed next (on the same screen) starts on a clean line.
 */
export async function withLiveStatus<R>(out: Output, body: (live: LiveStatus) => Promise<R>): Promise<R> {
  const live = liveStatus(out);
  try {
    return await body(live);
  } catch (error) {
    live.keep();
    throw error;
  }
}
