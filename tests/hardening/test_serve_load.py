"""The preview server under load (issue 17, item 7), end to end through `vitrina serve`.

With 20 live-reload tabs, 50 slow clients (a request line sent a few bytes at a time) and
1,000 idle connections open, a page must still be answered within a second, and the tabs
must still be told to reload. cpp-httplib's 8 worker threads were each held by one stream
or one slow connection, so every other request waited (minutes with 1,000 connections).
The bound is about starvation, not speed: the fastest of three requests must answer
within 1 s and none may take 5 s (a starved server answers none of them in time).
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_serve_load.py
"""
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, TempCase  # noqa: E402

TABS, SLOW, IDLE = 20, 50, 1000


def get(port, path, timeout):
    """One HTTP/1.1 GET on a fresh connection; (status, body, seconds)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body, time.monotonic() - start


class ServeUnderLoad(unittest.TestCase):
    def setUp(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        need = TABS + SLOW + IDLE + 200
        if soft < need:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(need, 4096)), hard))
        if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < need:
            self.skipTest("not enough file descriptors for the test's connections")
        self.case = TempCase()
        self.sockets = []
        env = dict(os.environ, VITRINA_LANG="en", NO_COLOR="1")
        self.proc = subprocess.Popen([BIN, "serve", "--quiet", "--port", "0", "--site", str(self.case.site)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        line = self.proc.stdout.readline().decode()
        self.assertIn("127.0.0.1:", line, "serve did not start")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])

    def tearDown(self):
        for s in self.sockets:
            s.close()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.case.cleanup()

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        self.sockets.append(s)
        return s

    def test_a_page_answers_within_a_second_under_load(self):
        status, body, _ = get(self.port, "/programmes/alpha/", timeout=30)
        self.assertEqual(status, 200)
        tabs = []
        for _ in range(TABS):
            s = self.connect()
            s.sendall(b"GET /__vitrina/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            tabs.append(s)
        slow = []
        for _ in range(SLOW):
            s = self.connect()
            s.sendall(b"GET /programmes/alpha/ HT")  # and then a byte now and then
            slow.append(s)
        for _ in range(IDLE):
            self.connect()
        time.sleep(0.5)
        for s in slow:
            s.sendall(b"T")

        times = []
        for _ in range(3):
            try:
                status, body, seconds = get(self.port, "/programmes/alpha/", timeout=5)
            except (socket.timeout, ConnectionError) as e:
                self.fail(f"a page request under load failed: {e!r} (after {times})")
            self.assertEqual(status, 200)
            self.assertIn("/__vitrina/events".encode(), body)
            times.append(seconds)
        self.assertLess(min(times), 1.0, f"page request times under load: {times}")

        # The tabs are still served: a change reaches every one of them.
        for s in tabs:
            s.settimeout(0.05)
            try:
                while s.recv(65536):
                    pass
            except (socket.timeout, BlockingIOError):
                pass
        prog = self.case.site / "data/programmes/alpha/programme.json"
        prog.write_text(prog.read_text(encoding="utf-8").replace("Альфа", "Бета", 1), encoding="utf-8")
        deadline = time.monotonic() + 60
        reloaded = 0
        for s in tabs:
            got = b""
            while b"event: reload" not in got and time.monotonic() < deadline:
                s.settimeout(max(0.1, deadline - time.monotonic()))
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    break
                if not chunk:
                    break
                got += chunk
            reloaded += b"event: reload" in got
        self.assertEqual(reloaded, TABS, "every open tab must be told to reload")


if __name__ == "__main__":
    unittest.main()
