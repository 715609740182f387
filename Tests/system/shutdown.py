#!/usr/bin/env python3
"""Graceful shutdown: SIGTERM lets the requests in flight finish.

`shenbao serve` on an empty data folder; an applicant starts uploading a 3 MiB scan on a raw
connection and has sent a third of it when the server gets SIGTERM (what systemd sends on
`systemctl stop` and on a redeploy). The server must stop accepting new connections, still read
the rest of that upload, answer it 201, and exit 0; started again, the attachment is there,
byte for byte. A second client with a keep-alive connection that sends nothing gets no answer
it did not ask for and does not hold the shutdown up. Then two hundred saves whose clients hung up at
once, and SIGTERM while they wait for the database: the server finishes them and exits 0.

Usage: Tests/system/shutdown.py --binary .build/debug/shenbao
Standard library only. About 10 s.
"""
import argparse
import json
import os
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    Server, Workspace, draft_saves, login, multipart, pdf_bytes, registration, request, sha256, shenbao_env, tail, crash_report)


SAVES = 200


def wait_for_a_save(server, timeout=30):
    """Until /metrics counts a draft saved, whichever way the save found it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if sum(draft_saves(server.base).values()) >= 1:
            return
        time.sleep(0.01)
    raise AssertionError(f"none of the saves was done within {timeout} s:\n{tail(server.log)}")


def read_response(sock, timeout=30):
    """The status and body of one HTTP/1.1 response with a Content-Length."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"the connection closed before an answer: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    started = time.time()
    workspace = Workspace("shenbao-shutdown-")
    try:
        env = shenbao_env(workspace.sub("data"))
        server = Server(binary, env, workspace.sub("logs"), "serve").start().wait_ready()
        response = request("POST", server.base + "/api/v1/registrations",
                           body=json.dumps(registration(), ensure_ascii=False).encode(),
                           headers={"Content-Type": "application/json"})
        assert response.status == 201, f"registration: {response}"
        api = login(server.base, "hongsi")
        draft = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)["id"]

        scan = pdf_bytes(3 * 1024 * 1024)
        body, content_type = multipart({"kind": "signedScan"}, {"file": ("扫描件.pdf", scan, "application/pdf")})
        head = (f"POST /api/v1/applications/{draft}/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {api.token}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        uploading = socket.create_connection(("127.0.0.1", server.port))
        uploading.sendall(head + body[: len(body) // 3])
        idle = socket.create_connection(("127.0.0.1", server.port))
        time.sleep(0.5)

        server.process.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        if not server.running():
            raise AssertionError(f"the server exited with an upload in flight:\n{crash_report(server.log)}{tail(server.log)}")
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
            raise AssertionError("a new connection was accepted after SIGTERM")
        except OSError:
            print("  after SIGTERM: new connections refused, the upload in flight goes on", flush=True)

        uploading.sendall(body[len(body) // 3:])
        try:
            status, answer = read_response(uploading)
        except (AssertionError, OSError) as error:
            raise AssertionError(f"{error}\n{tail(server.log, 400)}")
        uploading.close()
        if status != 201:
            raise AssertionError(f"the upload in flight was answered {status}: {answer[:400]!r}")
        attachment = json.loads(answer)
        print(f"  the upload sent across the SIGTERM was answered 201 ({attachment.get('name')})", flush=True)

        code = server.process.wait(timeout=30)
        idle.close()
        if code != 0:
            raise AssertionError(f"the server exited {code} after SIGTERM:\n{crash_report(server.log)}{tail(server.log)}")
        print("  the server then exited 0", flush=True)

        server.start().wait_ready()
        stored = api.call("GET", f"/api/v1/applications/{draft}/attachments/{attachment['id']}")
        if stored.status != 200 or sha256(stored.body) != sha256(scan):
            raise AssertionError(f"after the restart the attachment is {stored.status}, not the bytes sent")
        print("  started again: the attachment is there, byte for byte", flush=True)

        # Requests whose clients are gone still run to their end: two hundred saves sent on two hundred
        # connections that close at once (a load tester stopping, browsers closed), then SIGTERM
        # while they wait for the database. The databases close only after the last of them.
        saves = []
        for n in range(SAVES):
            patch = json.dumps({"mainContent": f"关机前的第{n}次保存"}, ensure_ascii=False).encode()
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall((f"PATCH /api/v1/applications/{draft} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          f"Authorization: Bearer {api.token}\r\nContent-Type: application/json\r\n"
                          f"Content-Length: {len(patch)}\r\n\r\n").encode() + patch)
            saves.append(sock)
        for sock in saves:
            sock.close()
        # SIGTERM once the first of them is saved, the rest still queued for the database: sent at
        # once, it could come before the server had taken any of the connections from the kernel,
        # and a connection never taken is never answered (nothing was acknowledged to lose).
        wait_for_a_save(server)
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=60)
        if code != 0:
            raise AssertionError(f"with saves in flight whose clients had gone, SIGTERM ended in {code}:\n"
                                 f"{crash_report(server.log)}{tail(server.log)}")
        server.start().wait_ready()
        saved = api.expect("GET", f"/api/v1/applications/{draft}", status=200)
        content = saved.get("mainContent") or ""
        if not content.startswith("关机前的第"):
            raise AssertionError(f"after two hundred saves and a restart the draft holds {content!r}")
        print(f"  two hundred saves from clients already gone, then SIGTERM: exit 0, the draft holds «{content}»",
              flush=True)
        server.stop()
    finally:
        workspace.remove()
    print(f"graceful shutdown test passed in {time.time() - started:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
