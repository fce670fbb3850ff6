import net from 'node:net';

/*
 * Listen ports for test daemons. A kernel-chosen port (listen on 0) comes from the ephemeral range and is
 * handed out again as soon as it is free; a Syncthing daemon in another test file (another vitest worker)
 * still dialling a stopped peer's old port then reaches this test's daemon, which rightly reports
 * PEER_UNKNOWN. So each worker takes ports from its own block below the ephemeral range (Linux 32768+,
 * macOS 49152+) and never hands the same port out twice in a process. Two whole suites run side by side on
 * one machine give one of them another range with SAKTA_TEST_PORT_BASE (e.g. 21000); the blocks then stay apart.
 */
const BLOCK = 1000;
const RANGE_START = Number(process.env.SAKTA_TEST_PORT_BASE ?? 10_000);
const BASE = RANGE_START + (Number(process.env.VITEST_POOL_ID ?? process.env.TEST_PARALLEL_INDEX ?? 0) % 10) * BLOCK;
const given = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free 127.0.0.1 port from this worker's block, not given out before in this process. */
export async function testPort(): Promise<number> {
  for (let tries = 0; tries < BLOCK; tries++) {
    const port = BASE + Math.floor(Math.random() * BLOCK);
    if (given.has(port)) continue;
    given.add(port);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port left in ${BASE}..${BASE + BLOCK - 1}`);
}
