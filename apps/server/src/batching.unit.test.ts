import { describe, expect, test } from 'vitest';
import { batching } from './batching.js';

/** A command that records the batches it was given and waits until told to finish each. */
function recordingCommand(fail: (input: number) => boolean = () => false) {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<string[]>((resolve, reject) => {
      finishers.push(() =>
        inputs.some(fail) ? reject(new Error(`bad input in ${inputs}`)) : resolve(inputs.map((n) => `done ${n}`)),
      );
    });
  };
  const finishNext = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, finishNext };
}

describe('batching', () => {
  test('a call made while nothing runs goes alone, at once', async () => {
    const command = recordingCommand();
    const call = batching(command.run, { maxSize: 10, maxRunning: 1 });

    const answer = call(1);
    await command.finishNext();

    expect(await answer).toBe('done 1');
    expect(command.batches).toEqual([[1]]);
  });

  test('calls made while a run is under way go together in the next run, each with its own answer', async () => {
    const command = recordingCommand();
    const call = batching(command.run, { maxSize: 10, maxRunning: 1 });

    const answers = [call(1), call(2), call(3), call(4)];
    await command.finishNext();
    await command.finishNext();

    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(command.batches).toEqual([[1], [2, 3, 4]]);
  });

  test('the next run is under way before the callers of the last one hear back', async () => {
    const command = recordingCommand();
    const order: string[] = [];
    const call = batching(
      (inputs: number[]) => {
        order.push(`run ${inputs}`);
        return command.run(inputs);
      },
      { maxSize: 10, maxRunning: 1 },
    );

    const first = call(1).then(() => order.push('answered 1'));
    const second = call(2);
    await command.finishNext();
    await first;

    expect(order).toEqual(['run 1', 'run 2', 'answered 1']);
    await command.finishNext();
    expect(await second).toBe('done 2');
  });

  test('no run takes more than maxSize inputs', async () => {
    const command = recordingCommand();
    const call = batching(command.run, { maxSize: 2, maxRunning: 1 });

    const answers = [1, 2, 3, 4, 5, 6].map(call);
    for (let run = 0; run < 4; run++) {
      await command.finishNext();
    }

    expect(await Promise.all(answers)).toHaveLength(6);
    expect(command.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  test('up to maxRunning runs go at once', async () => {
    const command = recordingCommand();
    const call = batching(command.run, { maxSize: 10, maxRunning: 2 });

    const answers = [call(1), call(2), call(3)];
    await new Promise((resolve) => setImmediate(resolve));

    expect(command.batches).toEqual([[1], [2]]);
    for (let run = 0; run < 3; run++) {
      await command.finishNext();
    }
    await Promise.all(answers);
    expect(command.batches).toEqual([[1], [2], [3]]);
  });

  test('when a run fails, its inputs run one by one: only the bad one fails', async () => {
    const command = recordingCommand((input) => input === 3);
    const call = batching(command.run, { maxSize: 10, maxRunning: 1 });

    const answers = [1, 2, 3, 4].map((input) => call(input).catch((error: Error) => error.message));
    for (let run = 0; run < 6; run++) {
      await command.finishNext();
    }

    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'bad input in 3', 'done 4']);
    expect(command.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
