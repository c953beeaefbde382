/** Where progress goes: stderr, so that stdout keeps only the result. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  tick(): void;
  done(): void;
}

const WIDTH = 30;

/**
 * A bar redrawn in place on a terminal; elsewhere (a CI log, a pipe) one line per tenth,
 * so that logs stay readable.
 */
export function progressBar(output: ProgressOutput, total: number, label: string, now = Date.now): Progress {
  const started = now();
  let count = 0;
  let lastTenth = -1;
  const line = () => {
    const share = total === 0 ? 1 : count / total;
    const filled = Math.round(share * WIDTH);
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} (${rate}/s)`;
  };
  const draw = () => {
    if (output.isTTY) {
      output.write(`\r${line()}`);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((count / total) * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      output.write(`${line()}\n`);
    }
  };
  return {
    tick() {
      count++;
      draw();
    },
    done() {
      if (output.isTTY) {
        output.write(`\r${line()}\n`);
      } else if (lastTenth < 10) {
        output.write(`${line()}\n`);
      }
    },
  };
}
