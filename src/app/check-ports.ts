import { createServer } from 'node:net';
import { slackOverHttp, type Config } from '../config.js';
import { describeError, ErrorCode, TakeawaysError } from '../errors.js';
import { HEALTH_HOST } from '../ops/health.js';

interface WantedPort {
  key: 'PORT' | 'HEALTH_PORT';
  port: number;
  /** As the real server binds it: the health server on HEALTH_HOST, Bolt's receiver on every interface. */
  host?: string;
}

/** The ports this configuration will listen on; 0 (any free port) cannot clash. */
function wantedPorts(config: Config): WantedPort[] {
  const wanted: WantedPort[] = [];
  if (config.HEALTH_PORT) wanted.push({ key: 'HEALTH_PORT', port: config.HEALTH_PORT, host: HEALTH_HOST });
  if (slackOverHttp(config) && config.PORT !== 0) wanted.push({ key: 'PORT', port: config.PORT });
  return wanted;
}

function refuse({ key, port }: WantedPort, error: unknown): TakeawaysError {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE'
      ? `the port is already in use (EADDRINUSE); another process listens there. Stop it, or set ${key} to a free port.`
      : code === 'EACCES'
        ? `this user may not listen on the port (EACCES); ports below 1024 need privileges. Set ${key} to a port from 1024 up.`
        : `cannot listen on the port (${describeError(error)}).`;
  return new TakeawaysError(ErrorCode.ConfigInvalid, `${key}=${port}: ${message}`, { key, port }, { cause: error });
}

/**
 * Listens on each port the bot will use for a moment, so a clash is said naming its key before the content
 * is loaded (minutes for a large site), not as a bare EADDRINUSE once everything else has started.
 */
export async function checkPortsFree(config: Config): Promise<void> {
  for (const wanted of wantedPorts(config)) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(refuse(wanted, error)));
      server.listen(wanted.port, wanted.host, () => server.close(() => resolve()));
    });
  }
}
