#!/usr/bin/env python3
"""Two `shenbao serve` instances on one PostgreSQL behind nginx, the way docs/deploy.md runs them.

Starts a throwaway PostgreSQL 15 (a database and a non-superuser role `shenbao`, schema `shenbao`),
runs `shenbao migrate` once, starts instances A and B at the same moment on free ports, and nginx
round-robin in front of them. Then, through nginx and directly through each instance:

- nginx spreads requests over both instances;
- a user signs in on the login page of A (CSRF field, cookie) and is signed in on B, with the
  same session (same CSRF token); signing out on B signs out on A;
- an attachment uploaded through one instance downloads byte for byte through the other and
  through nginx; a file above the server's limit is refused by the server, not by nginx;
- two recommenders give their opinion on one application at the same moment, one through each
  instance: exactly one wins, the other gets 409, and one opinion is recorded (several rounds);
- `shenbao audit verify` passes on what the two instances wrote;
- failed logins count across instances, and a forged X-Forwarded-For sent to nginx does not
  escape the per-address limit (nginx replaces the header).

Usage: Tests/system/instances.py --binary .build/debug/shenbao
Standard library only; needs /usr/lib/postgresql/15/bin and nginx.
"""
import argparse
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    PASSWORD, RECOMMENDER_CITY, RECOMMENDER_COUNTY, Browser, Nginx, Postgres, Server, Workspace, cli, county_id,
    create_user, csrf_of, login, pdf_bytes, ready_draft, registration, request, sha256, shenbao_env, tail)

ORGANIZATION = "湖南鸿斯科技有限公司"
RACE_ROUNDS = 6


class Report:
    def __init__(self):
        self.started = time.time()

    def ok(self, text):
        print(f"  ok  {text}  ({time.time() - self.started:.1f}s)", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def upstream(response):
    return response.header("X-Shenbao-Upstream") or "?"


def nginx_spreads_requests(nginx, instances, report):
    seen = set()
    for _ in range(8):
        response = request("GET", nginx.base + "/healthz")
        check(response.status == 200 and response.json().get("status") == "ok", f"/healthz through nginx: {response}")
        seen.add(upstream(response))
    expected = {f"127.0.0.1:{server.port}" for server in instances}
    check(seen == expected, f"nginx answered from {seen}, expected both of {expected}")
    report.ok(f"nginx round-robin reaches both instances {sorted(seen)}")


def applicant_registers(nginx, report):
    response = request("POST", nginx.base + "/api/v1/registrations",
                       body=json.dumps(registration(), ensure_ascii=False).encode(),
                       headers={"Content-Type": "application/json"})
    check(response.status == 201, f"registration through nginx: {response}")
    check(response.json().get("warnings") == [], f"registration warnings: {response.text}")
    report.ok("an applicant organisation registers through nginx")


def session_follows_the_user(nginx, a, b, report):
    browser = Browser()
    page = browser.get(a.base + "/login")
    check(page.status == 200 and "登录" in page.text, f"GET /login on A: {page}")
    token = csrf_of(page)
    before = browser.cookies.get("shenbao_session")
    check(before, f"A set no session cookie on the login page: {page.headers}")
    signed_in = browser.post_form(a.base + "/login", {
        "_csrf": token, "next": "/workspace", "username": "hongsi", "password": PASSWORD})
    check(signed_in.status in (302, 303) and signed_in.header("Location") == "/workspace",
          f"login on A: {signed_in.status} {signed_in.header('Location')} {signed_in.text[:300]}")
    cookie = next(v for v in signed_in.all("set-cookie") if v.startswith("shenbao_session="))
    check("HttpOnly" in cookie and "SameSite=Lax" in cookie, f"session cookie attributes: {cookie}")
    check(browser.cookies["shenbao_session"] != before, "the session id did not change on login")
    report.ok("signed in on A's login page (CSRF field, new session id, HttpOnly, SameSite=Lax)")

    on_b = browser.get(b.base + "/workspace")
    check(on_b.status == 200 and ORGANIZATION in on_b.text, f"/workspace on B after login on A: {on_b}")
    seen = set()
    for _ in range(6):
        through = browser.get(nginx.base + "/workspace")
        check(through.status == 200 and ORGANIZATION in through.text, f"/workspace through nginx: {through}")
        seen.add(upstream(through))
    check(len(seen) == 2, f"nginx sent the signed-in pages to {seen}")
    token_a, token_b = csrf_of(browser.get(a.base + "/workspace")), csrf_of(on_b)
    check(token_a == token_b, "A and B render different CSRF tokens for one session")
    report.ok("the session made on A is signed in on B and through nginx on both (same CSRF token)")

    out = browser.post_form(b.base + "/logout", {"_csrf": token_b})
    check(out.status in (302, 303), f"logout on B: {out}")
    after = browser.get(a.base + "/workspace")
    check(after.status in (302, 303) and "/login" in (after.header("Location") or ""),
          f"/workspace on A after logout on B: {after.status} {after.header('Location')}")
    report.ok("signing out on B signs out on A")


def attachments_travel(nginx, a, b, report):
    through_nginx = login(nginx.base, "hongsi")
    created = through_nginx.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
    application_id = created["id"]
    files = {
        "signedScan": ("签字盖章扫描件.pdf", pdf_bytes(6 * 1024 * 1024), through_nginx),  # above nginx's 1 MB default
        "nonConfidentiality": ("非涉密证明.pdf", pdf_bytes(300 * 1024), through_nginx.at(a.base)),
    }
    uploaded = {}
    for kind, (name, data, api) in files.items():
        response = api.upload(application_id, kind, name, data)
        check(response.status == 201, f"upload {kind} through {api.base}: {response}")
        body = response.json()
        check(body["sha256"] == sha256(data) and body["size"] == len(data), f"upload {kind} answered {body}")
        uploaded[kind] = (body["id"], name, data, api.base, upstream(response))
    for kind, (attachment_id, name, data, origin, via) in uploaded.items():
        path = f"/api/v1/applications/{application_id}/attachments/{attachment_id}"
        for base in [a.base, b.base, nginx.base, nginx.base]:
            response = through_nginx.at(base).call("GET", path)
            check(response.status == 200, f"download {kind} from {base}: {response}")
            check(response.body == data, f"{kind} uploaded through {origin} ({via}) differs when downloaded from "
                                         f"{base} ({len(response.body)} bytes, expected {len(data)})")
            check((response.header("Content-Type") or "").startswith("application/pdf"),
                  f"download content type {response.header('Content-Type')}")
    report.ok(f"attachments (6 MB through nginx → {uploaded['signedScan'][4]}, 300 KB through A) download "
              "byte-identical through A, B and nginx")

    too_big = pdf_bytes(25 * 1024 * 1024)
    response = through_nginx.upload(application_id, "evidence", "太大了.pdf", too_big)
    check(response.status in (413, 422), f"a 25 MB file through nginx: {response}")
    check((response.header("Content-Type") or "").startswith("application/json") and "error" in response.json(),
          f"the 25 MB refusal did not come from the server (nginx's client_max_body_size?): {response}")
    report.ok(f"a 25 MB file passes nginx and is refused by the server ({response.status}, "
              f"{response.json()['error']['code']}: {response.json()['error']['message']})")


def opinions_race(nginx, a, b, binary, env, report):
    applicant = login(nginx.base, "hongsi")
    recommenders = [login(a.base, "yuelu-a"), login(b.base, "yuelu-b")]
    outcomes = []
    for round_number in range(RACE_ROUNDS):
        application_id = ready_draft(applicant, f"2025中德智能制造国际研讨会（并发{round_number + 1}）")
        county = county_id(applicant, application_id)
        submitted = applicant.expect("POST", f"/api/v1/applications/{application_id}/submit",
                                     {"recommenderId": county})
        check(submitted["status"] == "atRecommender", f"submitted: {submitted['status']}")
        # Alternate which recommender goes through which instance.
        pair = recommenders if round_number % 2 == 0 else [recommenders[0].at(b.base), recommenders[1].at(a.base)]
        barrier = threading.Barrier(len(pair))
        results = [None] * len(pair)

        def give(index, api):
            barrier.wait()
            results[index] = api.call("POST", f"/api/v1/applications/{application_id}/opinions", {
                "decision": "recommend", "comment": f"材料真实完整，同意推荐（{index}）。", "attested": True})

        threads = [threading.Thread(target=give, args=(i, api)) for i, api in enumerate(pair)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        statuses = sorted(r.status for r in results)
        check(statuses == [200, 409], f"round {round_number + 1}: two opinions at once answered {results}")
        loser = next(r for r in results if r.status == 409).json()
        check(loser.get("error", {}).get("message"), f"409 without a message: {loser}")
        opinions = applicant.expect("GET", f"/api/v1/applications/{application_id}/opinions")
        check(len(opinions) == 1 and opinions[0]["decision"] == "recommend", f"opinions recorded: {opinions}")
        state = applicant.at(b.base).expect("GET", f"/api/v1/applications/{application_id}")
        check(state["currentHolder"]["name"] == RECOMMENDER_CITY, f"holder after the county: {state['currentHolder']}")
        history = applicant.at(a.base).expect("GET", f"/api/v1/applications/{application_id}/history")
        recommends = [e for e in history if e.get("action", "").startswith("recommend")]
        check(len(recommends) == 1, f"history has {len(recommends)} recommend events: {history}")
        outcomes.append(loser["error"]["code"])
    report.ok(f"{RACE_ROUNDS} rounds of two opinions at once through A and B: each time one 200 and one 409 "
              f"({sorted(set(outcomes))}), one opinion recorded, the city holds it")

    code, output = cli(binary, env, "audit", "verify")
    check(code == 0 and "审计日志完整" in output, f"audit verify: {output}")
    report.ok("`shenbao audit verify` passes on what both instances wrote")


def login_limits_are_shared(nginx, a, b, report):
    """Last: it locks 127.0.0.1 out of logging in for the rest of the window."""
    body = lambda username, password: json.dumps({"username": username, "password": password}).encode()
    for attempt in range(20):
        target = [nginx.base, a.base, b.base][attempt % 3]
        headers = {"Content-Type": "application/json"}
        if target == nginx.base:
            headers["X-Forwarded-For"] = f"10.{attempt}.0.1"  # forged: nginx must replace it
        response = request("POST", target + "/api/v1/auth/login", body=body(f"nobody-{attempt}", "wrong-pass1"),
                           headers=headers)
        check(response.status == 401, f"failed login {attempt + 1} at {target}: {response}")
    for target in [b.base, nginx.base, a.base]:
        response = request("POST", target + "/api/v1/auth/login", body=body("hongsi", PASSWORD),
                           headers={"Content-Type": "application/json", "X-Forwarded-For": "10.99.0.1"}
                           if target == nginx.base else {"Content-Type": "application/json"})
        check(response.status == 429, f"login after 20 failures from one address, at {target}: {response}")
    report.ok("20 failed logins spread over A, B and nginx (with forged X-Forwarded-For) lock the address "
              "on every instance (429)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the shenbao executable")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    report = Report()
    workspace = Workspace("shenbao-instances-")
    postgres = nginx = None
    instances = []
    failed = True
    try:
        postgres = Postgres(workspace)
        env = shenbao_env(workspace.sub("data"), postgres.url, "shenbao", SHENBAO_TRUST_PROXY=1)
        cli(binary, env, "migrate")
        create_user(binary, env, "sheng-admin", "province")
        for username in ["yuelu-a", "yuelu-b"]:
            create_user(binary, env, username, "recommender", RECOMMENDER_COUNTY)
        report.ok("PostgreSQL 15 started, `shenbao migrate` ran once, users created with `shenbao user create`")

        logs = workspace.sub("logs")
        instances = [Server(binary, env, logs, "instance-a"), Server(binary, env, logs, "instance-b")]
        for server in instances:  # at the same moment, on the migrated database
            server.start()
        for server in instances:
            server.wait_ready()
        a, b = instances
        report.ok(f"instances A (:{a.port}) and B (:{b.port}) started together")
        nginx = Nginx(workspace, [a.port, b.port])
        report.ok(f"nginx on :{nginx.port}")

        nginx_spreads_requests(nginx, instances, report)
        applicant_registers(nginx, report)
        session_follows_the_user(nginx, a, b, report)
        attachments_travel(nginx, a, b, report)
        opinions_race(nginx, a, b, binary, env, report)
        login_limits_are_shared(nginx, a, b, report)
        for server in instances:
            check(server.running(), f"{server.name} died:\n{tail(server.log)}")
        failed = False
        print(f"several instances: all checks passed in {time.time() - report.started:.0f}s")
    finally:
        if failed:
            for server in instances:
                print(f"\n--- {server.name} log (last lines) ---\n{tail(server.log)}")
            if nginx:
                print(f"\n--- nginx error log ---\n{tail(os.path.join(nginx.dir, 'error.log'))}")
        if nginx:
            nginx.stop()
        for server in instances:
            server.stop()
        if postgres:
            postgres.stop()
        workspace.remove()


if __name__ == "__main__":
    sys.exit(main())
