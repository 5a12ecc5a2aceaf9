#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe, no extra packages):
signs in through the login form with a token, opens a page, and prints JSON with the rendered
text, the SVG node count, each node's name, finding and box, any node text that overflows its
box, and screenshot statistics. Used by the server's browser test.

Usage: browser-check.py BASE_URL PATH TOKEN SCREENSHOT.png"""
import base64, json, os, shutil, struct, subprocess, sys, tempfile, time, zlib

def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium on PATH (apt-get install chromium)")

class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="wl-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        def child():  # Chromium reads commands on fd 3 and writes answers on fd 4
            os.dup2(to_browser_r, 3); os.dup2(from_browser_w, 4)
        self.process = subprocess.Popen([chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                         "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                                         "--window-size=1200,1000", "about:blank"],
                                        preexec_fn=child, pass_fds=(3, 4),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r); os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, session, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[index]
                    return event
            self.events.append(self.read())
        raise TimeoutError(method)

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

def png_stats(data):
    """Distinct colours and the share of non-white pixels in an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours, ink = set(), 0
    offset = 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        for x in range(0, stride, channels * 4):  # every 4th pixel is plenty
            pixel = bytes(line[x:x + 3])
            colours.add(pixel)
            if pixel != b"\xff\xff\xff":
                ink += 1
        previous = line
    sampled = height * ((width + 3) // 4)
    return {"width": width, "height": height, "colours": len(colours), "inkShare": ink / sampled}

def main():
    base, path, token, screenshot = sys.argv[1:5]
    browser = Browser()
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=session)
        def load(url):
            browser.send("Page.navigate", {"url": url}, session=session)
            browser.wait_event("Page.loadEventFired", session)
        def evaluate(expression):
            return browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)["result"].get("value")
        # Without a session the page redirects to the login form; sign in there as a person would.
        load(base + path)
        redirected = evaluate("location.pathname")
        evaluate("document.getElementById('token').value = %s; document.forms[0].submit(); true" % json.dumps(token))
        browser.wait_event("Page.loadEventFired", session)
        result = {
            "redirectedTo": redirected,
            "url": evaluate("location.pathname + location.search"),
            "title": evaluate("document.title"),
            "text": evaluate("document.body.innerText"),
            "svgNodes": evaluate("document.querySelectorAll('svg g.node').length"),
            "findingNodes": evaluate("Array.from(document.querySelectorAll('svg g.node')).map(n => n.dataset.finding)"),
            "cookieVisibleToScripts": evaluate("document.cookie"),
            # Each node: the full name (its tooltip), its finding and its box on the page.
            "nodes": evaluate("""Array.from(document.querySelectorAll('svg g.node')).map(g => {
                const r = g.querySelector('rect').getBoundingClientRect();
                return {name: g.querySelector('title').textContent.split(' \u2014 ')[0],
                        finding: g.dataset.finding, top: r.top, left: r.left, width: r.width, height: r.height};
            })"""),
            # Text that leaves its node's box (each line measured as the browser laid it out).
            "overflowing": evaluate("""Array.from(document.querySelectorAll('svg g.node')).flatMap(g => {
                const r = g.querySelector('rect').getBoundingClientRect();
                return Array.from(g.querySelectorAll('text')).filter(t => {
                    const b = t.getBoundingClientRect();
                    return b.left < r.left || b.right > r.right || b.top < r.top || b.bottom > r.bottom;
                }).map(t => t.textContent);
            })"""),
            "pageWidth": evaluate("document.documentElement.scrollWidth"),
        }
        full = {"format": "png", "captureBeyondViewport": True}
        shot = base64.b64decode(browser.send("Page.captureScreenshot", full, session=session)["data"])
        with open(screenshot, "wb") as out:
            out.write(shot)
        result["screenshot"] = png_stats(shot)
        print(json.dumps(result))
    finally:
        browser.close()

if __name__ == "__main__":
    main()
