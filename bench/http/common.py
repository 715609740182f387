"""What the HTTP benchmarks share: the machine's description, a throwaway PostgreSQL 15, the
release `shenbao` started on loopback, a small HTTP client (standard library only), and the
application that the Swift fixtures fill (Tests/ShenbaoServerTests/Support/ApplicationFixtures.swift).

Every process is started here and stopped by its own pid; every file lives in a temporary folder.
"""
import contextlib
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(BENCH)
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")

# The system tests' client pieces and the complete conference application they use
# (ApplicationFixtures.conferenceForm).
sys.path.insert(0, os.path.join(REPO, "Tests", "system"))
from harness import conference_form, draft_saves, free_port, multipart, request, tail  # noqa: E402,F401
PASSWORD = "Bench2025x"
BCRYPT_COST = "4"
COUNTY = "岳麓区科学技术协会"
CITY = "长沙市科学技术协会"
PROVINCE = "湖南省科学技术协会"


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def machine():
    """Cores, CPU model (/proc/cpuinfo), memory, kernel, the load when we start."""
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_mb = 0
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                memory_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "cores": os.cpu_count(), "cpu": model, "memory_mb": memory_mb, "arch": platform.machine(),
        "kernel": platform.release(), "load_at_start": os.getloadavg(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def cpu_seconds(pid):
    """CPU time a process has used so far, user and system (utime + stime in /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # after "(comm)", which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time all processes on the machine have used so far (the first line of /proc/stat,
    everything but idle and iowait), to tell the server's share from its database's and the clients'."""
    with open("/proc/stat", encoding="utf-8") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def profiled(pid, name):
    """With SHENBAO_BENCH_PERF=DIR, the load inside is recorded by `perf record` (call graphs,
    999 Hz) on the server's process and summarised to DIR/NAME.txt: where the server's CPU time
    went, by function. Without it, nothing: the figures of a normal run are not disturbed."""
    folder = os.environ.get("SHENBAO_BENCH_PERF")
    if not folder or not shutil.which("perf"):
        yield
        return
    os.makedirs(folder, exist_ok=True)
    data = os.path.join(folder, f"{name}.data")
    recorder = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(pid), "-o", data],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)
        recorder.wait(timeout=60)
        with open(os.path.join(folder, f"{name}.txt"), "w") as summary:
            subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol", "-g", "none",
                            "--percent-limit", "0.3", "--stdio"], stdout=summary, stderr=subprocess.DEVNULL)
        log(f"    perf profile: {os.path.join(folder, name)}.txt")


def vm_rss_mb(pid):
    """Resident memory of a process (VmRSS in /proc/PID/status), in MB."""
    for line in open(f"/proc/{pid}/status", encoding="utf-8"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


# --- PostgreSQL ------------------------------------------------------------------------------


class Postgres:
    """A PostgreSQL 15 cluster in a temporary folder on a free port, as scripts/throwaway-postgres
    starts one (trust authentication, fsync off); as root it runs as `postgres` (initdb refuses root)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="shenbao-bench-pg.")
        self.data = os.path.join(self.dir, "db")
        self.log = os.path.join(self.dir, "server.log")
        self.port = free_port()
        self.run = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.run = ["runuser", "-u", "postgres", "--"]
        self._call(["initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=400 "
                   "-c fsync=off")
        self._call(["pg_ctl", "-D", self.data, "-l", self.log, "-w", "-o", options, "start"])
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres?sslmode=disable"

    def _call(self, argv, timeout=300, stdin=None):
        argv = self.run + [os.path.join(PG_BIN, argv[0])] + argv[1:]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd="/", input=stdin)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:6])} … failed:\n{result.stdout}{result.stderr}\n{tail(self.log)}")
        return result.stdout

    def psql(self, sql, timeout=900):
        """Runs SQL (one or more statements, in one transaction) and returns psql's unaligned output."""
        return self._call(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-h", self.dir, "-p", str(self.port),
                           "-U", "postgres", "-d", "postgres", "-At", "-F", "\t", "-f", "-"],
                          timeout=timeout, stdin=sql)

    def stop(self):
        try:
            self._call(["pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"], timeout=60)
        except Exception as error:
            log(f"note: stopping PostgreSQL: {error}")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- shenbao ---------------------------------------------------------------------------------


class Shenbao:
    """The release `shenbao` with its own data folder (SQLite) or the given DATABASE_URL."""

    def __init__(self, binary, database_url=None):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="shenbao-bench-data.")
        # The load's few organisations stand for thousands: their own limits are not measured here.
        self.env = dict(os.environ, SHENBAO_DATA_DIR=self.dir, SHENBAO_BCRYPT_COST=BCRYPT_COST,
                        SHENBAO_MAX_DRAFTS="1000000", SHENBAO_REGISTRATIONS_PER_ADDRESS="100000",
                        SHENBAO_MAX_ORGANIZATION_MB="100000",
                        # Every simulated applicant logs in from 127.0.0.1, and a login in flight
                        # counts as a failure of its address until it succeeds (LoginThrottle).
                        SHENBAO_LOGIN_MAX_FAILURES_PER_ADDRESS="10000")
        for key in ["DATABASE_URL", "SHENBAO_DATABASE_SCHEMA", "SHENBAO_SENDMAIL", "SHENBAO_METRICS_TOKEN"]:
            self.env.pop(key, None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.sqlite_path = None if database_url else os.path.join(self.dir, "shenbao.sqlite")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = os.path.join(self.dir, "serve.log")
        self.process = None

    def cli(self, *args, timeout=600):
        """`shenbao ARGS` from the repository (it finds Resources/ and Public/ there)."""
        result = subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True,
                                timeout=timeout, cwd=REPO)
        output = result.stdout + result.stderr
        if result.returncode != 0:
            raise RuntimeError(f"shenbao {' '.join(args[:3])} exited {result.returncode}:\n{output}")
        return output

    def create_user(self, username, role, organization=None):
        args = ["user", "create", "--username", username, "--password", PASSWORD, "--role", role,
                "--contact-name", username, "--phone", "13800000000", "--email", f"{username}@example.com"]
        if organization:
            args += ["--organization", organization]
        self.cli(*args)

    def start(self):
        logfile = open(self.log, "a", encoding="utf-8")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=logfile, stderr=subprocess.STDOUT, cwd=REPO)
        logfile.close()
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"shenbao serve exited {self.process.returncode}:\n{tail(self.log)}")
            try:
                if request("GET", self.base + "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"shenbao serve did not answer /healthz:\n{tail(self.log)}")

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def remove(self, keep_log_to=None):
        if keep_log_to and os.path.exists(self.log):
            shutil.copy(self.log, keep_log_to)
        shutil.rmtree(self.dir, ignore_errors=True)


# --- HTTP ------------------------------------------------------------------------------------


class Api:
    """A bearer-token client of one server."""

    def __init__(self, base, token=None):
        self.base, self.token = base, token

    def call(self, method, path, payload=None, body=None, headers=None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        return request(method, self.base + path, body=body, headers=headers, timeout=60)

    def expect(self, method, path, payload=None, status=None, **kwargs):
        response = self.call(method, path, payload, **kwargs)
        if (status is None and not response.ok) or (status is not None and response.status != status):
            raise RuntimeError(f"{method} {path} answered {response.status}: {response.text[:600]}")
        return response.json() if response.body else None

    def upload(self, application_id, kind, name, data):
        body, content_type = multipart({"kind": kind}, {"file": (name, data, "application/pdf")})
        return self.expect("POST", f"/api/v1/applications/{application_id}/attachments", body=body,
                           headers={"Content-Type": content_type}, status=201)


def login(base, username, password=PASSWORD):
    response = request("POST", base + "/api/v1/auth/login",
                       body=json.dumps({"username": username, "password": password}).encode(),
                       headers={"Content-Type": "application/json"})
    if response.status != 200:
        raise RuntimeError(f"login {username} answered {response.status}: {response.text}")
    return Api(base, response.json()["token"])


# --- the data the Swift fixtures use ---------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(n):
    """A distinct code that passes GB 32100 (check character included) for organisation number n,
    in 岳麓区 (430104) so that its division digits agree with the organisation's division."""
    body, rest = "", n
    for _ in range(9):
        body = USCC_ALPHABET[rest % 31] + body
        rest //= 31
    first17 = "91430104" + body
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return first17 + USCC_ALPHABET[(31 - total % 31) % 31]


def registration(n, username):
    """RegistrationTests.validJSON, with its own code, name and user."""
    name = f"湖南压测科技第{n:04d}有限公司"
    return {
        "organization": {
            "name": name, "uscc": uscc(n), "legalRepresentative": "张三",
            "address": "长沙市岳麓区麓谷大道1号", "postalCode": "410205", "phone": "0731-88886666",
            "nature": "enterprise", "applicantKind": "provincialInstitution", "divisionCode": "430104",
            "bankAccount": {"accountName": name, "bankName": "中国工商银行长沙麓谷支行",
                            "accountNumber": "1901001234567890123"},
        },
        "user": {"username": username, "password": PASSWORD, "contactName": "王五",
                 "phone": "13812345678", "email": f"{username}@example.com"},
    }


def conference_form_in_five_saves(project_name):
    """The complete form as five autosaves, the way an applicant fills it section by section."""
    form = conference_form(project_name)
    groups = [
        ["projectName", "period", "contactName", "contactPhone"],
        ["leader", "leaderTitle", "leaderPhone", "cooperationBasis", "partners"],
        ["cooperationContent", "fields", "mainContent", "expectedGoals", "highlights"],
        ["phases", "invitedExperts", "summaryContent", "summaryBasis"],
        ["eligibilityDeclarations", "commitment"],
    ]
    return [{key: form[key] for key in group} for group in groups]


_NOISE = bytearray()


def pdf_bytes(size, seed=None):
    """A file the server takes for a PDF (a PDF's first line and its %%EOF end), its own by the
    seed in its first line (so its SHA-256 too), its body random bytes: a real scan does not
    compress, so neither may this. The random bytes are drawn once and shared: drawing 2 MiB
    anew for each of the deadline day's 2,000 files cost the simulated applicants CPU the
    server, on the same two cores, then lacked."""
    head = b"%PDF-1.4\n% shenbao benchmark " + (seed or uuid.uuid4().hex).encode() + b"\n"
    tail = b"\n%%EOF\n"
    body = max(0, size - len(head) - len(tail))
    if len(_NOISE) < body:
        _NOISE.extend(os.urandom(body - len(_NOISE)))
    # One copy: `head + bytes(…) + tail` made three of 2 MiB each, on the machine the server uses.
    return b"".join((head, memoryview(_NOISE)[:body], tail))


def percentile(values, p):
    """Nearest-rank percentile of a list of numbers (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]
