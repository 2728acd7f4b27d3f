// Preloaded into a benchmarked process: on exit, writes its peak resident set size (KiB) to the file named by
// RAMPART_BENCH_RSS_FILE and its CPU time (user + system, ms) to RAMPART_BENCH_CPU_FILE. CPU time is
// what the overhead figure uses: wall time is noisy on a shared machine.
process.on('exit', () => {
  const file = process.env.RAMPART_BENCH_RSS_FILE;
  if (file) require('fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  const cpu = process.env.RAMPART_BENCH_CPU_FILE;
  if (cpu) {
    const u = process.cpuUsage();
    require('fs').writeFileSync(cpu, String((u.user + u.system) / 1000));
  }
});
