"""A minimal Language Server Protocol client: enough to open a file in a real
yaml-language-server (the server VS Code's YAML extension runs) and read what it says."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path


class LanguageServer:
    def __init__(self, command: list[str], root: Path):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {
            "validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}})

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                return
            self.inbox.put(json.loads(out.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict) -> object:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        wanted = self.next_id
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, match, timeout: float = 30) -> dict:
        """The next message ``match`` accepts; the server's own requests are answered meanwhile."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # workspace/configuration, registerCapability
                items = message.get("params", {}).get("items")
                self._send({"id": message["id"], "result": [{}] * len(items) if items else None})
                continue
            if match(message):
                return message
        raise TimeoutError("the language server did not answer")

    def open(self, path: Path, text: str) -> list[dict]:
        """Open ``path`` holding ``text``; the diagnostics the editor would underline."""
        uri = path.absolute().as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        found = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri)
        return found["params"]["diagnostics"]

    def hover(self, path: Path, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {"textDocument": {"uri": path.absolute().as_uri()},
                                                     "position": {"line": line, "character": character}})
        return result["contents"]["value"] if result else ""

    def completion(self, path: Path, line: int, character: int) -> list[dict]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": path.absolute().as_uri()},
                                                          "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else result

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
