"""The loads: wrk for the steady ones (hello-world ceiling, save, open, the province's list), an
asyncio client for submitting (each submit needs its own complete draft) and for the deadline
day (2,000 applicants logging in, saving five times, uploading a 2 MiB PDF and submitting)."""
import asyncio
import json
import os
import re
import resource
import socket
import subprocess
import tempfile
import time

import aiohttp

try:  # the simulated clients' event loop in C: less of the machine's CPU for them (RESULTS.md)
    import uvloop
except ImportError:
    uvloop = None

from common import PASSWORD, draft_saves, profiled, conference_form_in_five_saves, cpu_seconds, log, machine_busy_seconds, pdf_bytes, percentile, request

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


# --- wrk ---------------------------------------------------------------------------------------


def parse_wrk(output):
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * UNITS_MS[unit]
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for p in ["50", "75", "90", "99"]:
        match = re.search(rf"^\s+{p}%\s+(\S+)", output, re.M)
        result[f"p{p}_ms"] = ms(match.group(1)) if match else None
    match = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    result["requests"] = int(match.group(1))
    if result["requests"] == 0:  # nothing answered within wrk's timeout: no latency to speak of
        result.update(p50_ms=None, p75_ms=None, p90_ms=None, p99_ms=None)
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(map(int, match.groups())) if match else 0
    return result


def wrk(base, path, script=None, args=(), duration=15, connections=64, threads=2):
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", "--timeout", "10s"]
    if script:
        argv += ["-s", os.path.join(HERE, "wrk", script)]
    argv.append(base + path)
    if args:
        argv += ["--", *map(str, args)]
    output = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=duration + 120).stdout
    result = parse_wrk(output)
    result["raw"] = output
    return result


def single_writes(base):
    """`shenbao_sqlite_single_writes_total` from /metrics: single statements SQLite's writer
    committed in a group with others or alone (GroupCommit), as {"grouped": n, "alone": n}."""
    text = request("GET", base + "/metrics").body.decode()
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r'^shenbao_sqlite_single_writes_total\{committed="(\w+)"\} (\S+)$', text, re.M)}


def settle(server, seconds=3):
    """Lets the server finish what the last load left queued before the next one starts."""
    time.sleep(seconds)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            request("GET", server.base + "/healthz", timeout=30)
        except OSError:
            pass
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(1)


def server_cpu_ms(server, before, requests):
    """The server's CPU time per request since `before` (its cpu_seconds), in ms. Unlike req/s it
    hardly moves when other processes share the machine, so runs compare by it."""
    return (cpu_seconds(server.pid) - before) * 1000 / requests if requests else None


def measured(server, name, path, script, args, duration, connections, threads):
    settle(server)
    log(f"  wrk {name}: {connections} connections, {threads} threads, {duration} s")
    before = cpu_seconds(server.pid)
    with profiled(server.pid, name.replace(" ", "-")):
        r = wrk(server.base, path, script, args, duration, connections, threads)
    r["cpu_ms"] = server_cpu_ms(server, before, r["requests"])
    log(f"    {r['rps']:.0f} req/s, p50 {r['p50_ms'] or 0:.2f} ms, p99 {r['p99_ms'] or 0:.2f} ms, "
        f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}, server CPU {r['cpu_ms'] or 0:.2f} ms/request")
    return r


def wrk_suite(server, seeded, duration, connections=64, threads=2):
    """(a) /livez, the hello-world ceiling, and /healthz, a one-row read, (b) save a draft, (c) open
    it, (d) page 2 of the province's filtered list, at `connections`; then (d) again from one
    connection."""
    drafts = seeded["bench_drafts"]
    # The first 16 drafts of each benchmark organisation; the rest are kept for submitting.
    per_org, chosen = {}, []
    for application_id, token in drafts:
        if per_org.get(token, 0) < 16:
            per_org[token] = per_org.get(token, 0) + 1
            chosen.append((application_id, token))
    listing = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    listing.write("".join(f"{a} {t}\n" for a, t in chosen))
    listing.close()
    used = {a for a, _ in chosen}
    seeded["submit_pool"] = [(a, t) for a, t in drafts if a not in used]
    list_path = "/api/v1/applications?status=atProvince&category=conference&per=50&page=2"
    runs = {}
    try:
        for name, path, script, args in [
            ("livez", "/livez", None, ()),
            ("healthz", "/healthz", None, ()),
            ("save", "/", "applications.lua", ("patch", listing.name, threads)),
            ("open", "/", "applications.lua", ("get", listing.name, threads)),
            ("list", list_path, "bearer.lua", (list_path, seeded["province_token"])),
        ]:
            before = draft_saves(server.base) if name == "save" else None
            writes_before = single_writes(server.base) if name == "save" else None
            runs[name] = measured(server, name, path, script, args, duration, connections, threads)
            if before is not None:
                after = draft_saves(server.base)
                runs[name]["from_kept"] = {k: after.get(k, 0) - before.get(k, 0) for k in ("kept", "database")}
            if writes_before is not None:  # SQLite only; empty on PostgreSQL
                after = single_writes(server.base)
                runs[name]["single_writes"] = {k: after.get(k, 0) - writes_before.get(k, 0) for k in ("grouped", "alone")}
        # One clerk opening the list while nobody else works: the page's own latency, which the
        # goal is about (at 64 connections the p50 is mostly waiting in line).
        runs["list_alone"] = measured(server, "list alone", list_path, "bearer.lua",
                                      (list_path, seeded["province_token"]), duration, 1, 1)
    finally:
        os.unlink(listing.name)
    runs["list"]["drafts"] = len(chosen)
    runs["save"]["drafts"] = len(chosen)
    return runs


# --- submitting ------------------------------------------------------------------------------


async def _post_each(base, pool, duration, concurrency, request):
    """POST once to each application of `pool` (pairs of id and token), `concurrency` at once,
    until the pool or `duration` runs out; `request(application_id)` gives the path's end and the
    keyword arguments of the POST (its headers added to the token's)."""
    latencies, statuses, errors = [], {}, []
    queue = list(reversed(pool))
    stop_at = time.monotonic() + duration

    async def worker(session):
        while queue and time.monotonic() < stop_at:
            application_id, token = queue.pop()
            suffix, kwargs = request(application_id)
            headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
            started = time.perf_counter()
            try:
                async with session.post(f"{base}/api/v1/applications/{application_id}/{suffix}",
                                        headers=headers, **kwargs) as response:
                    text = await response.read()
                    status = response.status
            except Exception as error:  # a connection refused or reset counts as an error
                status, text = "exception", repr(error).encode()
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            if status not in (200, 201) and len(errors) < 5:
                errors.append(f"{status} {text[:300].decode(errors='replace')}")

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=300)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    done = len(latencies)
    ok = statuses.get(200, 0) + statuses.get(201, 0)
    return {"requests": done, "seconds": elapsed, "rps": done / elapsed, "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99), "statuses": {str(k): v for k, v in statuses.items()},
            "errors": done - ok, "examples": errors, "pool": len(pool), "pool_exhausted": not queue}


def _measured_posts(server, name, pool, duration, concurrency, request):
    settle(server)
    before = cpu_seconds(server.pid)
    with profiled(server.pid, name):
        result = run_clients(_post_each(server.base, pool, duration, concurrency, request))
    result["cpu_ms"] = server_cpu_ms(server, before, result["requests"])
    log(f"    {name}: {result['rps']:.0f} req/s, p50 {result['p50_ms'] or 0:.2f} ms, p99 {result['p99_ms'] or 0:.2f} ms, "
        f"errors {result['errors']} {result['statuses']}, server CPU {result['cpu_ms'] or 0:.2f} ms/request")
    return result


def submit_bench(server, seeded, duration, concurrency=64):
    """(e) POST …/submit over pre-made complete drafts, `concurrency` at once, for `duration` s."""
    log(f"  submit: {concurrency} at once over {len(seeded['submit_pool'])} complete drafts, {duration} s")
    body = json.dumps({"recommenderId": seeded["county_id"]})
    return _measured_posts(server, "submit", seeded["submit_pool"], duration, concurrency,
                           lambda _: ("submit", {"data": body, "headers": {"Content-Type": "application/json"}}))


def upload_bench(server, seeded, duration, concurrency=16, file_size=2 * 1024 * 1024):
    """POST …/attachments, a 2 MiB PDF of its own into each of the complete drafts that submit
    will not reach (taken from the pool's other end), `concurrency` at once, for `duration` s."""
    pool = list(reversed(seeded["submit_pool"]))
    log(f"  upload: {concurrency} at once, a {file_size // 1024 // 1024} MiB PDF each, {duration} s")

    def request(application_id):
        form = aiohttp.FormData()
        form.add_field("kind", "signedScan")
        form.add_field("file", pdf_bytes(file_size, application_id), filename="申报书签字盖章扫描件.pdf",
                       content_type="application/pdf")
        return "attachments", {"data": form}

    return _measured_posts(server, "upload", pool, duration, concurrency, request)


# --- the deadline day ------------------------------------------------------------------------

def _remote_like_socket(addr_info):
    """A client socket whose kernel send buffer is a remote browser's size, not loopback's.

    On loopback the 2,000 simulated applicants' kernel send buffers are on the server's machine:
    hundreds of 2 MiB uploads waiting for the server's upload slots put over a gigabyte into
    TCP's memory, the kernel went into memory pressure and stopped reopening windows, and
    uploads stalled for tens of seconds with both cores idle (`ss` showed hundreds of client
    sockets in zero-window probing). A real applicant's buffers are on their own computer; the
    rest of the file waits in the client, as it does in a browser."""
    family, kind, proto, _, _ = addr_info
    sock = socket.socket(family=family, type=kind, proto=proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 256 * 1024)
    return sock


def run_clients(coroutine):
    """The asyncio clients on uvloop when it is installed: the simulated applicants share the two
    cores with the server, and a real applicant's browser does not."""
    return uvloop.run(coroutine) if uvloop else asyncio.run(coroutine)


STEPS = ["login", "save1", "save2", "save3", "save4", "save5", "upload", "submit"]


async def _deadline(base, applicants, county_id, arrivals_over, think, file_size):
    latencies = {step: [] for step in STEPS}
    failures = {step: {} for step in STEPS}
    examples = []
    finished = []
    connector = aiohttp.TCPConnector(limit=0, socket_factory=_remote_like_socket)
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        t0 = time.perf_counter()

        async def step(name, method, path, **kwargs):
            started = time.perf_counter()
            try:
                async with session.request(method, base + path, **kwargs) as response:
                    body = await response.read()
                    status = response.status
            except Exception as error:
                status, body = "exception", repr(error).encode()
            latencies[name].append((time.perf_counter() - started) * 1000)
            ok = status in (200, 201)
            if not ok:
                failures[name][str(status)] = failures[name].get(str(status), 0) + 1
                if len(examples) < 8:
                    examples.append(f"{name} {path}: {status} {body[:300].decode(errors='replace')}")
            return ok, body

        async def applicant(index, username, application_id):
            await asyncio.sleep(index * arrivals_over / len(applicants))
            ok, body = await step("login", "POST", "/api/v1/auth/login",
                                  json={"username": username, "password": PASSWORD})
            if not ok:
                return
            auth = {"Authorization": "Bearer " + json.loads(body)["token"]}
            path = f"/api/v1/applications/{application_id}"
            for n, part in enumerate(conference_form_in_five_saves(f"2025国际科技交流会议（{username}）"), 1):
                await asyncio.sleep(think)
                ok, _ = await step(f"save{n}", "PATCH", path, json=part, headers=auth)
                if not ok:
                    return
            await asyncio.sleep(think)
            form = aiohttp.FormData()
            form.add_field("kind", "signedScan")
            form.add_field("file", pdf_bytes(file_size, f"{username}-scan"), filename="申报书签字盖章扫描件.pdf",
                           content_type="application/pdf")
            ok, _ = await step("upload", "POST", path + "/attachments", data=form, headers=auth)
            if not ok:
                return
            await asyncio.sleep(think)
            ok, _ = await step("submit", "POST", path + "/submit", json={"recommenderId": county_id}, headers=auth)
            if ok:
                finished.append(time.perf_counter() - t0)

        await asyncio.gather(*(applicant(i, u, a) for i, (u, a) in enumerate(applicants)))
        elapsed = time.perf_counter() - t0
    steps = {}
    for name in STEPS:
        values = latencies[name]
        steps[name] = {"requests": len(values), "errors": sum(failures[name].values()), "failures": failures[name],
                       "p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99),
                       "max_ms": max(values) if values else None}
    return {"applicants": len(applicants), "submitted": len(finished), "seconds": elapsed,
            "last_submit_s": max(finished) if finished else None,
            "errors": sum(s["errors"] for s in steps.values()), "steps": steps, "examples": examples,
            "arrivals_over_s": arrivals_over, "think_s": think, "file_bytes": file_size}


def _own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def deadline_day(server, seeded, arrivals_over=40.0, think=0.5, file_size=2 * 1024 * 1024):
    applicants = seeded["deadline_drafts"]
    settle(server)
    log(f"  deadline day: {len(applicants)} applicants arriving over {arrivals_over:.0f} s, "
        f"{think} s between steps, a {file_size // 1024 // 1024} MiB PDF each")
    server_before, machine_before, client_before = cpu_seconds(server.pid), machine_busy_seconds(), _own_cpu()
    with profiled(server.pid, "deadline"):
        result = run_clients(_deadline(server.base, applicants, seeded["county_id"], arrivals_over, think, file_size))
    server_cpu = cpu_seconds(server.pid) - server_before
    client_cpu = _own_cpu() - client_before
    result["cpu_s"] = {"server": server_cpu, "clients": client_cpu,
                       "others": machine_busy_seconds() - machine_before - server_cpu - client_cpu}
    log("    CPU: server {server:.1f} s, the simulated applicants {clients:.1f} s, "
        "everything else (the database's processes, ...) {others:.1f} s".format(**result["cpu_s"]))
    log(f"    {result['submitted']}/{result['applicants']} submitted, last at {result['last_submit_s'] or 0:.1f} s, "
        f"errors {result['errors']}")
    for name, s in result["steps"].items():
        if s["requests"]:
            log(f"    {name:7} {s['requests']:5} p50 {s['p50_ms']:8.1f} ms  p99 {s['p99_ms']:8.1f} ms  errors {s['errors']}")
    for example in result["examples"]:
        log(f"    ! {example}")
    return result
