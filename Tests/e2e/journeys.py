#!/usr/bin/env python3
"""Browser journeys in Debian's Chromium: what a clerk and an applicant do on the pages.

Starts the real `shenbao serve` on a free port with an empty data folder, drives Chromium through
the journeys and saves a screenshot of every step in Tests/e2e/screenshots/ for a person to look at.
"""
import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

import pages

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "system"))
import harness  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# The password each account has now: accounts the province opened choose their own at first login.
PASSWORDS = {}
SHOTS = os.path.join(HERE, "screenshots")
# Accessibility and width problems found on the journeys' pages (pages.check_page), reported together at the end.
PAGE_PROBLEMS = []
# The expert whose review the journeys go through, for the sweep of every role's pages.
SWEEP_ACCOUNTS = {}


class Server(harness.Server):
    """The journeys' server, started through the system tests' harness: SQLite in a temporary
    folder removed at the end, bcrypt at cost 8, no load limits raised."""

    def __init__(self, binary):
        self.data = tempfile.mkdtemp(prefix="shenbao-e2e-")
        env = dict(os.environ, SHENBAO_DATA_DIR=self.data, SHENBAO_BCRYPT_COST="8")
        env.pop("DATABASE_URL", None)
        env.pop("SHENBAO_DATABASE_SCHEMA", None)
        super().__init__(binary, env, self.data, "serve")
        self.start().wait_ready()

    def stop(self):
        super().stop()
        shutil.rmtree(self.data, ignore_errors=True)


def browser(width=pages.DESK[0], height=pages.DESK[1]):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--lang=zh-CN"]:
        options.add_argument(argument)
    # Irreversible steps ask in a dialog; a journey that does not read one says yes, as a person would.
    options.set_capability("unhandledPromptBehavior", "accept")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def left(page):
    """True once `page` (an old <html> element) is gone: the browser shows the next page. Chrome
    reports a node of a page being replaced in more than one way, so any refusal counts."""
    def check(_driver):
        try:
            page.tag_name
            return False
        except WebDriverException:
            return True
    return check


class Journey:
    def __init__(self, server, driver, name):
        self.server, self.driver, self.name, self.step = server, driver, name, 0

    def open(self, path):
        self.driver.get(self.server.base + path if path.startswith("/") else path)

    def shot(self, label):
        """Saves the page as a desk and as a phone show it, and checks it at both sizes (axe-core's
        WCAG 2.1 A/AA rules, nothing wider than the screen); the window is then as it was."""
        self.step += 1
        path = os.path.join(SHOTS, f"{self.name}-{self.step:02d}-{label}")
        if label == "FAILED":
            self.driver.save_screenshot(path + ".png")
            return
        try:
            pages.check_both_sizes(self.driver, f"{self.name} {self.step:02d} {label}", path,
                                   restore=pages.size(self.driver))
        except pages.PageProblem as problem:
            PAGE_PROBLEMS.append(str(problem))
            print(problem, file=sys.stderr)

    def fill(self, values):
        for name, value in values.items():
            element = self.driver.find_element(By.NAME, name)
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            elif element.get_attribute("type") == "date":
                # Chrome's date input takes keys in the locale's order; set the ISO value as a picker does.
                self.driver.execute_script(
                    "arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
            else:
                element.clear()
                element.send_keys(value)

    def click(self, css):
        """Clicks and waits for the next page, as a person waits before reading it."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.press(css)
        WebDriverWait(self.driver, 20, ignored_exceptions=[WebDriverException]).until(left(page))

    def confirm(self, css, expected):
        """Clicks a button of an irreversible step, reads the dialog's question and says yes."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.press(css)
        alert = WebDriverWait(self.driver, 10).until(expected_conditions.alert_is_present())
        question = alert.text
        self.check(expected in question, f"the dialog asks “{expected}” ({question})")
        alert.accept()
        WebDriverWait(self.driver, 20, ignored_exceptions=[WebDriverException]).until(left(page))
        return question

    def press(self, css):
        """Clicks something on this page, scrolled to the middle first (the save bar sticks to the
        bottom); `css` may be an XPath (starting with //)."""
        element = self.driver.find_element(By.XPATH if css.startswith("//") else By.CSS_SELECTOR, css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def submit(self):
        if os.environ.get("E2E_DEBUG"):
            print("before submit", self.driver.current_url, self.driver.get_cookies(),
                  [e.get_attribute("value") for e in self.driver.find_elements(By.NAME, "_csrf")])
        self.click("main form button[type=submit]")

    def log_out(self):
        self.click(".account button")

    def sign_in(self, username, password):
        """Logs in. An account the province opened first chooses its own password, as it must;
        the journeys remember it for the account's later logins."""
        password = PASSWORDS.get(username, password)
        self.open("/login")
        self.fill({"username": username, "password": password})
        self.submit()
        if self.driver.current_url.endswith("/account/password"):
            self.check("设置您自己的密码" in self.text(), f"{username} is asked for their own password first")
            self.shot(f"{username}-first-login")
            own = password + "Own"
            self.fill({"currentPassword": password, "newPassword": own, "newPasswordConfirm": own})
            self.submit()
            self.check("您的密码已设置" in self.text(), f"{username} set their own password")
            PASSWORDS[username] = own
        self.check(self.driver.current_url.split("?")[0].endswith("/workspace"), f"{username} signs in")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def nav(self):
        """Every link of the navigation, those in a closed menu too."""
        return self.driver.find_element(By.CSS_SELECTOR, "nav.nav").get_attribute("textContent")

    def field_error(self, field_id):
        block = self.driver.find_element(By.ID, field_id).find_element(By.XPATH, "./..")
        errors = block.find_elements(By.CLASS_NAME, "field-error")
        return errors[0].text if errors else ""

    def check(self, condition, message):
        if not condition:
            self.shot("FAILED")
            raise AssertionError(f"{self.name}: {message}")

    def only_own_resources(self):
        urls = self.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        foreign = [u for u in urls if not u.startswith(self.server.base)]
        self.check(not foreign, f"page loaded resources from elsewhere: {foreign}")


def province_sets_up_the_system(server, driver):
    """The setup link makes the system administrator, who opens the province's account; the
    province's clerk signs in with the given password and must first choose their own."""
    j = Journey(server, driver, "province")
    j.open(server.setup_link())
    j.check("创建系统管理员" in j.text(), "setup page")
    j.shot("setup")
    j.fill({"username": "xitong", "password": "short", "contactName": "周明", "phone": "0731-84884381", "email": "xitong@example.com"})
    j.submit()
    j.check("密码至少8个字符" in j.field_error("password"), "password error beside its field")
    j.shot("setup-mistake")
    j.fill({"password": "Kexie2025x"})
    j.submit()
    j.check(driver.current_url.endswith("/workspace"), "lands in workspace")
    j.check("用户管理" in j.nav() and "推荐单位" not in j.nav(), "system administrator's navigation")
    j.shot("sysadmin-workspace")
    j.open("/admin/users")
    j.fill({"username": "admin", "password": "password1", "role": "province", "contactName": "李嘉玮",
            "phone": "0731-84884381", "email": "hnkxgjb@126.com"})
    j.submit()
    j.check("常见" in j.field_error("password"), "a common password refused beside its field")
    j.fill({"password": "Chushi2025x"})
    j.submit()
    j.check("已创建用户 admin" in j.text(), "province account created")
    j.shot("province-account-created")
    j.log_out()
    j.sign_in("admin", "Chushi2025x")
    j.check("用户管理" in j.nav() and "推荐单位" in j.nav() and "系统管理" in j.nav(), "province navigation, grouped")
    j.shot("workspace")
    j.open("/admin/recommenders?kind=city")
    j.check("湘西土家族苗族自治州科学技术协会" in j.text(), "city associations listed")
    j.shot("recommenders")
    j.open("/admin/users")
    j.fill({"username": "expert-li", "password": "Expert2025", "role": "expert", "contactName": "李教授",
            "phone": "13912345678", "email": "li@example.com"})
    j.submit()
    j.check("已创建用户 expert-li" in j.text(), "user created")
    j.shot("user-created")
    for username, organization in [("yuelu-kx", "岳麓区科学技术协会"), ("changsha-kx", "长沙市科学技术协会")]:
        j.fill({"username": username, "password": "Tuijian2025", "role": "recommender", "contactName": organization + "经办人",
                "phone": "0731-88881234", "email": username + "@example.com"})
        Select(driver.find_element(By.NAME, "organizationId")).select_by_visible_text(organization)
        j.submit()
        j.check("已创建用户 " + username in j.text(), f"{username} created")
    j.log_out()
    j.check("您已安全退出登录" in j.text(), "logged out")
    j.shot("logged-out")


def province_adds_questions(server, driver):
    """Before anyone applies: the province opens 申报指南管理 → 修改申报指南设置 for the 2025 call and
    adds two extra questions (补充问题) on the page, a single choice and a required short text for
    both categories; a choice without options is refused beside its row first."""
    j = Journey(server, driver, "questions")
    j.sign_in("admin", "Chushi2025x")
    j.open("/admin/calls")
    j.check("申报指南管理" in j.text() and "2025年度" in j.text(), "the calls' page shows the 2025 call")
    j.click("#call-definition-link")
    j.check("申报指南设置：2025年度" in j.text() and "补充问题" in j.text(), "the editor has its questions' section")
    j.fill({"q0_label": "举办形式", "q0_kind": "singleChoice", "q1_label": "已签署合作协议的外方单位",
            "q1_kind": "shortText", "q1_help": "填写外方单位全称；尚未签署的填“无”。"})
    j.press("#q1_required")
    j.click("#save-definition")
    j.check("请为第1个补充问题设置选项" in j.field_error("q0_options"), "a choice without options, beside its row")
    j.check(driver.find_element(By.ID, "q1_label").get_attribute("value") == "已签署合作协议的外方单位",
            "what was typed is kept")
    j.fill({"q0_options": "线上\n线下\n线上线下结合"})
    j.click("#save-definition")
    j.check("已保存" in j.text(), f"saved ({j.text()[:300]})")
    labels = [driver.find_element(By.ID, f"q{row}_label").get_attribute("value") for row in range(2)]
    j.check(labels == ["举办形式", "已签署合作协议的外方单位"], f"the questions are listed in order ({labels})")
    j.check(Select(driver.find_element(By.ID, "q0_kind")).first_selected_option.text == "单选", "kind kept")
    j.check(driver.find_element(By.ID, "q1_required").is_selected(), "required kept")
    j.check("新增补充问题" in j.text(), "blank rows offered for more")
    section = driver.find_element(By.ID, "questions")
    for name, (width, height) in [("desk", pages.DESK), ("phone", pages.PHONE)]:
        pages.resize(driver, width, height)
        j.check(no_horizontal_scroll(driver), f"the questions fit the {name} ({width} px)")
        # The whole section in the picture: the window as tall as the section, then as it was.
        tall = min(driver.execute_script("return Math.ceil(arguments[0].getBoundingClientRect().height)", section) + 40,
                   8000)
        pages.resize(driver, width, max(height, tall))
        driver.execute_script("arguments[0].scrollIntoView()", section)
        section.screenshot(os.path.join(SHOTS, f"questions-section-{name}.png"))
    pages.resize(driver, *pages.DESK)
    j.shot("questions-saved")
    j.log_out()


def answer_required_questions(api, application_id):
    """Answers the call's required extra questions of a draft made through the API (the province
    added them on the editor's page): a text, or a choice's first option."""
    call = api.expect("GET", "/api/v1/calls/2025")
    answers = {}
    for question in call.get("questions") or []:
        if question.get("required"):
            kind = question["kind"]
            answers[question["code"]] = (question["options"][0]["code"] if kind == "singleChoice"
                                         else "Technische Universität München" if kind == "shortText" else None)
    if answers:
        api.expect("PATCH", f"/api/v1/applications/{application_id}", {"answers": answers})


def accounts_are_administered(server, driver):
    """The system administrator finds a recommender's clerk and gives a one-time password link;
    the clerk sets a new password with it; the audit administrator reads and verifies the trail."""
    j = Journey(server, driver, "accounts")
    j.sign_in("xitong", "Kexie2025x")
    j.open("/admin/users?q=yuelu")
    j.check("yuelu-kx" in j.text() and "changsha-kx" not in j.text(), "the search finds the clerk")
    j.shot("search")
    j.click("main table a[href^='/admin/users/']")
    j.check("岳麓区科学技术协会" in j.text(), "the clerk's page")
    page = driver.find_element(By.TAG_NAME, "html")
    j.press("form[action$='/password-link'] button")
    alert = WebDriverWait(driver, 10).until(expected_conditions.alert_is_present())
    j.check("设置密码的链接" in alert.text, f"asked before a link is made ({alert.text})")
    alert.accept()
    WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(left(page))
    link = driver.find_element(By.CSS_SELECTOR, "input.copy").get_attribute("value")
    j.check("/password/" in link, "the link is shown once")
    j.shot("password-link")
    j.open("/admin/users")
    j.fill({"username": "shenji", "password": "Chushi2025x", "role": "auditor", "contactName": "孙审计",
            "phone": "0731-84884382", "email": "shenji@example.com"})
    j.submit()
    j.check("已创建用户 shenji" in j.text(), "audit administrator created")
    j.log_out()

    j.open(link[link.index("/password/"):])
    j.check("yuelu-kx" in j.text(), "the link names the account")
    j.fill({"newPassword": "Xiangjiang2026", "newPasswordConfirm": "Xiangjiang2026"})
    j.submit()
    j.check("新密码已设置" in j.text(), "back at the login page, told the password is set")
    j.shot("password-set")
    PASSWORDS["yuelu-kx"] = "Xiangjiang2026"
    j.sign_in("yuelu-kx", "Xiangjiang2026")
    j.open("/account")
    j.check("当前浏览器" in j.text() and "上次登录" in j.text(), "the clerk sees their sessions and previous login")
    j.shot("account")
    j.log_out()
    j.open("/password/forgot")
    j.fill({"identifier": "nobody-at-all"})
    j.submit()
    j.check("如果该账号存在" in j.text(), "forgot-password answers without telling")
    j.shot("forgot")

    j.sign_in("shenji", "Chushi2025x")
    j.open("/admin/audit?verify=1")
    j.check("核验通过" in j.text(), "the trail verifies")
    j.check("通过链接设置密码" in j.text() and "创建用户" in j.text(), "account changes are in the trail")
    j.shot("audit")
    j.log_out()


def applicant_registers_and_logs_in(server, driver, label="applicant"):
    j = Journey(server, driver, label)
    j.open("/")
    j.check("2025年度国际与区域科技交流类项目申报指南" in j.text(), "home shows the call")
    j.check("国际合作项目" in j.text() and "7–8 项" in j.text(), "home shows categories")
    j.only_own_resources()
    overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    j.check(not overflow, "home page wider than the screen")
    j.shot("home")
    j.click("main a[href='/register']")
    j.fill({
        "organization[name]": "湖南鸿斯科技有限公司",
        "organization[uscc]": "91430100MAE5UXKE2X",
        "organization[postalCode]": "4102",
        "organization[phone]": "123",
        "user[username]": "hongsi",
        "user[password]": "Xiangjiang2025",
        "passwordConfirm": "Xiangjiang2025",
    })
    j.submit()
    j.check("校验不通过" in j.field_error("organization_uscc"), "USCC error beside its field")
    j.check("邮政编码" in j.field_error("organization_postalCode"), "postal code error beside its field")
    j.check("请填写法人代表" in j.field_error("organization_legalRepresentative"), "missing field explained")
    j.check(driver.find_element(By.NAME, "organization[name]").get_attribute("value") == "湖南鸿斯科技有限公司",
            "typed values kept")
    j.shot("register-mistakes")
    j.fill({
        "organization[uscc]": "91430100MAE5UXKE2R",
        "organization[legalRepresentative]": "张三",
        "organization[address]": "长沙市岳麓区麓谷大道1号",
        "organization[postalCode]": "410205",
        "organization[phone]": "0731-88886666",
        "organization[nature]": "enterprise",
        "organization[applicantKind]": "provincialInstitution",
        "organization[bankAccount][accountName]": "湖南鸿斯科技有限公司",
        "organization[bankAccount][bankName]": "中国工商银行长沙麓谷支行",
        "organization[bankAccount][accountNumber]": "1901001234567890123",
        "user[password]": "Xiangjiang2025",
        "passwordConfirm": "Xiangjiang2025",
        "user[contactName]": "王五",
        "user[phone]": "13812345678",
        "user[email]": "ws@example.com",
    })
    # The division: the city first, then only its counties (the grouped select is the script-less form).
    city = driver.find_element(By.ID, "organization_divisionCode_city")
    county = driver.find_element(By.ID, "organization_divisionCode_county")
    j.check(city.find_elements(By.TAG_NAME, "option")[0].text == "请选择市州", "the city select starts empty")
    j.check(not driver.find_element(By.ID, "organization_divisionCode").is_displayed(), "the grouped select is replaced")
    Select(city).select_by_visible_text("长沙市")
    counties = [o.text for o in county.find_elements(By.TAG_NAME, "option")]
    j.check(counties[0] == "请选择县市区" and "岳麓区" in counties and "芦淞区" not in counties,
            f"only Changsha's counties are offered: {counties[:4]}")
    Select(county).select_by_visible_text("岳麓区")
    j.check(driver.find_element(By.ID, "organization_divisionCode").get_attribute("value") == "430104",
            "the county is what the form sends")
    j.shot("register-division-picker")
    j.submit()
    j.check("注册成功" in j.text(), "registered and signed in")
    j.check("湖南鸿斯科技有限公司" in j.text(), "workspace shows the organisation")
    j.check("用户管理" not in j.nav(), "applicant does not see admin links")
    j.shot("registered")
    j.log_out()
    j.open("/login")
    j.fill({"username": "hongsi", "password": "wrong-pass1"})
    j.submit()
    j.check("用户名或密码不正确" in j.text(), "wrong password explained")
    j.shot("login-wrong")
    j.fill({"password": "Xiangjiang2025"})
    j.submit()
    j.check(driver.current_url.endswith("/workspace"), "login lands in workspace")
    j.shot("logged-in")


def command_line_creates_users(binary):
    """`shenbao user create` with a recommender named by its organisation, then a refused one."""
    data = tempfile.mkdtemp(prefix="shenbao-cli-")
    env = dict(os.environ, SHENBAO_DATA_DIR=data, SHENBAO_BCRYPT_COST="8")
    env.pop("DATABASE_URL", None)
    try:
        ok = subprocess.run(
            [binary, "user", "create", "--username", "yuelu-kx", "--password", "Yuelu2025x", "--role", "recommender",
             "--organization", "岳麓区科学技术协会"], env=env, capture_output=True, text=True, timeout=120)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "已创建用户 yuelu-kx" in ok.stdout + ok.stderr, ok.stdout + ok.stderr
        bad = subprocess.run(
            [binary, "user", "create", "--username", "x", "--password", "short", "--role", "boss"],
            env=env, capture_output=True, text=True, timeout=120)
        output = bad.stdout + bad.stderr
        assert bad.returncode != 0, output
        for expected in ["用户名至少3个字符", "密码至少8个字符", "请选择角色"]:
            assert expected in output, output
    finally:
        shutil.rmtree(data, ignore_errors=True)


def applicant_fills_and_submits(server, driver):
    """A conference application from an empty draft to the county association."""
    j = Journey(server, driver, "application")
    j.open("/applications")
    j.shot("my-applications")
    j.click("form[action='/applications'] button")
    j.check("湖南省科协国际科技交流会议项目申报书" in j.text(), "the conference form opens")
    guided_form_checks(j, driver)

    def wait_saved():
        WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(
            lambda d: d.find_element(By.ID, "save-status").text.startswith("已保存"))

    j.fill({"projectName": "2025中德智能制造国际研讨会", "period[start]": "2025-06-01", "period[end]": "2025-12-31",
            "leader": "李明", "leaderTitle": "教授", "leaderPhone": "0731-8888666"})
    wait_saved()
    j.check(re.match(r"已保存 \d\d:\d\d", driver.find_element(By.ID, "save-status").text), "autosave shows the time")
    # The mistyped phone is explained beside its field after the autosave.
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: "联系电话" in d.find_element(By.CSS_SELECTOR, "[data-error-for='leaderPhone']").text)
    j.shot("autosaved-with-problem")
    j.fill({"leaderPhone": "0731-88886666"})
    wait_saved()
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: not d.find_element(By.CSS_SELECTOR, "[data-error-for='leaderPhone']").is_displayed())

    j.fill({"cooperationBasis": "与德国弗劳恩霍夫研究所合作十年。", "partners[0][name]": "Fraunhofer IPA",
            "partners[0][countryOrRegion]": "德国", "mainContent": "举办国际研讨会。", "expectedGoals": "签署合作备忘录。",
            "highlights": "首次在湘举办。", "summaryContent": "举办中德智能制造国际研讨会。", "summaryBasis": "十年合作基础。"})
    j.press("input[name='cooperationContent[codes][]'][value='hostSymposium']")
    j.press("input[name='fields[codes][]'][value='advancedManufacturing']")
    j.fill({"phases[0][period][start]": "2025-06-01", "phases[0][period][end]": "2025-08-31",
            "phases[0][budgetWan]": "6", "phases[0][goal]": "筹备"})
    j.press(".add-row[data-for='phases']")
    j.fill({"phases[1][period][start]": "2025-09-01", "phases[1][period][end]": "2025-12-31",
            "phases[1][budgetWan]": "9", "phases[1][goal]": "举办"})
    j.check(driver.find_element(By.ID, "requested-total").text == "15", "phase total in 万元")
    # "meiguo": a country typed in pinyin is found (the picker's list carries each name's pinyin).
    experts = [("Anna Schmidt", "德国"), ("John Smith", "meiguo"), ("陈大文", "中国香港")]
    for index, (name, country) in enumerate(experts):
        if index > 0:
            j.press(".add-row[data-for='invitedExperts']")
        j.fill({f"invitedExperts[{index}][name]": name, f"invitedExperts[{index}][countryOrRegion]": country,
                f"invitedExperts[{index}][affiliation]": "大学", f"invitedExperts[{index}][title]": "教授"})
    for code in ["independentLegalPerson", "noSubcontracting", "teamAndControls", "lawCompliance"]:
        j.press(f"input[name='eligibilityDeclarations[{code}]']")
    j.press("input[name='commitment[accepted]']")
    # The extra questions the province added (province_adds_questions): a choice and a required text.
    j.check("补充信息（本年度申报指南增加的问题）" in j.text(), "the form asks the call's extra questions")
    j.press("//fieldset[@id='questions']//label[normalize-space(.)='线下']/input")
    partner = driver.find_element(By.XPATH, "//fieldset[@id='questions']//label[starts-with(., '已签署合作协议的外方单位')]")
    j.fill({driver.find_element(By.ID, partner.get_attribute("for")).get_attribute("name"): "Fraunhofer IPA（已签署）"})
    counter = driver.find_element(By.CSS_SELECTOR, "[data-counter-for='f_summaryContent'] .count").text
    j.check(counter == str(len("举办中德智能制造国际研讨会。")), f"live character counter ({counter})")
    wait_saved()

    # Typed and reloaded before the autosave: nothing is lost.
    j.fill({"highlights": "首次在湘举办，规模最大。"})
    driver.refresh()
    try:
        driver.switch_to.alert.accept()
    except Exception:
        pass
    WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(
        lambda d: d.find_element(By.NAME, "highlights").get_attribute("value") == "首次在湘举办，规模最大。")
    j.check(driver.find_element(By.NAME, "invitedExperts[1][countryOrRegion]").get_attribute("value") == "美国",
            "a country typed in pinyin is stored as the country")
    j.shot("restored-after-reload")

    pdf = os.path.join(tempfile.mkdtemp(), "盖章扫描件.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    # A photo of the signed form is refused beside the upload: the scan is a PDF.
    photo = os.path.join(tempfile.mkdtemp(), "盖章页.jpg")
    with open(photo, "wb") as f:
        f.write(bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + b"JFIF\x00photo")
    Select(driver.find_element(By.ID, "upload-kind")).select_by_value("signedScan")
    driver.find_element(By.ID, "upload-file").send_keys(photo)
    j.press("#upload-form button[type=submit]")
    WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(
        lambda d: "只接受 PDF 文件" in d.find_element(By.CSS_SELECTOR, "[data-error-for='attachments_upload']").text)
    j.check(True, "a JPEG in the signed-scan slot is refused in Chinese")
    j.shot("scan-must-be-pdf")
    for kind in ["signedScan", "nonConfidentiality"]:
        Select(driver.find_element(By.ID, "upload-kind")).select_by_value(kind)
        driver.find_element(By.ID, "upload-file").send_keys(pdf)
        page = driver.find_element(By.TAG_NAME, "html")
        j.press("#upload-form button[type=submit]")
        WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(left(page))
    # The summary stays folded until 检查; what it lists is still there to read.
    j.check("请上传佐证材料" in driver.find_element(By.ID, "problem-list").get_attribute("textContent"),
            "evidence still required after the scan and the certificate")
    j.check(current_step(driver) == "上传", f"step bar: the uploads are next ({current_step(driver)})")
    Select(driver.find_element(By.ID, "upload-kind")).select_by_value("evidence")
    driver.find_element(By.ID, "upload-file").send_keys(pdf)
    page = driver.find_element(By.TAG_NAME, "html")
    j.press("#upload-form button[type=submit]")
    WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(left(page))
    j.check("附件已上传" in j.text() and "申报书已填写完整，可以提交" in j.text(), "complete after the uploads")
    j.check("一式六份" in j.text() and "hnkxgjb@126.com" in j.text(), "the materials to send are spelled out")
    j.check(current_step(driver) == "选择推荐渠道并提交", f"step bar: submit is next ({current_step(driver)})")
    j.shot("complete")
    Select(driver.find_element(By.ID, "recommenderId")).select_by_visible_text("岳麓区科学技术协会（县（市、区）科协）")
    j.confirm("#submit-form button[type=submit]", "提交后申报书将送交岳麓区科学技术协会审核，对方会收到待审核通知")
    j.check("已提交，等待推荐单位审核" in j.text(), "submitted")
    j.check("岳麓区科学技术协会" in j.text(), "holder shown")
    j.check("需要报送的材料" in j.text() and "李嘉玮" in j.text(), "after submission: what to send and to whom")
    j.check(current_step(driver) == "寄送纸质材料", f"step bar: the paper is next ({current_step(driver)})")
    j.shot("submitted")
    print_view_is_the_form(j, driver)
    j.open("/applications")
    j.check("待推荐单位审核" in j.text(), "list shows the new state")
    j.shot("list-after-submit")


def current_step(driver):
    steps = driver.find_elements(By.CSS_SELECTOR, ".steps [aria-current='step'] .step-label")
    return steps[0].text if steps else None


def no_horizontal_scroll(driver):
    return not driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")


def guided_form_checks(j, driver):
    """A blank draft is quiet; leaving a field shows its problem; 检查 lists every one, each a link
    that puts the cursor in its field; the step bar; the country list; a phone-sized look."""
    driver.set_window_size(1366, 900)
    visible_errors = [e for e in driver.find_elements(By.CSS_SELECTOR, ".field-error") if e.is_displayed()]
    j.check(not visible_errors, f"a blank draft shows no field error: {[e.text for e in visible_errors][:3]}")
    j.check(not driver.find_elements(By.CSS_SELECTOR, "[aria-invalid='true']"), "a blank draft marks no field invalid")
    j.check("还有" in j.text() and "项待填写" in j.text(), "the summary says quietly how much is missing")
    j.check(current_step(driver) == "填写", f"step bar: filling in is the current step ({current_step(driver)})")
    countries = driver.execute_script(
        "return Array.from(document.querySelectorAll('#countries option')).slice(0, 4).map(o => o.value)")
    j.check(countries == ["俄罗斯", "日本", "韩国", "美国"], f"common partners first: {countries}")
    j.shot("empty-form")
    # Leaving a required field empty shows its problem beside it, and only that one.
    j.press("#f_projectName")
    j.press("#f_leader")
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: d.find_element(By.ID, "err_projectName").is_displayed())
    j.check("项目名称" in driver.find_element(By.ID, "err_projectName").text, "the left field's problem names it")
    j.check(driver.find_element(By.ID, "f_projectName").get_attribute("aria-invalid") == "true", "aria-invalid set")
    j.check("err_projectName" in driver.find_element(By.ID, "f_projectName").get_attribute("aria-describedby"),
            "aria-describedby points at the error")
    j.check(not driver.find_element(By.ID, "err_leaderTitle").is_displayed(), "untouched fields stay quiet")
    driver.execute_script("document.getElementById('f_projectName').scrollIntoView({block: 'center'})")
    j.shot("left-a-field")
    # 检查: every problem, and the summary's link puts the cursor in its field.
    j.press("#check-button")
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: d.find_element(By.ID, "err_leaderTitle").is_displayed())
    j.check("error" in driver.find_element(By.ID, "problems").get_attribute("class"), "the summary turns to errors")
    j.shot("checked")
    driver.set_window_size(390, 844)
    driver.execute_script("window.scrollTo(0, 0)")
    j.check(no_horizontal_scroll(driver), "the checked form fits a 390 px phone")
    j.shot("checked-phone")
    driver.find_element(By.CSS_SELECTOR, "#problem-list a[href='#f_leaderTitle']").click()
    j.check(driver.switch_to.active_element.get_attribute("id") == "f_leaderTitle", "the summary link focuses its field")
    j.shot("summary-link-focused-phone")
    driver.set_window_size(1366, 900)


def print_view_is_the_form(j, driver):
    """The A4 print view in Chromium: the four sections, no empty rows, and as printed (A4, no buttons)."""
    application = urllib.parse.urlparse(driver.current_url).path.rstrip("/").split("/")[-1]
    j.open(f"/applications/{application}/print")
    text = j.text()
    for heading in ["一、申报单位基本情况", "二、申报项目基本情况", "三、申报单位承诺", "四、审查意见"]:
        j.check(heading in text, f"print view has {heading}")
    j.check("申报编号：2025-HY-" in text and "2025年2月" in text, "print view: number and the forms' edition")
    j.check("（）" not in text, "print view: no empty （）")
    cells = [c.text.strip() for c in driver.find_elements(By.CSS_SELECTOR, "table.doc td")]
    j.check("至" not in cells and "—" not in cells, "print view: no lone 至 or — in a row")
    empty = [r.get_attribute("outerHTML") for r in driver.find_elements(By.CSS_SELECTOR, "table.doc tbody tr")
             if not r.text.strip()]
    j.check(not empty, f"print view: no empty row {empty}")
    j.check(driver.find_element(By.ID, "print-button").is_displayed(), "打印 on screen")
    j.shot("print-view")
    # As the printer sees it: the buttons gone, A4 pages.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    j.check(not driver.find_element(By.ID, "print-button").is_displayed(), "打印 and 返回 not printed")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    j.check(boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes),
            f"print view prints on A4 pages ({len(boxes)} pages)")
    j.check(len(boxes) >= 3, "the cover on a page of its own, then the form")
    supplement = driver.find_element(By.ID, "doc-supplement").text
    j.check("举办形式" in supplement and "线下" in supplement and "Fraunhofer IPA（已签署）" in supplement,
            f"print view: the extra questions answered ({supplement})")


def recommenders_and_province_take_it_on(server, driver):
    """The county recommends to its city, the city to the province, the province accepts."""
    j = Journey(server, driver, "chain")

    def log_in(username, password):
        j.sign_in(username, password)

    for step, (username, target) in enumerate([("yuelu-kx", "长沙市科学技术协会"), ("changsha-kx", "湖南省科学技术协会")]):
        log_in(username, "Tuijian2025")
        j.open("/inbox")
        j.check("2025中德智能制造国际研讨会" in j.text(), f"{username} inbox lists it")
        j.shot(f"{username}-inbox")
        j.click("main table a[href^='/applications/']")
        j.check(f"推荐（报送{target}）" in j.text(), f"{username} recommends to {target}")
        j.press("input[name=decision][value=recommend]")
        j.fill({"comment": "材料真实完整，同意推荐。"})
        j.press("input[name=attested]")
        j.shot(f"{username}-opinion")
        j.confirm("#decide button[type=submit]", f"推荐后申报书将报送{target}")
        j.check("已推荐" in j.text(), f"{username} recommended")
        j.log_out()

    log_in("admin", "Chushi2025x")
    j.open("/inbox")
    j.click("main table a[href^='/applications/']")
    j.check("形式审查" in j.text(), "province intake form")
    j.click("#decide button[type=submit]")
    j.check("请选择审查结论" in j.text(), "intake without a decision is explained")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name^='checklist[']"):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    j.fill({"paperCopiesReceivedOn": "2025-05-20", "paperCopiesReceived": "6", "certificatesReceived": "2"})
    j.press("input[name=decision][value=accept]")
    j.shot("province-intake")
    j.confirm("#decide button[type=submit]", "受理后申报书进入专家评审环节，申报单位会收到受理通知")
    j.check("已受理" in j.text(), "accepted")
    j.open("/applications?status=accepted")
    j.check("共 1 份" in j.text(), "overview shows the accepted application")
    j.shot("province-overview")
    j.log_out()


def society_recommends_straight_to_the_province(server, driver):
    """A new 省级学会: the province adds it and opens its clerk's account; an applicant submits to
    it (through the API); its clerk signs in, chooses a password and recommends; the application
    goes straight to the province."""
    j = Journey(server, driver, "society")
    j.sign_in("admin", "Chushi2025x")
    j.open("/admin/recommenders")
    j.fill({"name": "湖南省机械工程学会"})
    # By id: the list's filter above the form has a select named "kind" too.
    Select(driver.find_element(By.ID, "new-kind")).select_by_value("provincialSociety")
    j.click("form[action='/admin/recommenders'][method='post'] button[type=submit]")
    j.check("湖南省机械工程学会" in j.text(), f"the society is added ({j.text()[:200]})")
    j.shot("society-added")
    j.fill({"username": "jixie-xh", "password": "Chushi2025x", "contactName": "周秘书长",
            "phone": "0731-84881234", "email": "jixie@example.com"})
    j.click("form[action$='/users'] button[type=submit]")
    j.check("jixie-xh" in j.text(), "the society's clerk has an account")
    j.shot("society-user")
    j.log_out()

    api = harness.login(server.base, "hongsi", "Xiangjiang2025")
    application_id = harness.ready_draft(api, "2025湘德机械工程青年学者交流会")
    answer_required_questions(api, application_id)
    routes = api.expect("GET", f"/api/v1/applications/{application_id}/recommenders")
    society = [r for r in routes if r.get("name") == "湖南省机械工程学会"]
    j.check(len(society) == 1, f"the applicant is offered the new society ({[r.get('name') for r in routes]})")
    api.expect("POST", f"/api/v1/applications/{application_id}/submit",
               {"recommenderId": society[0]["id"]})

    j.sign_in("jixie-xh", "Chushi2025x")
    j.open(f"/applications/{application_id}")
    j.check("推荐（报送湖南省科学技术协会）" in j.text(), "the society recommends straight to the province")
    j.press("input[name=decision][value=recommend]")
    j.fill({"comment": "材料真实完整，同意推荐。"})
    j.press("input[name=attested]")
    j.shot("society-opinion")
    j.click("#decide button[type=submit]")
    j.check("已推荐" in j.text(), "the society recommended")
    j.shot("society-recommended")
    j.log_out()
    j.sign_in("admin", "Chushi2025x")
    j.open("/inbox")
    j.check("2025湘德机械工程青年学者交流会" in j.text(), "the province's inbox holds it")
    j.shot("province-inbox")
    j.log_out()
    # Withdrawn again, so the review that follows has the one application it expects.
    api.expect("POST", f"/api/v1/applications/{application_id}/withdraw", {"comment": "改为下一年度申报"})


def province_runs_the_review(server, driver):
    """The whole expert review in the browser: the pool, the plan and finance's approval, the
    assignment, two experts scoring, the ranking with finance's reduction, and the meeting."""
    import datetime
    j = Journey(server, driver, "review")
    project = "2025中德智能制造国际研讨会"

    def log_in(username, password):
        j.sign_in(username, password)

    def flash():
        found = driver.find_elements(By.CSS_SELECTOR, ".flash.success")
        return found[0].text if found else ""

    def problems():
        found = driver.find_elements(By.CSS_SELECTOR, ".flash.error")
        return found[0].text if found else ""

    # 1. The province opens a finance account and builds the expert pool.
    log_in("admin", "Chushi2025x")
    j.open("/admin/users")
    j.fill({"username": "caizheng", "password": "Caiwu2025x", "role": "finance", "contactName": "赵会计",
            "phone": "0731-85165555", "email": "caizheng@example.com"})
    j.submit()
    j.check("已创建用户 caizheng" in j.text(), "finance user created")
    j.shot("finance-user-created")

    j.open("/experts")
    j.check("专家库还是空的" in j.text(), "the pool starts empty")
    add_expert = "form[action='/experts'] button[type=submit]"
    j.fill({"organizationName": "中南大学", "title": "教授", "phone": "13907310001", "email": "wangjg@example.com",
            "username": "zhuanjia-wang", "password": "Zhuanjia2025"})
    j.press("form[action='/experts'] input[name='fields[]'][value='advancedManufacturing']")
    j.click(add_expert)
    j.check("请填写专家姓名" in j.field_error("name"), "missing name explained beside 姓名")
    j.check(driver.find_element(By.ID, "organizationName").get_attribute("value") == "中南大学", "typed values kept")
    j.shot("expert-mistake")
    experts = [("王建国", "中南大学", "教授", ["advancedManufacturing"], "13907310001", "zhuanjia-wang"),
               ("刘芳", "湖南大学", "研究员", ["advancedManufacturing", "newMaterials"], "13907310002", "zhuanjia-liu")]
    accounts = {}
    for name, organization, title, fields, phone, username in experts:
        j.fill({"name": name, "organizationName": organization, "title": title, "phone": phone,
                "email": username + "@example.com", "username": username, "password": "Zhuanjia2025"})
        for code in fields:
            box = driver.find_element(By.CSS_SELECTOR, f"form[action='/experts'] input[name='fields[]'][value='{code}']")
            if not box.is_selected():
                j.press(f"form[action='/experts'] input[name='fields[]'][value='{code}']")
        j.click(add_expert)
        j.check(f"已将专家 {name} 加入专家库" in j.text(), f"expert {name} added ({problems()})")
        accounts[name] = (username, "Zhuanjia2025")
    csv = os.path.join(tempfile.mkdtemp(), "专家信息表.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("姓名,工作单位,职称,专业领域,联系电话,电子邮箱,回避单位\n")
        f.write("陈志强,国防科技大学,教授,生物医药、新材料,13907310003,chenzq@example.com,\n")
    driver.find_element(By.CSS_SELECTOR, "form[action='/experts/import'] input[type=file]").send_keys(csv)
    j.click("form[action='/experts/import'] button[type=submit]")
    result = driver.find_elements(By.ID, "import-result")
    j.check(result and "已导入 1 位专家" in result[0].text, f"import result shown ({problems()})")
    cells = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#import-result tbody td")]
    j.check(len(cells) == 4 and cells[1] == "陈志强" and cells[2] == "13907310003" and len(cells[3]) >= 8,
            f"initial password table ({cells})")
    accounts["陈志强"] = (cells[2], cells[3])
    pool = driver.find_element(By.ID, "experts").text
    j.check(all(name in pool for name in accounts) and "先进制造" in pool, "the pool lists the three experts")
    j.shot("expert-pool")

    # 2. The plan: a wrong total first, then the plan finance will see.
    j.open("/review")
    j.check("未制定" in driver.find_element(By.ID, "plan-state").text, "no plan yet")
    j.shot("desk-empty")
    deadline = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    j.fill({"expertsPerApplication": "2", "reviewDeadline": deadline, "totalBudgetWan": "300"})
    points = driver.find_elements(By.NAME, "criterionPoints[]")
    points[0].clear()
    points[0].send_keys("25")
    save_plan = "form[action^='/review/plan'] button[type=submit]"
    j.click(save_plan)
    j.check("合计应为100分" in j.text() and "现为105分" in j.text(), "criteria not adding up to 100 refused")
    j.check(driver.find_element(By.ID, "expertsPerApplication").get_attribute("value") == "2", "plan input kept")
    j.shot("plan-mistake")
    points = driver.find_elements(By.NAME, "criterionPoints[]")
    j.check(points[0].get_attribute("value") == "25", "the wrong points kept for correction")
    points[0].clear()
    points[0].send_keys("20")
    j.click(save_plan)
    j.check("评审方案已保存，等待财务审核" in flash(), f"plan saved ({problems()})")
    j.check(driver.find_element(By.ID, "plan-state").text == "待财务审核", "plan waits for finance")
    j.check(driver.find_element(By.ID, "totalBudgetWan").get_attribute("value") == "300", "budget kept in 万元")
    j.check(not driver.find_elements(By.CSS_SELECTOR, "form[action='/review/assign'], form[action^='/review/assign?']"), "no assignment before approval")
    j.shot("plan-saved")
    j.log_out()

    # 3. Finance approves the plan.
    log_in("caizheng", "Caiwu2025x")
    j.open("/finance")
    j.check(driver.find_element(By.ID, "plan-state").text == "待财务审核", "finance sees the pending plan")
    j.check("300 万元" in j.text() and "每个项目 2 位专家" in j.text(), "finance sees budget and experts per project")
    j.shot("finance-plan")
    j.click("form[action^='/finance/approve'] button[type=submit]")
    j.check("已审核同意评审方案" in flash(), f"plan approved ({problems()})")
    j.check(driver.find_element(By.ID, "plan-state").text == "财务已审核同意", "plan approved state")
    j.shot("finance-approved")
    j.log_out()

    # 4. Once the call is in 形式审查 the province assigns experts automatically and starts the review.
    log_in("admin", "Chushi2025x")
    j.open("/review")
    j.check("财务 赵会计 审核同意" in j.text(), "desk names who approved")
    # Assignment and the review start in 形式审查, once the call has closed for applications: the
    # desk says so and offers neither button until then.
    hint = driver.find_element(By.ID, "phase-hint").text
    j.check("当前为“申报中”阶段" in hint and "进入“形式审查”阶段" in hint, f"the desk names the phase and next step ({hint})")
    j.check(not driver.find_elements(By.CSS_SELECTOR, "form[action^='/review/start']"), "no start outside its phase")
    j.check(not driver.find_elements(By.CSS_SELECTOR, "form[action='/review/assign'], form[action^='/review/assign?']"), "no assignment outside its phase")
    j.shot("review-waits-for-phase")
    j.open("/admin/calls")
    j.click("#next-phase")
    j.check("尚未设置申报截止时间" in j.text(), "the intake waits for a deadline, and says it is missing")
    j.shot("phase-refused")
    j.fill({"deadline": "2025-03-31 17:00"})
    j.click("#call-edit button[type=submit]")
    j.check("申报指南已保存" in j.text(), "deadline saved")
    j.confirm("#next-phase", "进入“形式审查”阶段后不能退回")
    current = driver.find_element(By.CSS_SELECTOR, "#phases li.current").text
    j.check(current.endswith("形式审查"), f"call in 形式审查 (now {current})")
    j.open("/review")
    j.click("form[action='/review/assign'] button[type=submit], form[action^='/review/assign?'] button[type=submit]")
    j.check("已自动分配评审专家" in flash(), f"auto assignment ({problems()})")
    row = driver.find_element(By.CSS_SELECTOR, "#assignments tbody tr")
    j.check(project in row.text, "the application is in the assignments table")
    items = [li.text for li in row.find_elements(By.CSS_SELECTOR, "ul.plain > li")]
    assigned = [name for name in accounts if any(text.startswith(name + "（") for text in items)]
    if assigned:
        SWEEP_ACCOUNTS["expert"] = accounts[assigned[0]]
    j.check(len(items) == 2 and len(assigned) == 2, f"two experts assigned ({items})")
    j.check("已分配2人" in row.text, "assigned count shown")
    j.shot("assigned")
    j.open("/review")
    j.confirm("form[action^='/review/start'] button[type=submit]", "每位专家会收到评审任务通知")
    j.check("专家评审已开始" in flash(), f"review started ({problems()})")
    j.check("已冻结" in driver.find_element(By.ID, "plan-state").text, "plan frozen once the review starts")
    j.check("评审中" in driver.find_element(By.ID, "assignments").text, "application in review")
    j.shot("started")
    j.log_out()

    # 5. Each expert scores: out of range first, a draft, then the submission.
    marks = [{"significance": "18", "internationalization": "17", "trackRecord": "13", "feasibility": "16",
              "expectedResults": "12", "budget": "8"},
             {"significance": "16", "internationalization": "18", "trackRecord": "12", "feasibility": "17",
              "expectedResults": "13", "budget": "9"}]
    totals = []
    for number, (name, scores) in enumerate(zip(assigned, marks), start=1):
        label = f"expert{number}"
        log_in(*accounts[name])
        j.open("/reviews")
        j.check(project in j.text() and "待评审" in j.text(), f"{name} sees the assignment")
        j.check("评审截止日期" in j.text(), f"{name} sees the deadline")
        j.shot(f"{label}-list")
        j.click("main table a[href^='/reviews/']")
        j.check(driver.find_element(By.ID, "review-status").text == "待评审", f"{name}: assignment not started")
        review_url = driver.current_url.split("?")[0]
        wrong = dict(scores, significance="25")
        j.fill({f"scores[{code}]": value for code, value in wrong.items()})
        j.fill({"comment": "国际合作基础扎实，会议方案可行。"})
        j.press("input[name=recommendation][value=fund]")
        j.confirm("button[name=action][value=submit]", "提交后评审意见不能再修改")
        j.check("得分应为0至20分，现为25分" in j.field_error("score-significance"),
                f"{name}: out-of-range score explained beside it")
        j.check(driver.find_element(By.ID, "review-status").text == "待评审", f"{name}: nothing submitted")
        j.shot(f"{label}-score-mistake")
        # A draft with one score still missing.
        j.fill({"scores[significance]": scores["significance"]})
        driver.find_element(By.NAME, "scores[budget]").clear()
        j.click("button[name=action][value=save]")
        j.check("草稿已保存" in j.text(), f"{name}: draft saved ({problems()})")
        driver.get(review_url)
        WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(
            lambda d: d.find_element(By.ID, "review-status").text == "草稿")
        kept = driver.find_element(By.NAME, "scores[significance]").get_attribute("value")
        j.check(kept == scores["significance"], f"{name}: draft score kept ({kept})")
        j.check(driver.find_element(By.NAME, "scores[budget]").get_attribute("value") == "", "missing score stays empty")
        j.check(driver.find_element(By.NAME, "comment").get_attribute("value") == "国际合作基础扎实，会议方案可行。",
                f"{name}: draft comment kept")
        j.check(driver.find_element(By.CSS_SELECTOR, "input[name=recommendation][value=fund]").is_selected(),
                f"{name}: draft recommendation kept")
        j.shot(f"{label}-draft")
        j.fill({"scores[budget]": scores["budget"], "suggestedAmountWan": "12"})
        j.confirm("button[name=action][value=submit]", "提交后评审意见不能再修改")
        j.check("评审意见已提交" in j.text(), f"{name}: submitted ({problems()})")
        j.check(driver.find_element(By.ID, "review-status").text == "已提交", f"{name}: status submitted")
        total = sum(int(v) for v in scores.values())
        totals.append(total)
        j.check(driver.find_element(By.ID, "review-total").text == str(total), f"{name}: total {total} shown")
        j.check(driver.find_element(By.NAME, "scores[significance]").get_attribute("readonly") is not None,
                f"{name}: scores read-only after submission")
        j.check(driver.find_element(By.NAME, "comment").get_attribute("readonly") is not None,
                f"{name}: comment read-only after submission")
        j.check(not driver.find_elements(By.CSS_SELECTOR, "button[name=action]"), f"{name}: no buttons after submission")
        j.shot(f"{label}-submitted")
        j.open("/reviews")
        j.check("已提交" in j.text() and "我的评审（1/1）" in j.text(), f"{name}: list shows it done")
        j.log_out()

    # 6. The province ends the review; finance reduces the budget beside the ranking.
    log_in("admin", "Chushi2025x")
    j.open("/review")
    j.click("form[action^='/review/complete'] button[type=submit]")
    j.check("专家评审已结束" in flash(), f"review completed ({problems()})")
    j.check("已评审" in driver.find_element(By.ID, "assignments").text, "application reviewed")
    j.shot("completed")
    average = sum(totals) / len(totals)
    score = f"{average:g}"
    j.open("/ranking")
    ranking = driver.find_element(By.CSS_SELECTOR, "table.ranking").text
    j.check(project in ranking and score in ranking, f"ranking lists the project with {score} ({ranking})")
    j.shot("ranking")
    j.log_out()

    log_in("caizheng", "Caiwu2025x")
    j.open("/ranking")
    j.check(score in driver.find_element(By.CSS_SELECTOR, "table.ranking").text, "finance sees the score")
    j.press("table.ranking a[href^='/finance#line-']")
    j.check("/finance" in driver.current_url, "the ranking leads finance to its opinion form")
    # Amounts are typed in 万元 like everywhere on the pages: "16" is 16 万元, above the 15 requested.
    Select(driver.find_element(By.NAME, "decision")).select_by_value("reduce")
    j.fill({"amountWan": "16", "comment": "会场租赁费偏高"})
    j.click("form.finance-opinion button[type=submit]")
    j.check("核减后金额应在0至15万元之间" in problems(), f"reduction above the request refused ({problems()})")
    j.shot("finance-mistake")
    Select(driver.find_element(By.NAME, "decision")).select_by_value("reduce")
    j.fill({"amountWan": "12", "comment": "会场租赁费偏高，核减3万元"})
    j.click("form.finance-opinion button[type=submit]")
    j.check("的预算意见：核减至12万元：会场租赁费偏高，核减3万元" in flash(), f"opinion saved and shown ({problems()})")
    j.check("已保存：核减至12万元" in j.text(), "the saved opinion stays beside the form")
    j.open("/ranking")
    j.check("核减至12万元：会场租赁费偏高，核减3万元" in j.text(), "ranking shows finance's reduction")
    j.shot("finance-reduced")
    j.log_out()

    # 7. The meeting: the suggestion, a refused amount, the decision, the minutes.
    log_in("admin", "Chushi2025x")
    j.open("/meeting")
    j.check("建议资助12万元（按财务意见核减，申请15万元）" in j.text(), "suggestion and its reason shown")
    funded = driver.find_element(By.CSS_SELECTOR, "#decisions input[name^='funded[']")
    amount = driver.find_element(By.CSS_SELECTOR, "#decisions input[name^='amount[']")
    j.check(funded.is_selected() and amount.get_attribute("value") == "12", "suggestion prefilled in 万元")
    j.check("少于指南的" in driver.find_element(By.ID, "warnings").text, "suggestion's warnings shown")
    application_path = driver.find_element(By.CSS_SELECTOR, "#decisions a[href^='/applications/']").get_attribute(
        "href")
    j.shot("meeting-suggestion")
    amount_name = amount.get_attribute("name")
    j.fill({amount_name: "14"})
    j.click("#decisions button[type=submit]")
    j.check("超过财务核减后金额12万元" in problems(), f"amount above finance's cap refused ({problems()})")
    j.check(driver.find_element(By.NAME, amount_name).get_attribute("value") == "14", "entered amount kept")
    j.check(not driver.find_elements(By.ID, "confirm-minutes"), "nothing to confirm before a decision is saved")
    j.shot("meeting-refused")
    j.fill({amount_name: "10"})
    j.click("#decisions button[type=submit]")
    j.check("会议决定已保存" in flash(), f"decisions saved ({problems()})")
    j.check(driver.find_element(By.ID, "funded-count").text == "1", "one funded")
    j.check(driver.find_element(By.NAME, amount_name).get_attribute("value") == "10", "saved amount shown")
    warnings = driver.find_element(By.ID, "warnings").text
    j.check("国际科技交流会议项目拟资助1项，少于指南的3项" in warnings, f"warnings shown ({warnings})")
    j.shot("meeting-recorded")
    j.confirm("#confirm-minutes", "确定确认会议纪要吗")
    j.check("会议纪要已确认" in flash(), f"minutes confirmed ({problems()})")
    j.shot("meeting-confirmed")
    j.open(application_path)
    j.check("拟资助" in driver.find_element(By.TAG_NAME, "main").text, "the application is now 拟资助")
    j.shot("application-funded")
    j.log_out()


def province_posts_the_notice_and_publishes(server, driver):
    """The call moved through its phases behind their guards, the notice computed on China's
    calendar, and the funded list published for anyone to read."""
    j = Journey(server, driver, "notice")
    project = "2025中德智能制造国际研讨会"
    j.sign_in("admin", "Chushi2025x")
    j.open("/admin/calls")
    # Starting and ending the review moved the call on; the notice is started on its own page.
    current = driver.find_element(By.CSS_SELECTOR, "#phases li.current").text
    j.check(current.endswith("会议审议"), f"the review's end moved the call to 会议审议 (now {current})")
    j.check(not driver.find_elements(By.ID, "next-phase"), "the notice is not started from the phase row")
    j.shot("phases")

    # The notice: never backdated, so it starts today (Beijing time), and 5 working days must
    # pass before the list is published.
    import datetime
    import sqlite3
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()
    j.open("/notice")
    j.check("拟资助项目（现 1 项）" in j.text(), "the funded project waits for the notice")
    j.fill({"startDate": "2026-11-02"})
    j.click("#notice-start button[type=submit]")
    j.check("公示起始日期不能早于今天" in j.text(), "a backdated notice is refused")
    j.fill({"startDate": today})
    j.confirm("#notice-start button[type=submit]", "开始公示后拟资助名单在网站公开")
    j.check("公示已开始" in j.text(), "notice started")
    period = driver.find_element(By.ID, "notice-period").text
    day = datetime.date.fromisoformat(today)
    j.check(period.startswith(f"{day.year}年{day.month}月{day.day}日 至 "), f"notice period computed, in Chinese dates ({period})")
    j.shot("notice-started")
    j.click("#publish")
    j.check("公示期满后才能发布立项名单" in j.text(), "nothing published while the notice runs")
    # Five working days pass: the notice is moved back to the week of Monday 2026-11-02, as if
    # it had been started then.
    db = sqlite3.connect(os.path.join(server.data, "shenbao.sqlite"), timeout=30)
    db.execute("UPDATE notices SET start_date = '2026-11-02', end_date = '2026-11-06'")
    db.commit()
    db.close()
    j.open("/notice")
    j.confirm("#publish", "确定发布立项名单吗")
    j.check("立项名单已发布" in j.text(), f"published ({j.text()[:300]})")
    j.shot("published")
    j.log_out()

    # Anyone reads both lists from the home page, without logging in.
    j.open("/")
    j.click("a[href$='/funded']")
    listed = driver.find_element(By.ID, "funded-list").text
    j.check(project in listed and "10" in listed, f"funded list shows the project and 10 万元 ({listed})")
    j.only_own_resources()
    j.shot("funded-list")
    j.open("/")
    j.click("a[href$='/notice']")
    j.check(project in driver.find_element(By.ID, "notice-list").text, "notice list shows the project")
    j.check("公示已结束" in j.text(), "the ended notice takes no objections")
    j.shot("notice-ended")


def funded_project_is_followed_to_acceptance(server, driver):
    """The funded project's year on its page: the signed agreement uploaded and confirmed, a
    payment recorded, a change approved, the interim report returned and resubmitted, the final
    report with its 经费决算 and evidence accepted, the acceptance recorded with a score."""
    import datetime
    j = Journey(server, driver, "funded")

    def flash():
        found = driver.find_elements(By.CSS_SELECTOR, ".flash.success")
        return found[0].text if found else ""

    def fill_in(form_css, values):
        """Fills fields of one form: both reports' forms name their fields alike."""
        form = driver.find_element(By.CSS_SELECTOR, form_css)
        for name, value in values.items():
            element = form.find_element(By.NAME, name)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            else:
                element.clear()
                element.send_keys(value)

    def report_form(code):
        return f"form[action$='/reports/{code}']"

    pdf = os.path.join(tempfile.mkdtemp(), "项目任务书（签字盖章）.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    agenda = os.path.join(tempfile.mkdtemp(), "会议议程.pdf")
    shutil.copyfile(pdf, agenda)

    # The province finds the funded project; the unit uploads the signed agreement.
    j.sign_in("admin", "Chushi2025x")
    j.open("/applications?status=approved")
    project = driver.find_element(By.CSS_SELECTOR, "main table a[href^='/applications/']").get_attribute("href")
    j.log_out()
    j.sign_in("hongsi", "Xiangjiang2025")
    j.open(project)
    j.check("立项与项目任务书" in j.text(), "the unit sees the agreement section")
    driver.find_element(By.ID, "agreement-file").send_keys(pdf)
    j.confirm("#agreement-upload button[type=submit]", "上传后即提交省科协确认")
    j.check("项目任务书已上传" in flash(), f"agreement uploaded ({flash()})")
    j.shot("agreement-uploaded")
    j.log_out()

    j.sign_in("admin", "Chushi2025x")
    j.open(project)
    j.confirm("#agreement-confirm button[type=submit]", "确认后项目进入执行阶段")
    j.check("已确认项目任务书" in flash(), f"agreement confirmed ({flash()})")
    j.log_out()

    # Finance records a payment in 万元.
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()
    j.sign_in("caizheng", "Caiwu2025x")
    j.open(project)
    j.fill({"paidOn": today, "amountWan": "5", "phaseIndex": "0", "voucherNumber": "记-2026-001"})
    j.confirm("form[action$='/disbursements'] button[type=submit]", "拨付记录登记后不能修改或删除")
    j.check("已登记拨付" in flash(), f"payment recorded ({flash()})")
    j.check("5 万元" in driver.find_element(By.ID, "disbursement-summary").text, "paid 5 万元 shown")
    j.shot("payment")
    j.log_out()

    # The unit asks for a change of content; the province approves it.
    j.sign_in("hongsi", "Xiangjiang2025")
    j.open(project)
    fill_in("form[action$='/changes']", {"kind": "content", "mainContent": "增加一场面向企业的智能制造对接会。",
                                         "reason": "德方合作单位提议增加企业对接环节"})
    j.confirm("form[action$='/changes'] button[type=submit]", "变更申请提交后由省科协审核")
    j.check("变更申请已提交" in flash(), f"change requested ({flash()})")
    j.log_out()
    j.sign_in("admin", "Chushi2025x")
    j.open(project)
    j.confirm("form[action*='/changes/'] button[name=approve][value=true]", "同意后申报书的相应内容随之变更")
    j.check("已审核变更申请" in flash(), f"change approved ({flash()})")
    j.log_out()

    # The interim report: a bad 万元 number named beside its field, then submitted.
    j.sign_in("hongsi", "Xiangjiang2025")
    j.open(project)
    j.check("项目报告：中期报告" in j.text() and "项目报告：总结报告" in j.text(), "both reports listed")
    fill_in(report_form("interim"), {"answers[progress]": "已完成筹备，确定德方专家名单。",
                                     "spent0": "六万", "spent1": "0", "explanation1": "第二阶段尚未开支"})
    j.click(report_form("interim") + " button[name=intent][value=save]")
    j.check("第1阶段的实际支出应为以万元为单位的数字" in j.field_error("r-interim-spent0"),
            "a bad 万元 number is named beside its field")
    j.shot("interim-bad-number")
    fill_in(report_form("interim"), {"spent0": "6"})
    j.click(report_form("interim") + " button[name=intent][value=save]")
    j.check("报告已保存" in flash(), f"interim saved ({flash()})")
    j.confirm(report_form("interim") + " button[name=intent][value=submit]", "由省科协审核")
    j.check("报告已提交" in flash(), f"interim submitted ({flash()})")
    j.log_out()

    # The province returns it with a comment; the unit reads it and submits again; accepted.
    j.sign_in("admin", "Chushi2025x")
    j.open(project)
    fill_in("form[action$='/reports/interim/decision']", {"comment": "请补充德方专家名单"})
    j.confirm("form[action$='/reports/interim/decision'] button[name=accept][value=false]", "确定退回修改吗")
    j.check("报告已退回修改" in flash(), f"interim returned ({flash()})")
    j.log_out()
    j.sign_in("hongsi", "Xiangjiang2025")
    j.open(project)
    j.check("省科协的意见：请补充德方专家名单" in driver.find_element(By.ID, "report-interim").text,
            "the unit reads the province's comment on top of its report")
    j.shot("interim-returned")
    fill_in(report_form("interim"), {"answers[progress]": "已完成筹备，德方专家：Anna Schmidt、Lukas Weber。"})
    j.confirm(report_form("interim") + " button[name=intent][value=submit]", "由省科协审核")
    j.check("报告已提交" in flash(), f"interim resubmitted ({flash()})")
    j.log_out()
    j.sign_in("admin", "Chushi2025x")
    j.open(project)
    j.confirm("form[action$='/reports/interim/decision'] button[name=accept][value=true]", "确定审核通过吗")
    j.check("报告已审核通过" in flash(), f"interim accepted ({flash()})")
    j.log_out()

    # The final report: its 经费决算 and one evidence file; submitted, accepted.
    j.sign_in("hongsi", "Xiangjiang2025")
    j.open(project)
    Select(driver.find_element(By.ID, "r-final-type")).select_by_value("agenda")
    driver.find_element(By.ID, "r-final-file").send_keys(agenda)
    j.click("form[action$='/reports/final/evidence'] button[type=submit]")
    j.check("佐证材料已上传" in flash(), f"evidence uploaded ({flash()})")
    j.check("会议议程或活动日程：会议议程.pdf" in driver.find_element(By.ID, "report-final").text, "evidence listed")
    fill_in(report_form("final"), {
        "answers[completion]": "研讨会如期举办，完成全部预期目标。", "answers[outcomes]": "签署合作备忘录一份。",
        "answers[participants]": "120", "answers[countries]": "德国",
        "spent0": "6", "spent1": "8.5", "explanation1": "会场费用低于预算"})
    j.press(report_form("final") + " input[name='answers[agreementSigned]'][value=yes]")
    j.shot("final-filled")
    j.confirm(report_form("final") + " button[name=intent][value=submit]", "由省科协审核")
    j.check("报告已提交" in flash(), f"final submitted ({flash()})")
    j.log_out()
    j.sign_in("admin", "Chushi2025x")
    j.open(project)
    final = driver.find_element(By.ID, "report-final").text
    j.check("8.5" in final and "会场费用低于预算" in final and "实际支出 14.5 万元" in final,
            f"the province reads the 经费决算 ({final[:300]})")
    j.confirm("form[action$='/reports/final/decision'] button[name=accept][value=true]", "确定审核通过吗")
    j.check("报告已审核通过" in flash(), f"final accepted ({flash()})")

    # The acceptance: a problem beside its field, then recorded with a score.
    acceptance = "form[action$='/acceptance']"
    j.press(acceptance + " input[name=passed][value=true]")
    fill_in(acceptance, {"score": "88", "goal0": "met", "goal1": "partly"})
    j.confirm(acceptance + " button[type=submit]", "确定记录“验收通过”吗")
    j.check("请填写验收意见" in j.field_error("acceptance-comment"), "the missing opinion is named beside it")
    j.shot("acceptance-refused")
    fill_in(acceptance, {"comment": "研讨会成效明显，达到预期目标。"})
    j.confirm(acceptance + " button[type=submit]", "确定记录“验收通过”吗")
    j.check("验收结论已记录" in flash(), f"acceptance recorded ({flash()})")
    recorded = driver.find_element(By.ID, "acceptance").text
    j.check("验收通过" in recorded and "88" in recorded and "良好" in recorded, f"score and grade listed ({recorded[:300]})")
    j.shot("accepted")
    j.log_out()


def province_exports_at_the_command_line(binary, server):
    """`shenbao export` writes the accepted application's package, with progress."""
    import zipfile
    out = tempfile.mkdtemp(prefix="shenbao-export-")
    env = dict(os.environ, SHENBAO_DATA_DIR=server.data)
    env.pop("DATABASE_URL", None)
    run = subprocess.run([binary, "export", "--call", "2025", "--out", out], env=env, capture_output=True, text=True,
                         timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0 and "[1/1]" in output, output
    folder = os.path.join(out, "2025年度申报材料")
    packages = os.listdir(folder)
    assert len(packages) == 1 and packages[0].startswith("2025-HY-0001 湖南鸿斯科技有限公司+"), packages
    names = zipfile.ZipFile(os.path.join(folder, packages[0])).namelist()
    assert any(n.endswith(".docx") for n in names) and any(n.endswith("盖章扫描件.pdf") for n in names), names
    shutil.rmtree(out, ignore_errors=True)


def audit_log_is_verified(binary, server):
    """`shenbao audit verify` on the journeys' data: whole, then broken by an edit in SQLite."""
    import sqlite3
    env = dict(os.environ, SHENBAO_DATA_DIR=server.data)
    env.pop("DATABASE_URL", None)
    whole = subprocess.run([binary, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0 and "审计日志完整" in whole.stdout + whole.stderr, whole.stdout + whole.stderr
    db = sqlite3.connect(os.path.join(server.data, "shenbao.sqlite"))
    db.execute("UPDATE application_events SET comment = '改过' WHERE action = 'accept'")
    db.commit()
    db.close()
    broken = subprocess.run([binary, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0 and "本条记录被修改" in output, output


def backup_restores_every_table(binary, server):
    """`shenbao backup` while the server runs, `shenbao restore` into an empty data folder, and
    every row of every table (attachments included) the same in both."""
    import sqlite3
    env = dict(os.environ, SHENBAO_DATA_DIR=server.data)
    env.pop("DATABASE_URL", None)
    folder = tempfile.mkdtemp(prefix="shenbao-backup-")
    backup = os.path.join(folder, "shenbao.backup")
    made = subprocess.run([binary, "backup", "--out", backup], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0 and "已备份到" in made.stdout + made.stderr, made.stdout + made.stderr
    again = subprocess.run([binary, "backup", "--out", backup], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "已存在" in again.stdout + again.stderr, "a backup never overwrites a file"
    restored_dir = os.path.join(folder, "restored")
    restore_env = dict(env, SHENBAO_DATA_DIR=restored_dir)
    done = subprocess.run([binary, "restore", backup], env=restore_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "已从" in done.stdout + done.stderr, done.stdout + done.stderr

    def tables(path):
        db = sqlite3.connect(path)
        names = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        content = {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))) for name in names}
        db.close()
        return content

    live = tables(os.path.join(server.data, "shenbao.sqlite"))
    copy = tables(os.path.join(restored_dir, "shenbao.sqlite"))
    assert set(live) == set(copy), (set(live) ^ set(copy))
    for name in live:
        assert live[name] == copy[name], f"table {name} differs after restore"
    assert live["blobs"], "the backup holds the attachments"

    def files(root):
        # The attachments' bytes: files named by their SHA-256 beside the database (SQLite).
        found = {}
        for parent, _, names in os.walk(os.path.join(root, "attachments")):
            for name in names:
                with open(os.path.join(parent, name), "rb") as handle:
                    found[name] = hashlib.sha256(handle.read()).hexdigest()
        return found

    live_files = files(server.data)
    assert live_files and all(name == digest for name, digest in live_files.items()), live_files
    assert files(restored_dir) == live_files, "every attachment's file is back after restore"
    shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    shutil.rmtree(SHOTS, ignore_errors=True)
    os.makedirs(SHOTS)
    command_line_creates_users(args.binary)
    server = Server(args.binary)
    try:
        desktop = browser()
        try:
            province_sets_up_the_system(server, desktop)
            province_adds_questions(server, desktop)
            applicant_registers_and_logs_in(server, desktop)
            applicant_fills_and_submits(server, desktop)
            Journey(server, desktop, "applicant").log_out()
            recommenders_and_province_take_it_on(server, desktop)
            society_recommends_straight_to_the_province(server, desktop)
            province_runs_the_review(server, desktop)
            province_posts_the_notice_and_publishes(server, desktop)
            funded_project_is_followed_to_acceptance(server, desktop)
            accounts_are_administered(server, desktop)
            province_exports_at_the_command_line(args.binary, server)
            audit_log_is_verified(args.binary, server)
            backup_restores_every_table(args.binary, server)
            started = time.monotonic()
            j = Journey(server, desktop, "sweep")
            roles = {"anonymous": None, "applicant": ("hongsi", "Xiangjiang2025"),
                     "recommender": ("yuelu-kx", "Xiangjiang2026"), "province": ("admin", "Chushi2025x"),
                     "finance": ("caizheng", "Caiwu2025x"), "expert": SWEEP_ACCOUNTS["expert"],
                     "sysadmin": ("xitong", "Kexie2025x"), "auditor": ("shenji", "Chushi2025x")}
            try:
                count = pages.sweep(server.base, desktop, roles, j.sign_in, j.log_out, SHOTS)
                print(f"sweep: {count} pages of {len(roles)} roles at 1366×900 and 390×844 "
                      f"in {time.monotonic() - started:.0f} s")
            except pages.PageProblem as problem:
                PAGE_PROBLEMS.append(str(problem))
        finally:
            desktop.quit()
        phone = browser(390, 844)
        try:
            j = Journey(server, phone, "phone")
            j.open("/")
            overflow = phone.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
            j.check(not overflow, "home page wider than a phone screen")
            j.shot("home")
            j.open("/register")
            j.shot("register")
        finally:
            phone.quit()
    finally:
        server.stop()
        print(f"page checks: {pages.TIMING['checks']} in {pages.TIMING['seconds']:.0f} s", file=sys.stderr)
    if PAGE_PROBLEMS:
        raise SystemExit(f"{len(PAGE_PROBLEMS)} page check(s) failed:\n" + "\n".join(PAGE_PROBLEMS))
    print(f"browser journeys passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    sys.exit(main())
