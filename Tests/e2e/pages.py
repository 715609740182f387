"""Every page at a desk's and a phone's size: no WCAG 2.1 A/AA violation (axe-core) and nothing
wider than the screen.

`check_page(driver, label)` checks the page the browser shows now; `Journey.shot()` calls it for
every step of the journeys at both sizes. `sweep()` signs in as every role and opens every page of
its navigation and the detail pages linked from them, at both sizes, with a screenshot of each.
"""
import importlib.util
import os
import re
import time
import urllib.parse

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

DESK = (1366, 900)
PHONE = (390, 844)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Seconds spent in axe and in the width check, for the summary at the end.
TIMING = {"checks": 0, "seconds": 0.0}


def _axe_source():
    """axe-core's axe.min.js: $SHENBAO_AXE_JS, or the copy pip's axe-playwright-python ships."""
    path = os.environ.get("SHENBAO_AXE_JS")
    if not path:
        spec = importlib.util.find_spec("axe_playwright_python")
        if spec and spec.origin:
            path = os.path.join(os.path.dirname(spec.origin), "axe.min.js")
    if not path or not os.path.exists(path):
        raise SystemExit("axe-core is needed for the accessibility checks: pip install axe-playwright-python "
                         "(or set SHENBAO_AXE_JS to an axe.min.js)")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


AXE = _axe_source()

RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (result) {
    done(result.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
              nodes: v.nodes.slice(0, 6).map(function (n) {
                return {target: n.target.join(" "), summary: n.failureSummary || "", html: n.html.slice(0, 160)};
              }),
              count: v.nodes.length};
    }));
  })
  .catch(function (error) { done("axe failed: " + error); });
"""


class PageProblem(AssertionError):
    pass


def size(driver):
    return driver.execute_script("return [window.innerWidth, window.innerHeight]")


def resize(driver, width, height):
    """Sets the viewport (not the window) to width × height: headless Chromium's window has no
    frame, but a window manager's would be taken off."""
    driver.set_window_size(width, height)
    inner = size(driver)
    if inner[0] != width or inner[1] != height:
        driver.set_window_size(width + width - inner[0], height + height - inner[1])


def overflow(driver):
    """The page's width beyond the viewport, and the widest element that sticks out."""
    return driver.execute_script("""
      var root = document.documentElement, limit = window.innerWidth + 1;
      if (root.scrollWidth <= limit) { return null; }
      var worst = null, right = 0;
      document.querySelectorAll("body *").forEach(function (el) {
        var box = el.getBoundingClientRect();
        if (box.right > limit && box.width > 0 && box.right - box.left > 0) {
          var inside = el.parentElement && el.parentElement.getBoundingClientRect().right > limit;
          if (!inside && box.right > right) { right = box.right; worst = el; }
        }
      });
      var name = worst ? worst.tagName.toLowerCase() + (worst.id ? "#" + worst.id : "") +
        (worst.className && typeof worst.className === "string" ? "." + worst.className.trim().split(/\\s+/).join(".") : "") : "?";
      return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, widest: name,
              text: worst ? (worst.textContent || "").trim().slice(0, 60) : ""};
    """)


def violations(driver):
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE)
    driver.set_script_timeout(60)
    found = driver.execute_async_script(RUN_AXE, TAGS)
    if isinstance(found, str):
        raise PageProblem(found)
    return found


def check_page(driver, label):
    """Raises PageProblem listing every WCAG 2.1 A/AA violation on the page shown and any width
    beyond the viewport."""
    started = time.monotonic()
    problems = []
    wide = overflow(driver)
    if wide:
        problems.append(f"  wider than the screen: {wide['scrollWidth']}px in {wide['innerWidth']}px, "
                        f"widest {wide['widest']} “{wide['text']}”")
    for v in violations(driver):
        problems.append(f"  {v['id']} ({v['impact']}, {v['count']}×): {v['help']} <{v['url']}>")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())[:300]
            problems.append(f"      {node['target']}  {node['html']}\n        {summary}")
    TIMING["checks"] += 1
    TIMING["seconds"] += time.monotonic() - started
    if problems:
        width = size(driver)[0]
        raise PageProblem(f"{label} at {width}px ({driver.current_url}):\n" + "\n".join(problems))


def screenshot(driver, path):
    """The whole page, not only the part in the viewport (a phone page is long): the window is made
    as tall as the page for the picture (so a bar that sticks to the bottom is at the bottom), then
    given back its height."""
    width, height = size(driver)
    full = min(driver.execute_script("return document.documentElement.scrollHeight"), 8000)
    if full > height:
        resize(driver, width, full)
    driver.save_screenshot(path)
    if full > height:
        resize(driver, width, height)


def check_both_sizes(driver, label, shots=None, restore=DESK):
    """Checks the page at the desk's size and at the phone's, with a screenshot of each, and
    leaves the window at `restore`."""
    problems = []
    for name, (width, height) in [("desk", DESK), ("phone", PHONE)]:
        resize(driver, width, height)
        if shots:
            screenshot(driver, f"{shots}-{name}.png")
        try:
            check_page(driver, f"{label} ({name})")
        except PageProblem as problem:
            problems.append(str(problem))
    resize(driver, *restore)
    if problems:
        raise PageProblem("\n".join(problems))


def check_navigation(driver, role, shots):
    """The navigation opened: on a desk each group's menu in turn, on a phone the 菜单 with every
    group unfolded."""
    problems = []
    resize(driver, *DESK)
    groups = driver.find_elements(By.CSS_SELECTOR, "nav details.nav-group")
    for number, group in enumerate(groups, start=1):
        driver.find_element(By.CSS_SELECTOR, f"nav details.nav-group:nth-of-type({number}) > summary").click()
        if not group.get_attribute("open"):
            problems.append(f"{role}: the menu {group.text} does not open on a click")
        screenshot(driver, f"{shots}-desk-{number}.png")
        try:
            check_page(driver, f"{role}: navigation, menu {number} open (desk)")
        except PageProblem as problem:
            problems.append(str(problem))
    if groups:
        driver.find_element(By.CSS_SELECTOR, ".site-footer").click()
        if any(group.get_attribute("open") for group in groups):
            problems.append(f"{role}: a click outside the navigation leaves its menu open")
        # By keyboard: Enter opens a menu, Tab walks its links, Escape closes it and returns to its name.
        summary = driver.find_element(By.CSS_SELECTOR, "nav details.nav-group > summary")
        driver.execute_script("arguments[0].focus()", summary)
        ActionChains(driver).send_keys(Keys.ENTER).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        if not groups[0].get_attribute("open") or focused.tag_name != "a":
            problems.append(f"{role}: Enter on a menu's name does not open it for Tab")
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        if groups[0].get_attribute("open") or driver.switch_to.active_element != summary:
            problems.append(f"{role}: Escape does not close the menu and return to its name")
    resize(driver, *PHONE)
    toggles = [t for t in driver.find_elements(By.CSS_SELECTOR, "nav .nav-toggle") if t.is_displayed()]
    if not toggles:
        problems.append(f"{role}: no 菜单 button on a phone")
    else:
        toggles[0].click()
        if toggles[0].get_attribute("aria-expanded") != "true":
            problems.append(f"{role}: 菜单 does not open")
        driver.execute_script("document.querySelectorAll('nav details').forEach(function (d) { d.open = true; })")
    screenshot(driver, f"{shots}-phone.png")
    try:
        check_page(driver, f"{role}: navigation open (phone)")
    except PageProblem as problem:
        problems.append(str(problem))
    resize(driver, *DESK)
    if problems:
        raise PageProblem("\n".join(problems))


# Links the sweep never follows: files, the API, signing out, and pages made for one moment
# (setup and password links carry one-time tokens).
SKIP = re.compile(r"(\.(pdf|docx|xlsx|zip|csv|json|png|jpg)$)|^/api/|/attachments/|/download|^/logout|^/setup/|"
                  r"^/password/[^f]|/documents/")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def pattern(path):
    """The page a path is an instance of: /applications/<uuid>/print → /applications/:id/print."""
    path = UUID.sub(":id", path)
    return re.sub(r"/\d+(?=/|$)", "/:n", path)


def links(driver, base, scope):
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(function (a) { return a.href; })", scope)
    found = []
    for href in hrefs:
        if not href or not href.startswith(base):
            continue
        parts = urllib.parse.urlsplit(href)
        if parts.query or SKIP.search(parts.path):
            continue
        found.append(parts.path or "/")
    return found


# Pages no link in <main> leads to without a query: a search's results, the page for an address
# that does not exist.
EXTRA = {"anonymous": ["/no-such-page"],
         "province": ["/admin/personal-data?q=%E7%8E%8B%E4%BA%94", "/applications?status=accepted", "/no-such-page"]}


def sweep(base, driver, roles, sign_in, log_out, shots_dir, depth=2, limit=45, extra=EXTRA):
    """For every role in `roles` (name → (username, password), None for anonymous): signs in, opens
    every page of the navigation and, `depth` links deep from them, one page of every kind
    linked in <main> (and the role's `extra` pages, one link deep), and checks each at both sizes.
    Every problem is collected; raises at the end with all of them. Returns the number of pages
    checked."""
    problems, checked = [], 0
    for role, account in roles.items():
        if account:
            sign_in(*account)
        driver.get(base + "/workspace" if account else base + "/")
        try:
            check_navigation(driver, role, os.path.join(shots_dir, f"sweep-{role}-00-navigation"))
        except PageProblem as problem:
            problems.append(str(problem))
        queue = [(path, 0) for path in links(driver, base, "nav a[href], .site-header a[href]")]
        queue += [(path, 1) for path in extra.get(role, [])]
        seen, number = set(), 0
        while queue and number < limit:
            path, level = queue.pop(0)
            kind = pattern(path)
            if kind in seen:
                continue
            seen.add(kind)
            driver.get(base + path)
            if driver.execute_script("return document.contentType") != "text/html":
                continue
            number += 1
            name = re.sub(r"[^0-9A-Za-z]+", "-", kind.split("?")[0]).strip("-") or "home"
            try:
                check_both_sizes(driver, f"{role}: {path}",
                                 os.path.join(shots_dir, f"sweep-{role}-{number:02d}-{name}"))
            except PageProblem as problem:
                problems.append(str(problem))
            checked += 1
            if level < depth:
                queue.extend((found, level + 1) for found in links(driver, base, "main a[href]")
                             if pattern(found) not in seen)
        if account:
            driver.get(base + "/workspace")
            log_out()
    if problems:
        raise PageProblem(f"{len(problems)} page(s) with problems:\n" + "\n".join(problems))
    return checked
