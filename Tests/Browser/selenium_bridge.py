#!/usr/bin/env python3
"""Headless Chromium driven by Selenium, for the Swift browser tests (Tests/PierTestSupport/BrowserSession.swift).

Reads one JSON command a line on standard input and answers each with one JSON line on standard output:
  {"id": 1, "cmd": "open", "url": "http://127.0.0.1:8765/"}
  {"id": 2, "cmd": "js", "script": "return document.title"}              -> {"id": 2, "ok": true, "value": ...}
  {"id": 3, "cmd": "wait", "script": "return ...", "timeout": 5}         -> the first truthy value, and "elapsed"
  {"id": 4, "cmd": "click", "css": "button[data-action=restart]"}
  {"id": 5, "cmd": "screenshot", "path": ".build/dashboard-screenshots/x.png"}
Ends at the end of its input, quitting the browser.
"""
import json
import os
import signal
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("PIER_CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1440,1100", "--no-proxy-server", "--disable-background-networking"]:
        options.add_argument(argument)
    # The driver and the browser write nowhere the test reads: a test waits for its pipes' end, which a browser
    # left running would never give.
    service = Service(os.environ.get("PIER_CHROMEDRIVER", "/usr/bin/chromedriver"), log_output=subprocess.DEVNULL)
    return webdriver.Chrome(service=service, options=options)


def handle(driver, command):
    kind = command["cmd"]
    if kind == "open":
        driver.get(command["url"])
        return None
    if kind == "js":
        return driver.execute_script(command["script"])
    if kind == "wait":
        start = time.monotonic()
        deadline = start + float(command.get("timeout", 10))
        value = None
        while True:
            value = driver.execute_script(command["script"])
            if value:
                return {"value": value, "elapsed": time.monotonic() - start}
            if time.monotonic() > deadline:
                raise TimeoutError("still %r after %ss" % (value, command.get("timeout", 10)))
            time.sleep(0.02)
    if kind == "click":
        # The page redraws its tables as the engine's events come: an element found just before a redraw is gone
        # when clicked, and is found again.
        for attempt in range(10):
            try:
                driver.find_element(By.CSS_SELECTOR, command["css"]).click()
                return None
            except StaleElementReferenceException:
                if attempt == 9:
                    raise
                time.sleep(0.05)
    if kind == "screenshot":
        os.makedirs(os.path.dirname(command["path"]), exist_ok=True)
        driver.save_screenshot(command["path"])
        return None
    raise ValueError("unknown command %r" % kind)


def main():
    # Ended by the test (SIGTERM when it failed), the bridge still quits the browser.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    driver = browser()
    print(json.dumps({"id": 0, "ok": True, "value": driver.capabilities.get("browserVersion")}), flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            try:
                answer = {"id": command["id"], "ok": True, "value": handle(driver, command)}
            except Exception as error:  # every failure goes back to the test, which reports it
                answer = {"id": command["id"], "ok": False, "error": "%s: %s" % (type(error).__name__, error)}
            print(json.dumps(answer, default=str), flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
