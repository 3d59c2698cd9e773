"""A line echo server with socketserver.ThreadingTCPServer: a thread per client.

What a Python student would write for many clients, used by the benchmark
(examples/bench.rs) as a peer of step8_threads. Each line comes back to its client;
`exit` ends that client's session.

    python3 threading_echo.py [HOST [PORT]]     # prints `listening on HOST:PORT`
"""

import socketserver
import sys


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            for line in self.rfile:
                if line.rstrip(b"\r\n") == b"exit":
                    break
                self.wfile.write(line)
        except ConnectionError:
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The listen backlog; the default, 5, would drop most of a thousand clients that
    # connect at once. The ladder's servers get the same in the benchmark.
    request_queue_size = 4096


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8888
    with Server((host, port), Echo) as server:
        bound_host, bound_port = server.server_address[:2]
        print(f"listening on {bound_host}:{bound_port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
