#!/usr/bin/env python3
"""Browser journeys in Debian's Chromium: what a clerk and an applicant do on the pages.

Starts the real `shenbao serve` on a free port with an empty data folder, drives Chromium through
the journeys and saves a screenshot of every step in Tests/e2e/screenshots/ for a person to look at.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
SHOTS = os.path.join(HERE, "screenshots")


class Server:
    def __init__(self, binary):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="shenbao-e2e-")
        env = dict(os.environ, SHENBAO_DATA_DIR=self.data, SHENBAO_BCRYPT_COST="8")
        env.pop("DATABASE_URL", None)
        self.output = []
        self.process = subprocess.Popen(
            [binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("server did not start:\n" + "".join(self.output))

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line)

    def setup_link(self):
        for line in self.output:
            match = re.search(r"(http://\S+/setup/\S+)", line)
            if match:
                return match.group(1)
        raise AssertionError("serve printed no setup link:\n" + "".join(self.output))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        shutil.rmtree(self.data, ignore_errors=True)


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--lang=zh-CN"]:
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


class Journey:
    def __init__(self, server, driver, name):
        self.server, self.driver, self.name, self.step = server, driver, name, 0

    def open(self, path):
        self.driver.get(self.server.base + path if path.startswith("/") else path)

    def shot(self, label):
        self.step += 1
        self.driver.save_screenshot(os.path.join(SHOTS, f"{self.name}-{self.step:02d}-{label}.png"))

    def fill(self, values):
        for name, value in values.items():
            element = self.driver.find_element(By.NAME, name)
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            else:
                element.clear()
                element.send_keys(value)

    def click(self, css):
        """Clicks and waits for the next page, as a person waits before reading it."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, css).click()
        WebDriverWait(self.driver, 20).until(expected_conditions.staleness_of(page))

    def submit(self):
        if os.environ.get("E2E_DEBUG"):
            print("before submit", self.driver.current_url, self.driver.get_cookies(),
                  [e.get_attribute("value") for e in self.driver.find_elements(By.NAME, "_csrf")])
        self.click("main form button[type=submit]")

    def log_out(self):
        self.click(".account button")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

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
    j = Journey(server, driver, "province")
    j.open(server.setup_link())
    j.check("创建省科协管理员" in j.text(), "setup page")
    j.shot("setup")
    j.fill({"username": "admin", "password": "short", "contactName": "李嘉玮", "phone": "0731-84884381", "email": "hnkxgjb@126.com"})
    j.submit()
    j.check("密码至少8个字符" in j.field_error("password"), "password error beside its field")
    j.shot("setup-mistake")
    j.fill({"password": "Admin2025x"})
    j.submit()
    j.check(driver.current_url.endswith("/workspace"), "lands in workspace")
    j.check("用户管理" in j.text() and "推荐单位" in j.text(), "province navigation")
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
    j.log_out()
    j.check("您已安全退出登录" in j.text(), "logged out")
    j.shot("logged-out")


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
        "user[password]": "Hongsi2025",
        "passwordConfirm": "Hongsi2025",
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
        "organization[divisionCode]": "430104",
        "organization[bankAccount][accountName]": "湖南鸿斯科技有限公司",
        "organization[bankAccount][bankName]": "中国工商银行长沙麓谷支行",
        "organization[bankAccount][accountNumber]": "1901001234567890123",
        "user[password]": "Hongsi2025",
        "passwordConfirm": "Hongsi2025",
        "user[contactName]": "王五",
        "user[phone]": "13812345678",
        "user[email]": "ws@example.com",
    })
    j.submit()
    j.check("注册成功" in j.text(), "registered and signed in")
    j.check("湖南鸿斯科技有限公司" in j.text(), "workspace shows the organisation")
    j.check("用户管理" not in j.text(), "applicant does not see admin links")
    j.shot("registered")
    j.log_out()
    j.open("/login")
    j.fill({"username": "hongsi", "password": "wrong-pass1"})
    j.submit()
    j.check("用户名或密码不正确" in j.text(), "wrong password explained")
    j.shot("login-wrong")
    j.fill({"password": "Hongsi2025"})
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
            applicant_registers_and_logs_in(server, desktop)
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
    print(f"browser journeys passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    sys.exit(main())
