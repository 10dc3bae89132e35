"""Benchmark `netscan serve` against SPEC §7; prints numbers, never pass/fail.

    python bench/serve.py

1. A typical export (`netscan sample --connections 1500 --messages 10000`) POSTed to a real
   `netscan serve` subprocess: time from the start of the POST to the last byte of the report
   (median of 5), then four POSTs at once (each one's time and the wall time for all four).
2. A fresh server's memory during a 150 MB upload refused at the default 100 MB cap, twice:
   with an honest Content-Length (refused before reading) and chunked with no length (refused
   while streaming, after the cap). Peak = the server's VmHWM (kernel high-water mark of RSS).
"""

from __future__ import annotations

import http.client
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BOUNDARY = "netscanBenchBoundary"
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, tmp: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "netscan", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={"TMPDIR": str(tmp), "PATH": "/usr/bin:/bin"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not start")


def form_action(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
        html = page.read().decode()
    found = re.search(r'action="(/analyze\?form_token=[^"]+)"', html)
    assert found, "no form on the page"
    return found.group(1)


def body_for(name: str, data: bytes) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="goal"\r\n\r\njob\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="export"; filename="{name}"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    ).encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def post(port: int, action: str, body: bytes) -> tuple[float, int, int]:
    """(seconds from the start of the POST to the last byte, status, bytes received)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", action, body=body, headers={
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    response = conn.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, response.status, len(data)


def vm(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def refused_upload(port: int, action: str, size: int, *, chunked: bool) -> tuple[int, int]:
    """Send a `size`-byte multipart body; stop when the answer comes. (status, bytes sent)."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="export"; filename="big.zip"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    ).encode()
    length = len(head) + size
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}"
    sock.sendall(
        f"POST {action} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n{framing}\r\n\r\n".encode()
    )
    block = b"\0" * (256 * 1024)
    sent = 0
    pieces = [head] + [block] * (size // len(block))
    answer = b""
    try:
        for piece in pieces:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            sent += len(piece)
    except OSError:
        pass  # the server closed the connection after answering
    sock.settimeout(10)
    try:
        while b"\r\n" not in answer:
            more = sock.recv(65536)
            if not more:
                break
            answer += more
    except OSError:
        pass
    sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, sent


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        uploads = tmp / "uploads"
        uploads.mkdir()
        export = tmp / "typical.zip"
        subprocess.run([sys.executable, "-m", "netscan", "sample", "--connections", "1500",
                        "--messages", "10000", "-o", str(export)], check=True,
                       stdout=subprocess.DEVNULL)
        body = body_for("typical.zip", export.read_bytes())
        print(f"typical export: {export.stat().st_size / MB:.1f} MB zip "
              "(1,500 connections, 10,000 messages)")

        port = free_port()
        server = start_server(port, uploads)
        try:
            action = form_action(port)
            post(port, action, body)  # warm-up: imports, first render
            times = []
            for _ in range(5):
                elapsed, status, size = post(port, action, body)
                assert status == 200, status
                times.append(elapsed)
            print(f"one upload, POST to last byte: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}; report {size / MB:.1f} MB)"
                  "  target < 3 s")
            results: list[tuple[float, int, int]] = []
            threads = [threading.Thread(target=lambda: results.append(post(port, action, body)))
                       for _ in range(4)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
            statuses = sorted(status for _, status, _ in results)
            each = ", ".join(f"{t:.2f}" for t, _, _ in sorted(results))
            print(f"four at once: statuses {statuses}, each {each} s, all answered in "
                  f"{wall:.2f} s (2 analyses run at once, 2 wait)")
        finally:
            server.terminate()
            server.wait(10)

        for chunked in (False, True):
            port = free_port()
            server = start_server(port, uploads)
            try:
                action = form_action(port)
                before = vm(server.pid, "VmRSS")
                status, sent = refused_upload(port, action, 150 * MB, chunked=chunked)
                time.sleep(0.2)
                peak = vm(server.pid, "VmHWM")
            finally:
                server.terminate()
                server.wait(10)
            how = "chunked, no length" if chunked else "Content-Length: 150 MB"
            print(f"150 MB upload refused at the 100 MB cap ({how}): status {status}, "
                  f"client got to send {sent / MB:.1f} MB; server RSS {before / MB:.0f} MB "
                  f"before, peak {peak / MB:.0f} MB (+{(peak - before) / MB:.1f} MB)")
        left = list(uploads.iterdir())
        print(f"upload folders left behind: {len(left)}")


if __name__ == "__main__":
    main()
