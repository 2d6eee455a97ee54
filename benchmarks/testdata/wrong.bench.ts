/**
 * A fixture whose second variant is fast and wrong: the harness must
 * refuse it (exit 1, one line naming suite and variant).
 */
import { suite } from '@cookbook/bench';

export default suite('Wrong', { warmup: 0 })
  .add('impl=right', () => 6 * 7)
  .add('impl=wrong', () => 41);
