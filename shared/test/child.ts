// A forked child for the helper tests: exits with the code it is given.
process.exit(Number(process.argv[2] ?? 0));
