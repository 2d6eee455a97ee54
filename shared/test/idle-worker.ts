// A worker that never finishes on its own: only terminate() stops it.
setInterval(() => {}, 1_000);
