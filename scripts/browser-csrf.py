#!/usr/bin/env python3
"""Cross-site request forgery against the review pages, in headless Chromium (issue 13 item 11).

An attacker's pages, served on another port of the same host (same site, another origin) and on
`localhost` (another site), post forms to the server as soon as they load:
  1. login CSRF: before the victim signs in, a page on another site posts the attacker's token to
     /login, which would plant the attacker's session in the victim's browser;
  2. forced logout: after the victim signed in through the form, a page on another port of the
     same site posts to /logout (SameSite=Strict cookies are sent there: same site).
Prints JSON: what the server answered each forged form, and who /artifacts says is signed in
after each step. Uses browser-check.py's DevTools driver (no extra packages).

Usage: browser-csrf.py BASE_URL VICTIM_TOKEN ATTACKER_TOKEN"""
import http.server
import importlib.util
import json
import os
import socket
import sys
import threading
import time
from urllib.parse import urlparse

spec = importlib.util.spec_from_file_location("browser_check", os.path.join(os.path.dirname(__file__), "browser-check.py"))
browser_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser_check)


def attacker_server(pages):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "not found").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def forged_form(action, fields):
    inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
    return (f'<!doctype html><html><body><form id="f" method="POST" action="{action}">{inputs}</form>'
            '<script>document.getElementById("f").submit()</script></body></html>')


def main():
    base, victim, attacker = sys.argv[1:4]
    port = urlparse(base).port
    pages = {
        "/login-csrf": forged_form(f"http://127.0.0.1:{port}/login", {"token": attacker, "next": "/artifacts"}),
        "/logout-csrf": forged_form(f"http://127.0.0.1:{port}/logout", {}),
    }
    evil = attacker_server(pages)
    evil_port = evil.server_address[1]
    browser = browser_check.Browser()
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=session)

        def load(url):
            browser.send("Page.navigate", {"url": url}, session=session)
            browser.wait_event("Page.loadEventFired", session)

        def forged(url):
            """Opens the attacker's page and waits until its form's answer from the server has loaded."""
            browser.send("Page.navigate", {"url": url}, session=session)
            deadline = time.time() + 30
            here = ""
            while time.time() < deadline:
                try:
                    here = evaluate("location.href + ' ' + document.readyState") or ""
                    if here.startswith(base) and here.endswith(" complete"):
                        browser.events.clear()
                        return (evaluate("document.body.innerText") or "")[:300]
                except RuntimeError as error:
                    # The attacker's form submits itself: asked mid-navigation, Chromium answers
                    # that the page navigated (a busy machine makes the window wider); ask again.
                    if "navigated or closed" not in str(error) and "context" not in str(error):
                        raise
                time.sleep(0.1)
            raise TimeoutError("the forged form never reached the server: " + here)

        def evaluate(expression):
            result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
            return result["result"].get("value")

        def who():
            load(base + "/artifacts")
            text = evaluate("document.body.innerText") or ""
            path = evaluate("location.pathname")
            signed = [line for line in text.splitlines() if "signed in as" in line]
            return signed[0].strip() if signed else f"not signed in ({path})"

        result = {"attackerOrigins": [f"http://localhost:{evil_port}", f"http://127.0.0.1:{evil_port}"]}
        # 1. Login CSRF from another site (localhost is not the same site as 127.0.0.1).
        result["loginCsrfAnswer"] = forged(f"http://localhost:{evil_port}/login-csrf")
        result["afterLoginCsrf"] = who()
        # The victim signs in through the server's own form.
        load(base + "/login")
        evaluate("document.getElementById('token').value = %s; document.forms[0].submit(); true" % json.dumps(victim))
        browser.wait_event("Page.loadEventFired", session)
        result["afterSignIn"] = who()
        # 2. Forced logout from another port of the same site.
        result["logoutCsrfAnswer"] = forged(f"http://127.0.0.1:{evil_port}/logout-csrf")
        result["afterLogoutCsrf"] = who()
        # The victim's own sign-out button still works.
        evaluate("document.querySelector('form[action=\"/logout\"]').submit(); true")
        browser.wait_event("Page.loadEventFired", session)
        result["afterOwnLogout"] = who()
        print(json.dumps(result))
    finally:
        browser.close()
        evil.shutdown()


if __name__ == "__main__":
    main()
