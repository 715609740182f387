"""What the system tests and the browser journeys share: a throwaway PostgreSQL 15, `shenbao`
processes on free ports (`Server`, the one way every script starts and stops the server), nginx in
front of them, a small HTTP client (standard library only) and the application that the
Swift fixtures fill (Tests/ShenbaoServerTests/Support/ApplicationFixtures.swift).

Every process is started by us, owned by us and stopped by its own pid; every file lives in a
temporary folder removed at the end (kept when SHENBAO_KEEP_TMP=1, to read the logs).
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from urllib.parse import urlencode, urlsplit

# `serve` finds its pages (Resources/Views) and static files (Public) in its working directory.
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
RECOMMENDER_COUNTY = "岳麓区科学技术协会"
RECOMMENDER_CITY = "长沙市科学技术协会"
PASSWORD = "Shenbao2025x"


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def crash_report(path, lines=80):
    """The start of a crash report in a server log (the message and the crashed thread's first
    frames), which a tail cuts off; empty when the log holds none."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.readlines()
    except OSError:
        return ""
    for index, line in enumerate(text):
        if "Fatal error" in line or "Program crashed" in line or "💣" in line:
            return "".join(text[max(0, index - 5):index + lines])
    return ""


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Workspace:
    """One temporary folder for a run; removed at the end unless SHENBAO_KEEP_TMP=1."""

    def __init__(self, prefix):
        self.path = tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.path, 0o755)  # nginx workers and PostgreSQL run as other users

    def sub(self, name):
        path = os.path.join(self.path, name)
        os.makedirs(path, exist_ok=True)
        return path

    def remove(self):
        if os.environ.get("SHENBAO_KEEP_TMP"):
            print(f"kept {self.path}")
        else:
            shutil.rmtree(self.path, ignore_errors=True)


# --- PostgreSQL ------------------------------------------------------------------------------


class Postgres:
    """A PostgreSQL 15 cluster in a temporary folder on a free port, as scripts/throwaway-postgres
    starts one; as root it runs as the `postgres` user (initdb refuses root). It holds a database
    `shenbao` owned by a login role `shenbao` that is not a superuser, as docs/deploy.md sets up."""

    def __init__(self, workspace, max_connections=100):
        self.dir = workspace.sub("pg")
        self.data = os.path.join(self.dir, "db")
        self.log = os.path.join(self.dir, "server.log")
        self.port = free_port()
        self.run = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.run = ["runuser", "-u", "postgres", "--"]
        self._call(["initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        self.options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                        f"-c max_connections={max_connections}")
        self._call(["pg_ctl", "-D", self.data, "-l", self.log, "-w", "-o", self.options, "start"])
        self.running = True
        self.psql("CREATE ROLE shenbao LOGIN PASSWORD 'shenbao'")
        self.psql("CREATE DATABASE shenbao OWNER shenbao")
        self.url = f"postgres://shenbao:shenbao@127.0.0.1:{self.port}/shenbao?sslmode=disable"

    def _call(self, argv, timeout=120):
        argv = self.run + [os.path.join(PG_BIN, argv[0])] + argv[1:]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd="/")
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}\n{tail(self.log)}")
        return result.stdout

    def psql(self, sql, database="postgres"):
        return self._call(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p", str(self.port),
                           "-U", "postgres", "-d", database, "-At", "-c", sql])

    def restart(self):
        """`pg_ctl restart -m fast`: every backend is ended, clients see their connections close."""
        self._call(["pg_ctl", "-D", self.data, "-l", self.log, "-w", "-m", "fast", "-o", self.options, "restart"])

    def stop(self):
        if self.running:
            self.running = False
            try:
                self._call(["pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"], timeout=60)
            except Exception as error:  # already gone
                print(f"note: stopping PostgreSQL: {error}")


# --- shenbao ---------------------------------------------------------------------------------


def shenbao_env(data_dir, database_url=None, schema=None, **extra):
    # One organisation plays a whole deadline day's applicants here: its draft and registration
    # limits (a real organisation's) would stop the load, not the server.
    env = dict(os.environ, SHENBAO_DATA_DIR=data_dir, SHENBAO_BCRYPT_COST="4", SHENBAO_MAX_DRAFTS="1000000",
               SHENBAO_REGISTRATIONS_PER_ADDRESS="100000")
    env.pop("DATABASE_URL", None)
    env.pop("SHENBAO_DATABASE_SCHEMA", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if schema:
        env["SHENBAO_DATABASE_SCHEMA"] = schema
    env.update({key: str(value) for key, value in extra.items()})
    return env


def cli(binary, env, *args, check=True, timeout=300):
    """Runs `shenbao ARGS`; returns (exit code, output)."""
    result = subprocess.run([binary, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    output = result.stdout + result.stderr
    if check and result.returncode != 0:
        raise AssertionError(f"shenbao {' '.join(args)} exited {result.returncode}:\n{output}")
    return result.returncode, output


def create_user(binary, env, username, role, organization=None):
    args = ["user", "create", "--username", username, "--password", PASSWORD, "--role", role,
            "--contact-name", username, "--phone", "13800000000", "--email", f"{username}@example.com"]
    if organization:
        args += ["--organization", organization]
    cli(binary, env, *args)


class Server:
    """`shenbao serve` on a free port, run from the repository's root (it reads Resources/Views and
    Public there), its output in a log file; stopped by its own pid."""

    def __init__(self, binary, env, log_dir, name, port=None):
        self.binary, self.env, self.name = binary, env, name
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = os.path.join(log_dir, f"{name}.log")
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        logfile = open(self.log, "a", encoding="utf-8")
        logfile.write(f"\n===== start {self.starts} =====\n")
        logfile.flush()
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=logfile, stderr=subprocess.STDOUT, cwd=REPO)
        logfile.close()
        return self

    def wait_ready(self, timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited {self.process.returncode}:\n{tail(self.log)}")
            try:
                if request("GET", self.base + "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} did not answer /healthz within {timeout}s:\n{tail(self.log)}")

    def output(self):
        """Everything the server printed since its first start."""
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def setup_link(self):
        """The one-time setup link `serve` prints while the system has no province account."""
        match = re.search(r"(http://\S+/setup/\S+)", self.output())
        if not match:
            raise AssertionError(f"{self.name} printed no setup link:\n{self.output()}")
        return match.group(1)

    def kill(self):
        """SIGKILL: no shutdown code runs, as when the machine loses power or the OOM killer strikes."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)

    def running(self):
        return self.process is not None and self.process.poll() is None


# --- nginx -----------------------------------------------------------------------------------

NGINX_CONF = """\
# Written by Tests/system/instances.py; docs/deploy.md shows the same proxy settings for production.
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 512; }}

http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    upstream shenbao {{
        # round-robin (nginx's default) over every instance
{servers}
        keepalive 32;
    }}

    server {{
        listen 127.0.0.1:{port};
        # Above SHENBAO_MAX_ATTACHMENT_MB (20): the server itself refuses a file too large, in Chinese.
        client_max_body_size 30m;

        location / {{
            proxy_pass http://shenbao;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # Replace, never append: Shenbao takes the first address of X-Forwarded-For.
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 300s;
            proxy_send_timeout 300s;
            # Test only: which instance answered.
            add_header X-Shenbao-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, workspace, upstream_ports):
        self.dir = workspace.sub("nginx")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.conf = os.path.join(self.dir, "nginx.conf")
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in upstream_ports)
        user = "user nobody nogroup;" if os.getuid() == 0 else ""
        with open(self.conf, "w") as f:
            f.write(NGINX_CONF.format(dir=self.dir, port=self.port, servers=servers, user=user))
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        # -e: the error log before the configuration is read (the default, /var/log/nginx, needs root).
        argv = [self.binary, "-c", self.conf, "-p", self.dir, "-e", os.path.join(self.dir, "error.log")]
        check = subprocess.run(argv + ["-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise AssertionError(f"nginx -t refused the configuration:\n{check.stderr}")
        with open(os.path.join(self.dir, "stderr.log"), "w") as stderr:
            self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if request("GET", self.base + "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"nginx did not start:\n{tail(os.path.join(self.dir, 'error.log'))}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful shutdown of master and workers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


# --- HTTP ------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def all(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    @property
    def ok(self):
        return 200 <= self.status < 300

    def __repr__(self):
        return f"<{self.status} {self.text[:300]!r}>"


def draft_saves(base):
    """`shenbao_draft_saves_total` from /metrics: where the saves so far found their draft, the
    instance's kept copy or the database (DraftCache), as {"kept": n, "database": n}."""
    text = request("GET", base + "/metrics").body.decode()
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r'^shenbao_draft_saves_total\{from="(\w+)"\} (\S+)$', text, re.M)}


def request(method, url, body=None, headers=None, timeout=30):
    """One request on a fresh connection, redirects not followed. Raises OSError (and
    http.client's errors, which are OSError or HTTPException) when there is no answer."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + ("?" + parts.query if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return Response(answer.status, answer.getheaders(), answer.read())
    except http.client.HTTPException as error:
        raise ConnectionError(f"{method} {url}: {error!r}") from error
    finally:
        connection.close()


def multipart(fields, files):
    """fields: {name: value}; files: {name: (filename, bytes, content type)} → (body, content type)."""
    boundary = "----shenbao" + uuid.uuid4().hex
    chunks = []
    for name, value in fields.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, content_type) in files.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f'Content-Type: {content_type}\r\n\r\n'.encode())
        chunks.append(data)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


class Api:
    """A bearer-token API client bound to one address (an instance or nginx)."""

    def __init__(self, base, token=None, timeout=30):
        self.base, self.token, self.timeout = base, token, timeout

    def at(self, base):
        return Api(base, self.token, self.timeout)

    def call(self, method, path, payload=None, headers=None, body=None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        return request(method, self.base + path, body=body, headers=headers, timeout=self.timeout)

    def expect(self, method, path, payload=None, status=None, **kwargs):
        response = self.call(method, path, payload, **kwargs)
        if (status is None and not response.ok) or (status is not None and response.status != status):
            raise AssertionError(f"{method} {self.base}{path} answered {response.status}: {response.text[:800]}")
        if response.body and (response.header("content-type") or "").startswith("application/json"):
            return response.json()
        return response

    def upload(self, application_id, kind, name, data):
        body, content_type = multipart({"kind": kind}, {"file": (name, data, "application/pdf")})
        return self.call("POST", f"/api/v1/applications/{application_id}/attachments", body=body,
                         headers={"Content-Type": content_type})


def login(base, username, password=PASSWORD):
    response = request("POST", base + "/api/v1/auth/login",
                       body=json.dumps({"username": username, "password": password}).encode(),
                       headers={"Content-Type": "application/json"})
    if response.status != 200:
        raise AssertionError(f"login {username} at {base} answered {response.status}: {response.text}")
    return Api(base, response.json()["token"])


class Browser:
    """Pages with a cookie jar, the way a browser without JavaScript uses them. Cookies are kept
    per name, not per port: one jar may visit several instances, as one browser visits one site."""

    def __init__(self):
        self.cookies = {}

    def _headers(self, extra=None):
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, response):
        for value in response.all("set-cookie"):
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if re.search(r"(?i)max-age=0|expires=thu, 01 jan 1970", value):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = cookie_value
        return response

    def get(self, url):
        return self._keep(request("GET", url, headers=self._headers()))

    def post_form(self, url, fields):
        body = urlencode(fields).encode()
        return self._keep(request("POST", url, body=body, headers=self._headers(
            {"Content-Type": "application/x-www-form-urlencoded"})))


def csrf_of(page):
    match = re.search(r'name="_csrf" value="([^"]+)"', page.text)
    if not match:
        raise AssertionError(f"no _csrf field in the page: {page.text[:500]}")
    return match.group(1)


# --- the application the Swift fixtures fill -------------------------------------------------


def registration(uscc="91430100MAE5UXKE2R", username="hongsi", name="湖南鸿斯科技有限公司"):
    """RegistrationTests.validJSON: a real Changsha company whose USCC passes GB 32100."""
    return {
        "organization": {
            "name": name, "uscc": uscc, "legalRepresentative": "张三",
            "address": "长沙市岳麓区麓谷大道1号", "postalCode": "410205", "phone": "0731-88886666",
            "nature": "enterprise", "applicantKind": "provincialInstitution", "divisionCode": "430104",
            "bankAccount": {"accountName": name, "bankName": "中国工商银行长沙麓谷支行",
                            "accountNumber": "1901001234567890123"},
        },
        "user": {"username": username, "password": PASSWORD, "contactName": "王五",
                 "phone": "13812345678", "email": "ws@example.com"},
    }


def conference_form(project_name="2025中德智能制造国际研讨会"):
    """ApplicationFixtures.conferenceForm as JSON."""
    return {
        "projectName": project_name,
        "period": {"start": "2025-06-01", "end": "2025-12-31"},
        "contactName": "王五", "contactPhone": "13812345678",
        "leader": "李明", "leaderTitle": "教授", "leaderPhone": "0731-88886666",
        "cooperationBasis": "与德国弗劳恩霍夫研究所合作十年，联合举办研讨会三次。",
        "partners": [{"name": "Fraunhofer IPA", "countryOrRegion": "DE"}],
        "cooperationContent": {"codes": ["hostSymposium"]},
        "fields": {"codes": ["advancedManufacturing"]},
        "mainContent": "举办为期三天的国际研讨会。",
        "expectedGoals": "形成合作备忘录两份。",
        "highlights": "首次在湘举办该主题会议。",
        "phases": [
            {"period": {"start": "2025-06-01", "end": "2025-08-31"}, "budgetYuan": 60000, "goal": "筹备"},
            {"period": {"start": "2025-09-01", "end": "2025-12-31"}, "budgetYuan": 90000, "goal": "举办"},
        ],
        "invitedExperts": [
            {"name": "Anna Schmidt", "countryOrRegion": "DE", "affiliation": "Fraunhofer IPA", "title": "教授"},
            {"name": "John Smith", "countryOrRegion": "US", "affiliation": "MIT", "title": "教授"},
            {"name": "陈大文", "countryOrRegion": "HK", "affiliation": "香港大学", "title": "教授"},
        ],
        "summaryContent": "举办中德智能制造国际研讨会。",
        "summaryBasis": "十年合作基础。",
        "eligibilityDeclarations": {"independentLegalPerson": True, "noSubcontracting": True,
                                    "teamAndControls": True, "lawCompliance": True},
        "commitment": {"accepted": True},
    }


def pdf_bytes(size, seed=None):
    """A file the server takes for a PDF (a PDF's first line and its %%EOF end), unique by its random body."""
    head = b"%PDF-1.4\n% shenbao system test " + (seed or uuid.uuid4().hex).encode() + b"\n"
    tail = b"\n%%EOF\n"
    return head + os.urandom(max(0, size - len(head) - len(tail))) + tail


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def county_id(api, application_id):
    """The 岳麓区 association among the routes this application may take."""
    routes = api.expect("GET", f"/api/v1/applications/{application_id}/recommenders")
    for route in routes:
        if route.get("name") == RECOMMENDER_COUNTY:
            return route["id"]
    raise AssertionError(f"{RECOMMENDER_COUNTY} is not among the routes: {routes}")


def ready_draft(api, project_name="2025中德智能制造国际研讨会"):
    """ApplicationFixtures.readyDraft: created, filled, the three required files uploaded."""
    created = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
    application_id = created["id"]
    api.expect("PATCH", f"/api/v1/applications/{application_id}", conference_form(project_name))
    for kind, name in [("signedScan", "扫描件.pdf"), ("nonConfidentiality", "非涉密证明.pdf"), ("evidence", "佐证材料.pdf")]:
        response = api.upload(application_id, kind, name, pdf_bytes(2000))
        if response.status != 201:
            raise AssertionError(f"upload {kind} answered {response.status}: {response.text}")
    return application_id
