export interface BatchingOptions {
  /** The most inputs one run takes. */
  maxSize: number;
  /** Runs at once; more calls wait for one to finish and go together in the next. */
  maxRunning: number;
}

/**
 * Turns a command over many inputs into a function of one: a call runs at once while fewer
 * than `maxRunning` runs are under way, and calls made meanwhile go together in the next run.
 * Idle, a call costs what it did alone; under load, one round trip serves many calls. When a
 * run fails, its inputs are run one by one, so that one bad input fails only its own call.
 */
export function batching<In, Out>(
  run: (inputs: In[]) => Promise<Out[]>,
  options: BatchingOptions,
): (input: In) => Promise<Out> {
  interface Waiting {
    input: In;
    resolve(output: Out): void;
    reject(error: unknown): void;
  }
  const queue: Waiting[] = [];
  let running = 0;

  const release = () => {
    running--;
    pump();
  };

  const settle = async (batch: Waiting[]) => {
    let outputs: Out[];
    try {
      outputs = await run(batch.map((waiting) => waiting.input));
    } catch (error) {
      try {
        await settleOneByOne(batch, error);
      } finally {
        release();
      }
      return;
    }
    // The next run goes out before these callers hear back, so that its round trip overlaps
    // their replies instead of waiting behind them. Its first steps are promise callbacks too:
    // the immediate lets them reach the socket first.
    release();
    setImmediate(() => {
      for (const [index, waiting] of batch.entries()) {
        waiting.resolve(outputs[index] as Out);
      }
    });
  };

  const settleOneByOne = async (batch: Waiting[], error: unknown) => {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    for (const waiting of batch) {
      await run([waiting.input]).then(
        ([output]) => waiting.resolve(output as Out),
        (alone: unknown) => waiting.reject(alone),
      );
    }
  };

  const pump = () => {
    while (running < options.maxRunning && queue.length > 0) {
      const batch = queue.splice(0, options.maxSize);
      running++;
      void settle(batch);
    }
  };

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}
