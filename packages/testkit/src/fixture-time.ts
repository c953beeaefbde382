/** The instant builders date their defaults from (2025-01-15T12:00:00Z): pin test clocks to it. */
export const FIXTURE_NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);

export const DAY_MS = 86_400_000;
