"""Small HTTP servers on 127.0.0.1 that speak the Ollama and OpenAI wire formats, for the LLM tests."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Recorder:
    def __init__(self, models=("qwen2.5:3b",), words=("Bonjour", " [1]."), status: int = 200) -> None:
        self.models, self.words, self.status = list(models), list(words), status
        self.requests: list[tuple[str, dict]] = []


def _handler(recorder: Recorder):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _json(self, code: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            recorder.requests.append((self.path, {}))
            if self.path == "/api/tags":
                self._json(200, {"models": [{"name": m, "model": m} for m in recorder.models]})
            elif self.path == "/v1/models":
                self._json(200, {"data": [{"id": "local"}]})
            else:
                self._json(404, {"error": "not found"})

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
            recorder.requests.append((self.path, body))
            if self.path == "/api/chat":
                if body.get("model") not in recorder.models:
                    self._json(404, {"error": f"model '{body.get('model')}' not found"})
                    return
                self.send_response(recorder.status)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                for word in recorder.words:
                    line = {
                        "model": body["model"],
                        "created_at": "2026-12-02T00:00:00Z",
                        "message": {"role": "assistant", "content": word},
                        "done": False,
                    }
                    self.wfile.write((json.dumps(line) + "\n").encode())
                    self.wfile.flush()
                last = {
                    "model": body["model"],
                    "created_at": "2026-12-02T00:00:00Z",
                    "message": {"role": "assistant", "content": ""},
                    "done": True,
                    "done_reason": "stop",
                    "total_duration": 1,
                    "prompt_eval_count": 1,
                    "eval_count": len(recorder.words),
                }
                self.wfile.write((json.dumps(last) + "\n").encode())
            elif self.path == "/v1/chat/completions":
                if recorder.status != 200:
                    self._json(recorder.status, {"error": {"message": "boom"}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for word in recorder.words:
                    chunk = {"choices": [{"index": 0, "delta": {"content": word}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
            else:
                self._json(404, {"error": "not found"})

    return Handler


@contextmanager
def serve(recorder: Recorder):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
