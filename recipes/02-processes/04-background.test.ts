import { expect, test } from 'vitest';
import { main } from './04-background.ts';

const background = ['Starting background_process', '---> 0', '---> 1',
  '---> 2', '---> 3', '---> 4', 'Exiting background_process'];
const other = ['Starting NO_background_process', '---> 5', '---> 6',
  '---> 7', '---> 8', '---> 9', 'Exiting NO_background_process'];

test('the daemon is killed when its program ends; a non-daemon is waited for',
  async () => {
    const [daemon, both] = await main();
    // The daemon printed nothing, and is gone; the other printed all.
    expect([...daemon!.lines].sort()).toEqual([...other].sort());
    expect(daemon!.daemonPid).toBeGreaterThan(0);
    expect(daemon!.daemonAliveAfter).toBe(false);
    // Without daemons, both children print everything, each in order.
    expect(both!.lines.filter((l) => background.includes(l)))
      .toEqual(background);
    expect(both!.lines.filter((l) => other.includes(l))).toEqual(other);
  }, 60_000);
