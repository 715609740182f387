#!/usr/bin/env python3
"""Hostile input against the real server: schemathesis generates requests from /openapi.json for
every operation, signed in as each role and as nobody, and checks that no answer is a server
error; then hand-made attacks — lying file types, polyglots, a zip bomb in a .docx, path tricks
in file names, a megabyte in every text field of the form, invalid UTF-8, injection strings —
each get a clear 4xx or come back escaped.

Then the boundary values by hand (Int.max, Int.min, 1e300, lists past their limits, in every
number and list the findings named) while /livez keeps answering, and the races: forty parallel
wrong passwords for one account, thirty parallel registrations from one address against a limit
of five (objections share the same counter, RateLimit), six parallel uses of the one-time setup
link: each limit holds exactly.

Usage: python3 Tests/system/hostile.py --binary PATH [--examples N]
Needs: pip install schemathesis
"""
import argparse
import concurrent.futures
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import cli  # noqa: E402

PASSWORD = "Hostile2025x"


class Server:
    """A server of hostile input's own, started through the harness: SQLite in a temporary folder,
    the login and registration limits raised out of the way (or set by `limits`)."""

    def __init__(self, binary, **limits):
        self.binary = binary
        self.data = tempfile.mkdtemp(prefix="shenbao-hostile-")
        settings = {"SHENBAO_LOGIN_MAX_FAILURES": "1000", "SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000",
                    "SHENBAO_REGISTRATIONS_PER_ADDRESS": "100000"}
        settings.update(limits)
        self.env = dict(os.environ, SHENBAO_DATA_DIR=self.data, SHENBAO_BCRYPT_COST="4", **settings)
        self.env.pop("DATABASE_URL", None)
        self.env.pop("SHENBAO_DATABASE_SCHEMA", None)
        cli(binary, self.env, "migrate")
        self.server = harness.Server(binary, self.env, self.data, "server").start().wait_ready()
        self.base = self.server.base

    def user(self, username, role, organization=None):
        command = ["user", "create", "--username", username, "--password", PASSWORD, "--role", role]
        if organization:
            command += ["--organization", organization]
        cli(self.binary, self.env, *command)

    def stop(self):
        self.server.stop()

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


INT_MAX = 9223372036854775807


def boundaries(server, tokens, draft):
    """The numbers that once stopped the server, and their kin: each a clear 4xx, the server alive."""
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    json_headers = {"Content-Type": "application/json"}
    applicant, province = tokens["applicant"], tokens["province"]
    for query in [f"page={INT_MAX}", f"page=-{INT_MAX}", "page=0", f"per={INT_MAX}", "per=-1",
                  "page=99999999999999999999", "page=1e300"]:
        status, body = server.request("GET", "/api/v1/applications?" + query, token=applicant)
        expect(400 <= status < 500, f"list with {query}: {status} {body[:200]}")
    for number in [INT_MAX, -INT_MAX - 1, 1e300, -1]:
        plan = {"criteria": [{"code": "a", "name": "甲", "maxPoints": number},
                             {"code": "b", "name": "乙", "maxPoints": number}], "totalBudgetYuan": number,
                "expertsPerApplication": number, "priorityRule": "bonus", "priorityBonusMax": number}
        status, body = server.request("PUT", "/api/v1/calls/2025/review-plan", json.dumps(plan).encode(), province,
                                      json_headers)
        expect(400 <= status < 500, f"review plan with {number}: {status} {body[:200]}")
        decisions = [{"applicationId": draft, "funded": True, "amountYuan": number}] * 3
        status, body = server.request("PUT", "/api/v1/calls/2025/decisions", json.dumps(decisions).encode(), province,
                                      json_headers)
        expect(400 <= status < 500, f"decisions with {number}: {status} {body[:200]}")
        form = {"phases": [{"budgetYuan": number}, {"budgetYuan": number}]}
        status, body = server.request("PATCH", f"/api/v1/applications/{draft}", json.dumps(form).encode(), applicant,
                                      json_headers)
        expect(400 <= status < 500, f"phase budgets of {number}: {status} {body[:200]}")
    # 50,000 partners (750 KB): refused when written, in well under a second of the server's time.
    partners = [{"name": f"P{i}", "countryOrRegion": "DE"} for i in range(50_000)]
    started = time.monotonic()
    status, body = server.request("PATCH", f"/api/v1/applications/{draft}", json.dumps({"partners": partners}).encode(),
                                  applicant, json_headers)
    expect(status == 422 and "合作单位最多50个".encode() in body, f"50,000 partners: {status} {body[:200]}")
    print(f"50,000 partners refused in {time.monotonic() - started:.2f} s")
    status, _ = server.request("GET", "/livez")
    expect(status == 200, f"/livez after the boundary values: {status}")
    return problems


def uscc(serial):
    """A USCC that passes GB 32100's check character: 9143 0100 + a serial organisation code."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = "91430100" + f"{serial:09d}"[-9:]
    check = (31 - sum(alphabet.index(c) * w for c, w in zip(body, weights)) % 31) % 31
    return body + alphabet[check]


def races(binary):
    """Limits under parallel requests, on a server with the default limits."""
    problems = []
    server = Server(binary, SHENBAO_LOGIN_MAX_FAILURES="5", SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS="20",
                    SHENBAO_REGISTRATIONS_PER_ADDRESS="5")
    try:
        match = re.search(r"/setup/([A-Za-z0-9_-]+)", server.server.output())
        setup_link = match.group(1) if match else None
        server.user("zhuanjia", "expert")

        def parallel(count, work):
            with concurrent.futures.ThreadPoolExecutor(count) as pool:
                return list(pool.map(work, range(count)))

        login = json.dumps({"username": "zhuanjia", "password": "wrong-password"}).encode()
        statuses = parallel(40, lambda _: server.request("POST", "/api/v1/auth/login", login,
                                                         headers={"Content-Type": "application/json"})[0])
        checked = statuses.count(401)
        print(f"40 parallel wrong passwords: {checked} checked, {statuses.count(429)} refused at once")
        if checked > 5 or statuses.count(429) + checked != 40:
            problems.append(f"login limit of 5 under a race: {sorted(statuses)}")

        def register(index):
            body = {
                "organization": {
                    "name": f"湖南测试单位{index}", "uscc": uscc(100 + index), "legalRepresentative": "张三",
                    "address": "长沙市岳麓区麓谷大道1号", "postalCode": "410205", "divisionCode": "430104",
                    "nature": "enterprise", "applicantKind": "provincialInstitution", "phone": "0731-88886666",
                    "bankAccount": {"accountName": f"湖南测试单位{index}", "bankName": "中国工商银行长沙麓谷支行",
                                    "accountNumber": "1901001234567890123"},
                },
                "user": {"username": f"race{index}", "password": PASSWORD, "contactName": "李四",
                         "phone": "13912345678", "email": "lisi@example.com"},
            }
            return server.request("POST", "/api/v1/registrations", json.dumps(body).encode(),
                                  headers={"Content-Type": "application/json"})
        answers = parallel(30, register)
        created = [status for status, _ in answers].count(201)
        print(f"30 parallel registrations from one address: {created} created")
        if created != 5 or any(status not in (201, 429) for status, _ in answers):
            problems.append(f"registration limit of 5 under a race: {[(s, b[:120]) for s, b in answers if s != 201][:3]}")

        if setup_link is None:
            problems.append("serve printed no setup link")
        else:
            def use_link(index):
                browser = Browser()
                page = browser.request("GET", f"/setup/{setup_link}")
                csrf = re.search(rb'name="_csrf" value="([^"]+)"', page[1])
                fields = {"username": f"admin{index}", "password": f"Admin2025x{index}", "contactName": "李嘉玮",
                          "phone": "0731-84884381", "email": "hnkxgjb@126.com",
                          "_csrf": csrf.group(1).decode() if csrf else ""}
                return browser.request("POST", f"/setup/{setup_link}", urllib.parse.urlencode(fields).encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})[0]

            class Browser:
                def __init__(self):
                    self.cookie = None

                def request(self, method, path, body=None, headers=None):
                    headers = dict(headers or {})
                    if self.cookie:
                        headers["Cookie"] = self.cookie
                    opener = urllib.request.build_opener(NoRedirect)
                    req = urllib.request.Request(server.base + path, data=body, method=method, headers=headers)
                    try:
                        response = opener.open(req, timeout=60)
                    except urllib.error.HTTPError as error:
                        response = error
                    cookie = response.headers.get("Set-Cookie")
                    if cookie and cookie.startswith("shenbao_session="):
                        self.cookie = cookie.split(";", 1)[0]
                    return response.status if hasattr(response, "status") else response.code, response.read()

            statuses = parallel(6, use_link)
            print(f"6 parallel uses of the setup link: {statuses}")
            if statuses.count(303) != 1:
                problems.append(f"setup link used more than once: {statuses}")
    finally:
        server.stop()
        shutil.rmtree(server.data, ignore_errors=True)
    return problems


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


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
        problems, draft = attacks(server, tokens["applicant"])
        problems += boundaries(server, tokens, draft)
        failures = schemathesis(server, tokens, args.examples)
        problems += races(args.binary)
        for problem in problems:
            print("FAILED:", problem)
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
