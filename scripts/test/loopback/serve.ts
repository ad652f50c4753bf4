/**
 * Runs a loopback server with the Bulk API 2.0 ingest endpoints in its own process (the load
 * benchmark uses it so the server's work is not counted as the loader's). Prints one JSON line
 * `{"url": …, "accessToken": …}` on stdout when listening; stops on SIGTERM or when stdin closes.
 *
 * @module
 */
import { installBulkIngest } from './bulk-ingest.js';
import { startLoopback } from './server.js';

const server = await startLoopback({ accessToken: 'bench-token' });
const state = installBulkIngest(server, { inProgressPolls: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url, accessToken: server.accessToken })}\n`);

const stop = async (): Promise<void> => {
  await server.stop();
  state.dispose();
  const usage = process.resourceUsage();
  process.stderr.write(
    `loopback: peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MB, ` +
      `CPU ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(2)} s\n`
  );
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
