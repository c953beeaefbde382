import { describe, expect, test } from 'vitest';
import { ANSWER_MEMORY_MS, type AnswerCache, answerCache } from './answer-cache.js';
import type { ResolvePlacementInput, ResolvePlacementResult } from './resolve-placement.js';

const APP = 'app-1';
const OTHER_APP = 'app-2';
const IOS = 'platform-ios';
const ANDROID = 'platform-android';

/** A resolver that answers with how many times it was asked, so a kept answer is told from a new one. */
function countingResolver(userOf: (deviceId: string) => string | null = () => 'user-1') {
  let reads = 0;
  let changesAt: Date | null = null;
  let gate: Promise<void> | null = null;
  const resolve = async (input: ResolvePlacementInput): Promise<ResolvePlacementResult> => {
    reads++;
    const read = reads;
    await gate;
    const userId = userOf(input.deviceId);
    if (userId === null) {
      return { outcome: 'device_not_found' };
    }
    return {
      outcome: 'resolved',
      answer: { placement: `${input.placement} read ${read}`, campaign: null, paywall: null },
      choice: { chosen: null, considered: [] },
      userId,
      facts: {} as never,
      changesAt,
    };
  };
  return {
    resolve,
    reads: () => reads,
    changeAt: (at: Date | null) => {
      changesAt = at;
    },
    hold: () => {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

function clock(start = Date.parse('2026-06-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const ask = (deviceId: string, placement = 'home', appId = APP, appPlatformId = IOS) => ({
  appId,
  appPlatformId,
  store: 'apple' as const,
  deviceId,
  placement,
});

async function placementOf(cache: AnswerCache, input: ResolvePlacementInput) {
  const reply = await cache.answer(input);
  return reply.outcome === 'answered' ? (JSON.parse(reply.body) as { placement: string }).placement : reply.outcome;
}

describe('the answers kept for devices at placements', () => {
  test('a device asking again is given the same answer, and ETag, without a read', async () => {
    const resolver = countingResolver();
    const cache = answerCache(resolver.resolve, clock());

    const first = await cache.answer(ask('d1'));
    const again = await cache.answer(ask('d1'));

    expect(again).toEqual(first);
    expect(resolver.reads()).toBe(1);
  });

  test('each placement, device and app platform is its own answer', async () => {
    const resolver = countingResolver();
    const cache = answerCache(resolver.resolve, clock());

    await placementOf(cache, ask('d1', 'home'));
    const answers = [
      await placementOf(cache, ask('d1', 'settings')),
      await placementOf(cache, ask('d2', 'home')),
      await placementOf(cache, ask('d1', 'home', APP, ANDROID)),
      await placementOf(cache, ask('d1', 'home', OTHER_APP)),
    ];

    expect(answers).toEqual(['settings read 2', 'home read 3', 'home read 4', 'home read 5']);
  });

  test('an answer is read again once the memory limit passes, or when time alone could change it', async () => {
    const resolver = countingResolver();
    const time = clock();
    const cache = answerCache(resolver.resolve, time);

    await placementOf(cache, ask('d1'));
    time.advance(ANSWER_MEMORY_MS - 1);
    const justBefore = await placementOf(cache, ask('d1'));
    time.advance(1);
    const atTheLimit = await placementOf(cache, ask('d1'));
    time.advance(ANSWER_MEMORY_MS);
    resolver.changeAt(new Date(time.now().getTime() + 1000));
    await placementOf(cache, ask('d1'));
    time.advance(999);
    const beforeTheChange = await placementOf(cache, ask('d1'));
    time.advance(1);
    const atTheChange = await placementOf(cache, ask('d1'));

    expect([justBefore, atTheLimit, beforeTheChange, atTheChange]).toEqual([
      'home read 1',
      'home read 2',
      'home read 3',
      'home read 4',
    ]);
  });

  test('forgetting a device forgets its user’s other devices, and no one else’s', async () => {
    const users: Record<string, string> = { phone: 'ann', tablet: 'ann', other: 'bob' };
    const resolver = countingResolver((deviceId) => users[deviceId] ?? null);
    const cache = answerCache(resolver.resolve, clock());
    for (const device of ['phone', 'tablet', 'other']) {
      await cache.answer(ask(device));
    }

    cache.forgetDevice(APP, 'phone');

    expect([
      await placementOf(cache, ask('phone')),
      await placementOf(cache, ask('tablet')),
      await placementOf(cache, ask('other')),
    ]).toEqual(['home read 4', 'home read 5', 'home read 3']);
  });

  test('forgetting an app forgets its devices only; forgetting everything, every app’s', async () => {
    const resolver = countingResolver();
    const cache = answerCache(resolver.resolve, clock());
    await cache.answer(ask('d1'));
    await cache.answer(ask('d1', 'home', OTHER_APP));

    cache.forgetApp(APP);
    const afterApp = [await placementOf(cache, ask('d1')), await placementOf(cache, ask('d1', 'home', OTHER_APP))];
    cache.forgetEverything();
    const afterEverything = [
      await placementOf(cache, ask('d1')),
      await placementOf(cache, ask('d1', 'home', OTHER_APP)),
    ];

    expect(afterApp).toEqual(['home read 3', 'home read 2']);
    expect(afterEverything).toEqual(['home read 4', 'home read 5']);
  });

  test('a read under way when its device is forgotten is not kept: it may predate the change', async () => {
    const resolver = countingResolver();
    const cache = answerCache(resolver.resolve, clock());
    const release = resolver.hold();

    const underWay = cache.answer(ask('never-seen'));
    cache.forgetDevice(APP, 'never-seen');
    release();
    await underWay;

    expect(await placementOf(cache, ask('never-seen'))).toBe('home read 2');
  });

  test('an unknown device is answered as such each time, never kept', async () => {
    const resolver = countingResolver(() => null);
    const cache = answerCache(resolver.resolve, clock());

    const answers = [await placementOf(cache, ask('ghost')), await placementOf(cache, ask('ghost'))];

    expect(answers).toEqual(['device_not_found', 'device_not_found']);
    expect(resolver.reads()).toBe(2);
  });

  test('past its room, the device asked least recently is dropped first', async () => {
    const resolver = countingResolver();
    const cache = answerCache(resolver.resolve, { ...clock(), maxDevices: 2 });
    for (const device of ['d1', 'd2', 'd3']) {
      await cache.answer(ask(device));
    }

    expect([await placementOf(cache, ask('d3')), await placementOf(cache, ask('d1'))]).toEqual([
      'home read 3',
      'home read 4',
    ]);
  });
});
