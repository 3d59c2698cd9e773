"""A line echo server with asyncio streams: a coroutine per client, one thread.

What a Python student would write after learning async, used by the benchmark
(examples/bench.rs) as a peer of step11_async. Each line comes back to its client;
`exit` ends that client's session.

    python3 asyncio_echo.py [HOST [PORT]]     # prints `listening on HOST:PORT`
"""

import asyncio
import sys


async def echo(reader, writer):
    try:
        while line := await reader.readline():
            if line.rstrip(b"\r\n") == b"exit":
                break
            writer.write(line)
            await writer.drain()
    except (ConnectionError, ValueError):
        # ValueError: a line over the stream's limit (64 KiB by default).
        pass
    finally:
        writer.close()


async def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8888
    # The listen backlog, as for the other servers of the benchmark (default 100).
    server = await asyncio.start_server(echo, host, port, backlog=4096)
    bound_host, bound_port = server.sockets[0].getsockname()[:2]
    print(f"listening on {bound_host}:{bound_port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
