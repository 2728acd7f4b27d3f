// Preloaded into a benchmarked process: on exit, writes its peak resident set size (KiB) to the file named by RAMPART_BENCH_RSS_FILE.
process.on('exit', () => {
  const file = process.env.RAMPART_BENCH_RSS_FILE;
  if (file) require('fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
});
