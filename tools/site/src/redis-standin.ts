import { createHash } from 'node:crypto';
import net from 'node:net';
import RedisMock from 'ioredis-mock';
import RedisParser from 'redis-parser';

/**
 * A Redis stand-in for machines that have no Redis at all (only Node.js and npm): a RESP server
 * on 127.0.0.1 whose keyspace is ioredis-mock's in-memory emulation (with Lua through fengari), so
 * every process of the local site — the four Next apps, the api, the sandbox — shares one store
 * over TCP exactly as with a real redis-server. `pnpm start` uses it only when there is no
 * REDIS_URL, no redis-server to start and nothing on 127.0.0.1:6379, and says so. Nothing is
 * kept on disk: sessions end when the site stops.
 *
 * Commands run one at a time in arrival order (MULTI … EXEC and EVAL are therefore atomic, as in
 * Redis). On top of the emulation this server answers what a client says around the data:
 * PING, QUIT, SELECT 0, CLIENT …, INFO (with role:master), SCRIPT LOAD/EXISTS/FLUSH, EVALSHA.
 * tools/site/test/redis-standin.test.ts runs the platform's command sequences and Lua scripts
 * against it and against a real redis-server and compares the answers.
 */
type Reply = string | number | null | Reply[] | ReplyError | { simple: string };

class ReplyError {
  constructor(readonly message: string) {}
}

function encode(reply: unknown): string {
  if (reply === null || reply === undefined || reply === false) return '$-1\r\n';
  if (reply === true) return ':1\r\n';
  if (reply instanceof ReplyError) return `-${reply.message.replace(/[\r\n]+/g, ' ')}\r\n`;
  if (typeof reply === 'object' && reply !== null && 'simple' in reply) {
    return `+${(reply as { simple: string }).simple}\r\n`;
  }
  if (typeof reply === 'number') return `:${Math.trunc(reply)}\r\n`;
  if (Array.isArray(reply)) return `*${reply.length}\r\n${reply.map(encode).join('')}`;
  const text = Buffer.isBuffer(reply) ? reply.toString() : String(reply);
  return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

function errorReply(error: unknown): ReplyError {
  const message = error instanceof Error ? error.message : String(error);
  // Redis errors start with a code (ERR, WRONGTYPE, NOSCRIPT …); keep one when present.
  return new ReplyError(/^[A-Z]{3,}\s/.test(message) ? message : `ERR ${message}`);
}

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');

export interface RedisStandin {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startRedisStandin(port: number, host = '127.0.0.1'): Promise<RedisStandin> {
  const store = new RedisMock() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const scripts = new Map<string, string>();
  let queue: Promise<void> = Promise.resolve();

  async function run(name: string, args: string[]): Promise<Reply> {
    switch (name) {
      case 'ping':
        return args.length > 0 ? args[0]! : { simple: 'PONG' };
      case 'select':
        return args[0] === '0' ? { simple: 'OK' } : new ReplyError('ERR the stand-in has database 0 only');
      case 'client':
        return (args[0] ?? '').toLowerCase() === 'getname' ? null : { simple: 'OK' };
      case 'info': {
        const info = String(await store.info!());
        return `${info}\r\n# Replication\r\nrole:master\r\nconnected_slaves:0\r\n`;
      }
      case 'script': {
        const sub = (args[0] ?? '').toLowerCase();
        if (sub === 'load') {
          scripts.set(sha1(args[1] ?? ''), args[1] ?? '');
          return sha1(args[1] ?? '');
        }
        if (sub === 'exists') return args.slice(1).map((s) => (scripts.has(s.toLowerCase()) ? 1 : 0));
        if (sub === 'flush') {
          scripts.clear();
          return { simple: 'OK' };
        }
        return new ReplyError(`ERR unknown SCRIPT subcommand '${args[0]}'`);
      }
      case 'eval':
        scripts.set(sha1(args[0] ?? ''), args[0] ?? '');
        return (await store.eval!(...args)) as Reply;
      case 'evalsha': {
        const script = scripts.get((args[0] ?? '').toLowerCase());
        if (script === undefined) return new ReplyError('NOSCRIPT No matching script. Please use EVAL.');
        return (await store.eval!(script, ...args.slice(1))) as Reply;
      }
      case 'watch':
      case 'unwatch':
        // Every command runs alone, in order: nothing can change a key between WATCH and EXEC
        // except this client's own commands.
        return { simple: 'OK' };
      default: {
        const command = store[name];
        if (typeof command !== 'function' || name.startsWith('_')) {
          return new ReplyError(`ERR unknown command '${name}' (the site's Redis stand-in)`);
        }
        const result = await command.apply(store, args);
        return result === 'OK' ? { simple: 'OK' } : (result as Reply);
      }
    }
  }

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let transaction: string[][] | null = null;
    const reply = (value: unknown) => {
      if (!socket.destroyed) socket.write(encode(value));
    };
    const handle = (command: string[]) => {
      const name = (command[0] ?? '').toLowerCase();
      const args = command.slice(1);
      if (name === 'quit') {
        reply({ simple: 'OK' });
        socket.end();
        return;
      }
      if (name === 'multi') {
        transaction = [];
        reply({ simple: 'OK' });
        return;
      }
      if (name === 'discard') {
        transaction = null;
        reply({ simple: 'OK' });
        return;
      }
      if (transaction !== null && name !== 'exec') {
        transaction.push(command);
        reply({ simple: 'QUEUED' });
        return;
      }
      const queued = transaction;
      transaction = null;
      queue = queue.then(async () => {
        if (name === 'exec') {
          if (queued === null) return reply(new ReplyError('ERR EXEC without MULTI'));
          const results: Reply[] = [];
          for (const [n, ...a] of queued) {
            results.push(await run((n ?? '').toLowerCase(), a).catch(errorReply));
          }
          return reply(results);
        }
        reply(await run(name, args).catch(errorReply));
      });
    };
    const parser = new RedisParser({
      returnReply: (command: unknown) => handle((command as unknown[]).map(String)),
      returnError: (error: Error) => reply(errorReply(error)),
      returnFatalError: () => socket.destroy(),
    });
    socket.on('data', (chunk) => parser.execute(chunk));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `redis://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
