"""PDF benchmarks: LibreOffice kept running by the server (Sources/ShenbaoServer/Documents/PDF).

1. one application's form.pdf, one request at a time: the first (which starts LibreOffice) and
   then --requests more on the warm office; p50, p90 and the slowest;
2. the bulk export of --applications submitted applications with their PDFs
   (POST /api/v1/calls/2025/exports, polled until finished): its wall time.

The applications are made through the API on a fresh SQLite server: a registered organisation,
each application filled (the Swift fixtures' conference form), with its two required files
(200 KB and 50 KB of random bytes), submitted to the 岳麓区 association.

Usage: python3 bench/http/pdf.py [--binary PATH (skips the release build)] [--requests 30]
       [--applications 300]
Needs LibreOffice (libreoffice-writer-nogui, libreoffice-calc-nogui) and python3-uno.
Writes bench/results/pdf.json and the "PDF" section of bench/RESULTS.md (replacing only that).
"""
import argparse
import concurrent.futures
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import (BENCH, COUNTY, PROVINCE, Shenbao, conference_form, cpu_seconds, log, login,  # noqa: E402
                    machine, machine_busy_seconds, pdf_bytes, percentile, registration, request)


def office_processes():
    """soffice.bin processes alive now (the server's offices, and any other on the machine); a
    killed one may linger as a zombie where nothing reaps orphans, and is not counted."""
    result = subprocess.run(["ps", "-eo", "stat=,comm="], capture_output=True, text=True)
    return sum(1 for line in result.stdout.splitlines()
               if line.split()[1:] == ["soffice.bin"] and not line.startswith("Z"))


def tree_cpu_seconds(root):
    """CPU time used so far by `root` and every living process below it (the helpers, the
    offices): what the work cost, which other processes on the machine do not change as they
    change its wall time."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    total = 0.0
    for pid in tree:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


def submitted_application(api, county_id, n):
    created = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
    application_id = created["id"]
    api.expect("PATCH", f"/api/v1/applications/{application_id}", conference_form(f"2025中德智能制造国际研讨会第{n}场"))
    api.upload(application_id, "signedScan", "申报书签字盖章扫描件.pdf", pdf_bytes(200_000, f"scan-{n}"))
    api.upload(application_id, "nonConfidentiality", "非涉密证明.pdf", pdf_bytes(50_000, f"proof-{n}"))
    if county_id:
        api.expect("POST", f"/api/v1/applications/{application_id}/submit", {"recommenderId": county_id})
    return application_id


def form_pdf(api, application_id, requests):
    timings = []
    for _ in range(requests + 1):
        started = time.perf_counter()
        response = api.call("GET", f"/api/v1/applications/{application_id}/documents/form.pdf")
        timings.append(time.perf_counter() - started)
        if response.status != 200 or not response.body.startswith(b"%PDF"):
            raise RuntimeError(f"form.pdf answered {response.status}: {response.text[:300]}")
    warm = timings[1:]
    return {"first_s": timings[0], "warm_p50_s": statistics.median(warm), "warm_p90_s": percentile(warm, 90),
            "warm_max_s": max(warm), "requests": requests}


def bulk_export(server, province, total):
    cpu_before, busy_before = tree_cpu_seconds(server.pid), machine_busy_seconds()
    server_before = cpu_seconds(server.pid)
    started = time.perf_counter()
    job = province.expect("POST", "/api/v1/calls/2025/exports", status=202)
    while job["status"] == "running":
        time.sleep(0.5)
        job = province.expect("GET", f"/api/v1/exports/{job['id']}")
    seconds = time.perf_counter() - started
    cpu = tree_cpu_seconds(server.pid) - cpu_before
    server_cpu = cpu_seconds(server.pid) - server_before
    busy = machine_busy_seconds() - busy_before
    if job["status"] != "finished" or job["total"] != total:
        raise RuntimeError(f"export ended {job}")
    size = len(province.call("GET", job["download"]).body)
    # On cores of its own the export would take about its CPU time over the cores it can use.
    return {"seconds": seconds, "packages": job["total"], "zip_mb": size / 1e6, "server_and_offices_cpu_s": cpu,
            "server_cpu_s": server_cpu,
            "machine_busy_cpu_s": busy, "share_of_machine": cpu / busy if busy else None}


BEGIN, END = "<!-- pdf:begin -->", "<!-- pdf:end -->"


def render(result):
    m, form, bulk = result["machine"], result["form_pdf"], result["bulk_export"]
    met = lambda ok: "yes" if ok else "no"  # noqa: E731
    load = ", ".join(f"{x:.1f}" for x in m["load_at_start"])
    return "\n".join([
        BEGIN,
        "## PDF (LibreOffice kept running)",
        "",
        f"Run {m['date']} on {m['cores']} cores, {m['cpu']}; load average {load} when the run started"
        " (other builds shared the machine, so wall times vary; the CPU seconds hardly do)."
        f" `shenbao` {'debug' if '/debug/' in result['binary'] else 'release'} build (`{result['binary']}`):"
        " the PDFs' time is LibreOffice's; the server's own CPU time is given below.",
        "",
        "| what | measured | goal | met? |",
        "|---|---|---|---|",
        f"| form.pdf, first (starts LibreOffice) | {form['first_s']:.2f} s | — | — |",
        f"| form.pdf on the warm office, p50 of {form['requests']} one at a time | {form['warm_p50_s']:.2f} s"
        f" (p90 {form['warm_p90_s']:.2f} s, slowest {form['warm_max_s']:.2f} s) | < 1 s | {met(form['warm_p50_s'] < 1)} |",
        f"| bulk export of {bulk['packages']} applications with their PDFs | {bulk['seconds']:.1f} s"
        f" ({bulk['zip_mb']:.0f} MB) | < 60 s | {met(bulk['seconds'] < 60)} |",
        "",
        f"The export used {bulk['server_and_offices_cpu_s']:.1f} CPU seconds (the server"
        f" {bulk['server_cpu_s']:.1f}, its two offices the rest: about"
        f" {(bulk['server_and_offices_cpu_s'] - bulk['server_cpu_s']) / bulk['packages']:.2f} s a PDF) while the whole machine"
        f" used {bulk['machine_busy_cpu_s']:.0f}: it had {100 * (bulk['share_of_machine'] or 0):.0f} % of the machine."
        f" Offices running after the server stopped: {result['offices_after_stop']}.",
        END,
    ])


def update(results_md, section):
    """Replaces the PDF section of RESULTS.md (or appends it), keeping everything else."""
    text = open(results_md, encoding="utf-8").read() if os.path.exists(results_md) else "# Benchmark results\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(results_md, "w", encoding="utf-8").write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="a shenbao to use instead of building one in release")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--applications", type=int, default=300)
    options = parser.parse_args()
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    result = {"machine": machine(), "offices_before": office_processes()}
    if not options.binary:
        from run import build  # only here: run.py needs aiohttp, which this benchmark does not
    binary = options.binary or build()
    result["binary"] = binary
    server = Shenbao(binary).start()
    try:
        server.create_user("bench-province", "province", PROVINCE)
        body = registration(0, "bench-00")
        response = request("POST", server.base + "/api/v1/registrations", body=json.dumps(body).encode(),
                           headers={"Content-Type": "application/json"})
        if response.status != 201:
            raise RuntimeError(f"registration: {response.status} {response.text[:300]}")
        api = login(server.base, "bench-00")
        province = login(server.base, "bench-province")
        first = submitted_application(api, None, 0)
        routes = api.expect("GET", f"/api/v1/applications/{first}/recommenders")
        county_id = next(r["id"] for r in routes if r["name"] == COUNTY)
        api.expect("POST", f"/api/v1/applications/{first}/submit", {"recommenderId": county_id})

        log(f"form.pdf: 1 cold, then {options.requests} warm, one at a time")
        result["form_pdf"] = form_pdf(api, first, options.requests)
        log(f"  {json.dumps(result['form_pdf'])}")

        log(f"making {options.applications - 1} more submitted applications through the API")
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda n: submitted_application(api, county_id, n), range(1, options.applications)))
        log(f"bulk export of {options.applications} packages with their PDFs")
        load_before = os.getloadavg()
        result["bulk_export"] = bulk_export(server, province, options.applications)
        result["bulk_export"]["load_before"] = load_before
        result["bulk_export"]["load_after"] = os.getloadavg()
        log(f"  {json.dumps(result['bulk_export'])}")
        metrics = request("GET", server.base + "/metrics").text
        result["metrics"] = [line for line in metrics.splitlines() if line.startswith("shenbao_pdf_")]
        result["offices_while_serving"] = office_processes()
    finally:
        server.stop()
    time.sleep(1)
    result["offices_after_stop"] = office_processes()
    result["machine"]["load_at_end"] = os.getloadavg()
    json.dump(result, open(os.path.join(BENCH, "results", "pdf.json"), "w"), indent=2, default=str)
    section = render(result)
    update(os.path.join(BENCH, "RESULTS.md"), section)
    print(section)


if __name__ == "__main__":
    main()
