#!/usr/bin/env python3
"""The paths benchmark's HTTP server: serves the files of one directory over HTTP/1.0.

usage: httpserver.py IP PORT DIR

One thread per connection. TCP_NODELAY is set and a small response (headers and body) leaves in
one send(), so that no Nagle / delayed-ACK stall (about 40 ms) shows up in the small-GET
latencies. Large files go out with sendfile(). Refuses to bind outside 127.0.0.0/8, except in a
testbed host's network namespace (/run/netns/jt*: bench/wan/run.sh).
"""
import os
import socket
import socketserver
import sys

SMALL = 256 * 1024


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(60)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = sock.recv(4096)
            if not chunk:
                return
            head += chunk
        try:
            method, target, _ = head.split(b"\r\n", 1)[0].decode("ascii").split(" ", 2)
        except ValueError:
            return
        name = os.path.basename(target.split("?", 1)[0])
        path = os.path.join(self.server.root, name)
        if method != "GET" or not name or not os.path.isfile(path):
            sock.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        size = os.path.getsize(path)
        header = ("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n"
                  "Content-Length: %d\r\nConnection: close\r\n\r\n" % size).encode("ascii")
        with open(path, "rb") as f:
            if size <= SMALL:
                sock.sendall(header + f.read())
            else:
                sock.sendall(header)
                sock.sendfile(f)
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 64


def in_own_netns():
    """True when this process runs in a testbed's namespace (one named jt..., see TESTBED.md)."""
    try:
        own = os.stat("/proc/self/ns/net")
        for name in os.listdir("/run/netns"):
            if name.startswith("jt"):
                st = os.stat(os.path.join("/run/netns", name))
                if (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino):
                    return True
    except OSError:
        pass
    return False


def main():
    ip, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if not ip.startswith("127.") and not in_own_netns():
        sys.exit("httpserver.py: refusing to listen outside 127.0.0.0/8")
    server = Server((ip, port), Handler)
    server.root = root
    server.serve_forever()


if __name__ == "__main__":
    main()
