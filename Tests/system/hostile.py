#!/usr/bin/env python3
"""Hostile input against the real server: schemathesis generates requests from /openapi.json for
every operation, signed in as each role and as nobody, and checks that no answer is a server
error; then hand-made attacks — lying file types, polyglots, a zip bomb in a .docx, path tricks
in file names, a megabyte in every text field of the form, invalid UTF-8, injection strings —
each get a clear 4xx or come back escaped.

Usage: python3 Tests/system/hostile.py --binary PATH [--examples N]
Needs: pip install schemathesis
"""
import argparse
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

PASSWORD = "Hostile2025x"


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class Server:
    def __init__(self, binary):
        self.binary = binary
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="shenbao-hostile-")
        self.env = dict(os.environ, SHENBAO_DATA_DIR=self.data, SHENBAO_BCRYPT_COST="4",
                        SHENBAO_LOGIN_MAX_FAILURES="1000", SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS="100000")
        self.env.pop("DATABASE_URL", None)
        subprocess.run([binary, "migrate"], env=self.env, check=True, capture_output=True)
        self.log = open(os.path.join(self.data, "server.log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("server did not start")

    def user(self, username, role, organization=None):
        command = [self.binary, "user", "create", "--username", username, "--password", PASSWORD, "--role", role]
        if organization:
            command += ["--organization", organization]
        subprocess.run(command, env=self.env, check=True, capture_output=True)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def request(self, method, path, body=None, token=None, headers=None):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def login(self, username):
        status, body = self.request("POST", "/api/v1/auth/login",
                                    json.dumps({"username": username, "password": PASSWORD}).encode(),
                                    headers={"Content-Type": "application/json"})
        assert status == 200, body
        return json.loads(body)["token"]


def multipart(fields, file_name, content, content_type="application/octet-stream"):
    boundary = "----shenbao-hostile"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def schemathesis(server, tokens, examples):
    """Every operation as every role: not one server error. One worker: hypothesis' generation
    in several threads trips a CPython 3.11 parser bug ("AST constructor recursion depth")."""
    failures = []
    for role, token in tokens.items():
        command = [
            "schemathesis", "run", server.base + "/openapi.json", "--checks", "not_a_server_error",
            "--phases", "examples,coverage,fuzzing", "--max-examples", str(examples), "--workers", "1",
            "--no-color", "--suppress-health-check", "all", "--warnings", "off",
        ]
        if token:
            command += ["-H", f"Authorization: Bearer {token}"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        summary = [line for line in run.stdout.splitlines() if re.search(r"passed|failed|error", line, re.I)][-3:]
        print(f"schemathesis as {role}: exit {run.returncode}; " + " | ".join(summary))
        if run.returncode != 0:
            failures.append((role, run.stdout[-4000:]))
    return failures


def attacks(server, token):
    """Hand-made hostile inputs, each refused with a clear 4xx or shown back escaped."""
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    status, body = server.request("POST", "/api/v1/applications", json.dumps({"category": "conference"}).encode(),
                                  token, {"Content-Type": "application/json"})
    expect(status == 201, f"create draft: {status} {body[:200]}")
    draft = json.loads(body)["id"]

    # Files that lie about what they are.
    exe = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    polyglot = b"%PDF-1.4\n" + b"<html><script>alert(1)</script></html>"  # not a PDF after its header
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (200 * 1024 * 1024))
    cases = [
        ("virus.pdf", exe, "an executable named .pdf"),
        ("scan.pdf", polyglot, "a PDF header over HTML"),
        ("form.docx", bomb.getvalue(), "a zip bomb in a .docx"),
        ("../../etc/passwd.pdf", exe, "a path in the file name"),
    ]
    for name, content, what in cases:
        body, content_type = multipart({"kind": "signedScan"}, name, content)
        status, answer = server.request("POST", f"/api/v1/applications/{draft}/attachments", body, token,
                                        {"Content-Type": content_type})
        expect(400 <= status < 500, f"{what}: {status} {answer[:200]}")
    status, listing = server.request("GET", f"/api/v1/applications/{draft}/attachments", token=token)
    expect(status == 200 and json.loads(listing) == [], f"refused uploads left nothing behind: {listing[:200]}")

    # A real PDF whose name tries to leave its folder keeps only its base name.
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    body, content_type = multipart({"kind": "signedScan"}, "..\\..\\evil/<b>scan</b>.pdf", pdf, "application/pdf")
    status, answer = server.request("POST", f"/api/v1/applications/{draft}/attachments", body, token,
                                    {"Content-Type": content_type})
    if status == 201:
        name = json.loads(answer).get("fileName", "")
        expect("/" not in name and "\\" not in name and ".." not in name, f"file name cleaned: {name}")
    else:
        expect(400 <= status < 500, f"tricky file name: {status}")

    # Invalid UTF-8 and broken JSON.
    status, _ = server.request("PATCH", f"/api/v1/applications/{draft}", b'{"projectName": "\xff\xfe"}', token,
                               {"Content-Type": "application/json"})
    expect(400 <= status < 500, f"invalid UTF-8: {status}")
    status, _ = server.request("PATCH", f"/api/v1/applications/{draft}", b'{"projectName": ', token,
                               {"Content-Type": "application/json"})
    expect(status == 400, f"broken JSON: {status}")

    # A megabyte in every text field of the form: refused by its name, nothing stored.
    megabyte = "长" * 350_000
    for field in ["projectName", "contactName", "contactPhone", "leader", "leaderTitle", "leaderPhone",
                  "cooperationBasis", "mainContent", "expectedGoals", "highlights", "summaryContent", "summaryBasis"]:
        status, answer = server.request("PATCH", f"/api/v1/applications/{draft}", json.dumps({field: megabyte}).encode(),
                                        token, {"Content-Type": "application/json"})
        expect(status == 422 and field.encode() in answer, f"1 MB in {field}: {status} {answer[:200]}")
    status, body = server.request("GET", f"/api/v1/applications/{draft}", token=token)
    expect(status == 200 and len(body) < 100_000, f"nothing of the megabytes was stored ({len(body)} bytes)")

    # Injection strings are stored as text and shown back escaped.
    hostile = "'; DROP TABLE applications; -- <script>alert('x')</script>"
    status, _ = server.request("PATCH", f"/api/v1/applications/{draft}", json.dumps({"projectName": hostile}).encode(),
                               token, {"Content-Type": "application/json"})
    expect(status == 200, f"injection string saved as text: {status}")
    status, page = server.request("GET", "/api/v1/applications?status=" + urllib.parse.quote("' OR 1=1 --"), token=token)
    expect(400 <= status < 500 or status == 200, f"injection in a filter: {status}")
    status, body = server.request("GET", f"/api/v1/applications/{draft}", token=token)
    expect(json.loads(body)["projectName"] == hostile, "the text comes back as typed")
    return problems, draft


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--examples", type=int, default=10)
    args = parser.parse_args()
    server = Server(args.binary)
    try:
        # One user per role; the applicant registers its organisation as the public does.
        registration = {
            "organization": {
                "name": "湖南鸿斯科技有限公司", "uscc": "91430100MAE5UXKE2R", "legalRepresentative": "张三",
                "address": "长沙市岳麓区麓谷大道1号", "postalCode": "410205", "divisionCode": "430104",
                "nature": "enterprise", "applicantKind": "provincialInstitution", "phone": "0731-88886666",
                "bankAccount": {"accountName": "湖南鸿斯科技有限公司", "bankName": "中国工商银行长沙麓谷支行",
                                "accountNumber": "1901001234567890123"},
            },
            "user": {"username": "hongsi", "password": PASSWORD, "contactName": "李四", "phone": "13912345678",
                     "email": "lisi@hongsi.cn"},
        }
        status, body = server.request("POST", "/api/v1/registrations", json.dumps(registration).encode(),
                                      headers={"Content-Type": "application/json"})
        assert status == 201, body.decode()
        server.user("sheng", "province")
        server.user("caiwu", "finance")
        server.user("zhuanjia", "expert")
        server.user("yuelu", "recommender", "岳麓区科学技术协会")
        tokens = {"nobody": None}
        for role, username in [("applicant", "hongsi"), ("recommender", "yuelu"), ("province", "sheng"),
                               ("finance", "caiwu"), ("expert", "zhuanjia")]:
            tokens[role] = server.login(username)
        problems, _ = attacks(server, tokens["applicant"])
        for problem in problems:
            print("FAILED:", problem)
        failures = schemathesis(server, tokens, args.examples)
        for role, output in failures:
            print(f"--- schemathesis as {role} ---\n{output}")
        if problems or failures:
            sys.exit(1)
        print("hostile input: no server error; every attack refused or escaped")
    finally:
        server.stop()
        shutil.rmtree(server.data, ignore_errors=True)


if __name__ == "__main__":
    main()
