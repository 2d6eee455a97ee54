// A recipe-shaped fixture that never ends by itself: it starts a child
// process, prints the child's pid and waits. The runner tests stop it with
// signals and check that the child went with it.
import { spawn } from 'node:child_process';

const child = spawn('sleep', ['60'], { stdio: 'ignore' });
console.log(`child ${child.pid}`);
setInterval(() => {}, 1_000);
