#!/usr/bin/env python3
"""The three GitHub REST answers `rungates github` needs, on 127.0.0.1, for timing the container to "status posted".

Not a test double for correctness (tests/RunGates.GitHub.Tests has the schema-checking server); it only answers, and
prints one line per request with the time it arrived, so bench/action/run.sh can see when the status landed.
Usage: github-stub.py PORT
"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer


class Stub(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        print(f"{time.time():.3f} {self.command} {self.path.split('?')[0]} {status}", flush=True)

    def do_GET(self):
        self._answer(200, {"total_count": 0, "check_runs": []})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if "/check-runs" in self.path:
            self._answer(201, {"id": 1, "html_url": f"http://127.0.0.1:{self.server.server_port}/acme/helios/runs/1", "output": {"annotations_count": 0}})
        else:
            self._answer(201, {"id": 1, "state": "success", "context": "rungates/helios"})

    do_PATCH = do_POST

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
