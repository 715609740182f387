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
Writes bench/results/pdf.json and prints the figures; bench/RESULTS.md's PDF section is by hand.
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

from common import (BENCH, COUNTY, PROVINCE, Shenbao, conference_form, log, login, machine,  # noqa: E402
                    pdf_bytes, percentile, registration, request)


def office_processes():
    """soffice.bin processes alive now (the server's offices, and any other on the machine); a
    killed one may linger as a zombie where nothing reaps orphans, and is not counted."""
    result = subprocess.run(["ps", "-eo", "stat=,comm="], capture_output=True, text=True)
    return sum(1 for line in result.stdout.splitlines()
               if line.split()[1:] == ["soffice.bin"] and not line.startswith("Z"))


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


def bulk_export(province, total):
    started = time.perf_counter()
    job = province.expect("POST", "/api/v1/calls/2025/exports", status=202)
    while job["status"] == "running":
        time.sleep(0.5)
        job = province.expect("GET", f"/api/v1/exports/{job['id']}")
    seconds = time.perf_counter() - started
    if job["status"] != "finished" or job["total"] != total:
        raise RuntimeError(f"export ended {job}")
    size = len(province.call("GET", job["download"]).body)
    return {"seconds": seconds, "packages": job["total"], "zip_mb": size / 1e6}


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
        result["bulk_export"] = bulk_export(province, options.applications)
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
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
