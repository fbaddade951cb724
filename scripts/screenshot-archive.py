#!/usr/bin/env python3
"""Screenshot the oncalld web archive page (or another page) in headless Chromium.

Starts a throwaway oncalld in a temporary directory (its own config, state,
socket and a free 127.0.0.1 port), seeds three Chinese incidents with oncallctl
(one with an approved fault report, one with a draft) and two service requests
(a bug report decided, a software upgrade), a maintenance window and a
heartbeat, signs in to the web view as a manager, opens the page (--page:
/web/archive?q=登录 by default, or /web/requests, /web/requests/REQ-000001,
/web/releases, /web/maintenance, /web/heartbeats) in headless Chromium over the DevTools
protocol, checks that the page really is that page (the seeded subject is shown,
not the sign-in form) and saves a PNG of the viewport.

Usage (from the repository root, after `swift build`):

    scripts/screenshot-archive.py [--oncalld .build/debug/oncalld]
        [--oncallctl PATH] [--chromium chromium] [--out archive.png]
        [--width 1280 --height 900 | --phone] [--page archive|requests|request|releases|maintenance|heartbeats] [--keep]

--oncallctl defaults to the oncallctl next to --oncalld; --phone is 390x844
with mobile emulation; --keep leaves the temporary directory (config, daemon
and Chromium logs) for debugging. Needs `pip install websocket-client`,
Chromium, and a CJK font for the Chinese text (Debian: fonts-noto-cjk).
Exit status 0 with the PNG's path and size printed; 1 with a message.
"""
import argparse, base64, json, os, pwd, re, secrets, shutil, signal, socket, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

SUBJECT = "用户登录超时"
REQUEST_SUBJECT = "拣货单打印乱码"
# --page: the path opened and the text that shows it is that page.
PAGES = {
    "archive": ("/web/archive?q=" + urllib.parse.quote("登录"), SUBJECT),
    "requests": ("/web/requests", REQUEST_SUBJECT),
    "request": ("/web/requests/REQ-000001", REQUEST_SUBJECT),
    "releases": ("/web/releases", "发布窗口 Release windows"),
    "maintenance": ("/web/maintenance", "WMS 版本升级"),
    "heartbeats": ("/web/heartbeats", "nightly-backup"),
}
POSTMORTEM = """## 原因\n\n会话缓存集群主节点内存耗尽，登录请求超时。\n\n## 解决方法\n\n扩容并重启缓存集群。\n
## 解决经过\n\n10:05 发现，10:12 定位，10:20 恢复。\n\n## 预防措施\n\n增加缓存内存告警，每季度演练。\n"""


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*argv, stdin=None):
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise Failure(f"{' '.join(argv)} exited {done.returncode}: {(done.stderr or done.stdout).strip()}")
    return done.stdout.strip()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url, data=None, cookie=None):
    """One request, redirects not followed: (status, headers, body text)."""
    headers = {"Cookie": cookie} if cookie else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        with urllib.request.build_opener(NoRedirect).open(urllib.request.Request(url, data, headers), timeout=5) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def cookie(headers, name):
    for value in headers.get_all("Set-Cookie") or []:
        key, _, rest = value.split(";", 1)[0].partition("=")
        if key.strip() == name and rest:
            return rest
    raise Failure(f"no {name} cookie in the answer: {headers.get_all('Set-Cookie')}")


def wait_for(what, check, timeout, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if result := check():
                return result
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.2)
    with open(log, encoding="utf-8", errors="replace") as f:
        raise Failure(f"{what} not ready within {timeout} s\n--- {log} ---\n{f.read()[-4000:]}")


def write_config(tmp, port, password_hash):
    login = pwd.getpwuid(os.geteuid()).pw_name  # the socket caller: in the emergency group, so it may approve
    path = os.path.join(tmp, "oncalld.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""state_dir: {tmp}/state
socket: {{path: {tmp}/d.sock}}
http: {{listen: '127.0.0.1:{port}', tokens: []}}
people:
  - {{id: chen.jie, name: 陈杰, unix_user: '{login}'}}
project_managers: [chen.jie]
emergency_group: [chen.jie]
heartbeats:
  - {{name: nightly-backup, interval: 24h, grace: 1h, level: 3}}
web:
  users:
    - {{login: manager, name: 王敏, role: manager, password_hash: '{password_hash}'}}
""")
    return path


def seed(ctl, sock, tmp):
    def report(subject, organisation, reporter, scope):  # prints the new number, e.g. INC-000001
        return run(ctl, "report", "--socket", sock, "--subject", subject, "--organisation", organisation,
                   "--reporter", reporter, "--scope", scope).split()[-1]
    approved = report(SUBJECT, "华东区客服中心", "王芳", "part")
    draft = report("订单系统登录缓慢", "华南区运营部", "李娜", "few")
    report("打印机卡纸", "北京分公司", "赵强", "single")
    run(ctl, "resolve", "--socket", sock, approved, "--summary", "重启会话缓存集群")
    run(ctl, "resolve", "--socket", sock, draft, "--summary", "扩容订单数据库连接池")  # its report stays a draft
    markdown = os.path.join(tmp, "report.md")
    with open(markdown, "w", encoding="utf-8") as f:
        f.write(POSTMORTEM)
    run(ctl, "postmortem", "edit", "--socket", sock, approved, "--file", markdown)
    run(ctl, "postmortem", "submit", "--socket", sock, approved)
    run(ctl, "postmortem", "review", "--socket", sock, approved, "--approve")
    bug = run(ctl, "--socket", sock, "request", "new", "bug_report", "--subject", REQUEST_SUBJECT,
              "--organisation", "仓储中心", "--requester", "李雷").split()[-1]  # REQ-000001
    run(ctl, "--socket", sock, "request", "step", bug, "decided", "--note", "3.2.1 修复")
    run(ctl, "--socket", sock, "request", "new", "software_upgrade", "--subject", "WMS 升级到 3.2",
        "--organisation", "华东区客服中心", "--requester", "韩梅梅")
    run(ctl, "--socket", sock, "maintenance", "add", "--service", "WMS", "--for", "2h", "--reason", "WMS 版本升级")


def sign_in(base, password):
    status, headers, page = http(base + "/web/login")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page)
    if status != 200 or not csrf:
        raise Failure(f"GET /web/login answered {status} without a csrf field")
    form = urllib.parse.urlencode({"login": "manager", "password": password, "csrf": csrf.group(1)}).encode()
    status, headers, body = http(base + "/web/login", form, cookie="oncalld_login=" + cookie(headers, "oncalld_login"))
    if status != 303:
        raise Failure(f"sign-in answered {status}, not 303: {body[:300]}")
    return cookie(headers, "oncalld_session")


class DevTools:
    """The few DevTools protocol calls we need, over one page target's websocket."""

    def __init__(self, url):
        try:
            import websocket  # websocket-client
        except ImportError:
            raise Failure("needs websocket-client: pip install websocket-client") from None
        self.ws, self.next_id, self.events = websocket.create_connection(url, timeout=30), 0, []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while (message := json.loads(self.ws.recv())).get("id") != self.next_id:
            self.events.append(message.get("method"))
        if "error" in message:
            raise Failure(f"{method}: {message['error']}")
        return message.get("result", {})

    def wait_event(self, name, timeout=20):
        deadline = time.monotonic() + timeout
        while name not in self.events:
            if time.monotonic() > deadline:
                raise Failure(f"no {name} within {timeout} s")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            self.events.append(json.loads(self.ws.recv()).get("method"))


def start(argv, log):
    with open(log, "w") as out:  # its own session, so stop() also ends Chromium's helpers
        return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def stop(process):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            return process.wait(5)
        except subprocess.TimeoutExpired:
            pass


def screenshot(args, tmp, procs):
    ctl = args.oncallctl or os.path.join(os.path.dirname(args.oncalld), "oncallctl")
    for binary in (args.oncalld, ctl):
        if not os.access(binary, os.X_OK):
            raise Failure(f"{binary} is not executable; run `swift build` first")
    if not (chromium := shutil.which(args.chromium)):
        raise Failure(f"no Chromium at {args.chromium}")
    password = secrets.token_urlsafe(18)
    password_hash = run(args.oncalld, "--hash-password", "--cost", "10", stdin=password + "\n")
    port, log = free_port(), os.path.join(tmp, "oncalld.log")
    procs.append(start([args.oncalld, "--config", write_config(tmp, port, password_hash)], log))
    base = f"http://127.0.0.1:{port}"
    wait_for("oncalld", lambda: procs[0].poll() is None and http(base + "/web/login")[0] == 200, 20, log)
    seed(ctl, os.path.join(tmp, "d.sock"), tmp)
    session = sign_in(base, password)

    profile, log = os.path.join(tmp, "chromium"), os.path.join(tmp, "chromium.log")
    procs.append(start([chromium, "--headless=new", "--disable-gpu", "--remote-debugging-port=0",
                        f"--user-data-dir={profile}", f"--window-size={args.width},{args.height}", "--no-first-run",
                        "--hide-scrollbars", "about:blank"] + (["--no-sandbox"] if os.geteuid() == 0 else []), log))
    with_port = lambda: open(os.path.join(profile, "DevToolsActivePort")).read().split()[0]  # noqa: E731
    devtools = f"http://127.0.0.1:{wait_for('Chromium', with_port, 30, log)}/json/list"
    pages = wait_for("the page target", lambda: [t for t in json.load(urllib.request.urlopen(devtools, timeout=5))
                                                 if t.get("type") == "page"], 20, log)
    cdp = DevTools(pages[0]["webSocketDebuggerUrl"])
    cdp.call("Network.enable")
    if not cdp.call("Network.setCookie", name="oncalld_session", value=session, url=base + "/web",
                    httpOnly=True).get("success", True):
        raise Failure("Chromium refused the session cookie")
    cdp.call("Page.enable")
    cdp.call("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height, deviceScaleFactor=1,
             mobile=args.phone)
    path, expected = PAGES[args.page]
    url = base + path
    cdp.call("Page.navigate", url=url)
    cdp.wait_event("Page.loadEventFired")
    page = json.loads(cdp.call("Runtime.evaluate", returnByValue=True, expression=(
        "JSON.stringify({path: location.pathname, title: document.title, text: document.body.innerText,"
        " signIn: !!document.querySelector('input[type=password]')})"))["result"]["value"])
    if page["path"] != urllib.parse.urlsplit(path).path or page["signIn"] or expected not in page["text"]:
        raise Failure(f"{url} is not the {args.page} page showing {expected}: {page['path']} {page['title']!r} {page['text'][:300]!r}")
    png = base64.b64decode(cdp.call("Page.captureScreenshot", format="png")["data"])
    with open(args.out, "wb") as f:
        f.write(png)
    return page["title"], len(png)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for option, default in (("--oncalld", ".build/debug/oncalld"), ("--chromium", "chromium"), ("--out", "archive.png")):
        parser.add_argument(option, default=default, help=f"default: {default}")
    parser.add_argument("--oncallctl", help="default: the oncallctl next to --oncalld")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--phone", action="store_true", help="390x844 with mobile emulation")
    parser.add_argument("--page", choices=sorted(PAGES), default="archive", help="default: archive")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory for debugging")
    args = parser.parse_args()
    if args.phone:
        args.width, args.height = 390, 844
    tmp, procs = tempfile.mkdtemp(prefix="oncall-screenshot-"), []
    try:
        title, size = screenshot(args, tmp, procs)
        print(f"{args.out}: {size} bytes, {args.width}x{args.height}, page {title!r}")
        return 0
    except Exception as error:  # Failure, OSError, subprocess and websocket errors
        print(f"screenshot-archive: {'' if isinstance(error, Failure) else type(error).__name__ + ': '}{error}",
              file=sys.stderr)
    finally:
        for process in reversed(procs):
            stop(process)
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
