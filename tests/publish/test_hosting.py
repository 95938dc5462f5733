"""Publishing recipes of docs/publishing.md, run as an IT specialist would run them.

One demonstration site is built with "htaccess": true and base_url "/vitrina/" into the
sub-folder vitrina/ of a document root, then:

* Debian's Apache (apache2-bin) serves the root from its own configuration file (own port on
  127.0.0.1, own pid, lock and log folders, an empty MIME table so that every type comes from the
  generated .htaccess, a CMS-like front-controller rewrite in the root's .htaccess) and the test
  crawls the site: every link answers 200, a missing address the site's 404 page, and .xlsx, .csv,
  .svg, .json (the search index search/ too) come with their types and charset;
* lftp `mirror --reverse --only-newer --delete` and `rsync -rlt --delete` upload the site, one value
  of the data changes, the site is rebuilt, and the second upload transfers exactly the files
  whose bytes changed and deletes exactly the files that are gone.

Needs apache2-bin, lftp, rsync (scripts/install-deps.sh --test).
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/publish/test_hosting.py
"""
import html.parser
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(os.environ.get("VITRINA_BIN", os.path.join(ROOT, "build", "generator", "vitrina")))
APACHE = "/usr/sbin/apache2"
MODULES = "/usr/lib/apache2/modules"
SUB = "vitrina"

TYPES = {  # extension → the Content-Type Apache must send
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError(f"{args} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def read(path):
    with open(path, "rb") as f:
        return f.read()


def files(root):
    """Relative path → bytes of every file under root."""
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = read(p)
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "src") or (tag == "object" and name == "data")):
                self.links.append(value)


def build(site, out):
    return run([BIN, "build", "-q", "--site", site, "--out", out], cwd=site)


class Hosting(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in (APACHE, "lftp", "rsync"):
            if not shutil.which(tool):
                raise AssertionError(f"{tool} is missing: run scripts/install-deps.sh --test")
        cls.tmp = tempfile.mkdtemp(prefix="vitrina-hosting-")
        os.chmod(cls.tmp, 0o755)  # Apache's workers run as nobody when the test runs as root
        cls.site = os.path.join(cls.tmp, "site")
        shutil.copytree(os.path.join(ROOT, "examples", "demo"), cls.site)
        settings = os.path.join(cls.site, "data", "site.json")
        with open(settings, encoding="utf-8") as f:
            s = json.load(f)
        s.update(htaccess=True, base_url=f"/{SUB}/")
        with open(settings, "w", encoding="utf-8") as f:
            json.dump(s, f, ensure_ascii=False, indent=2)
        cls.docroot = os.path.join(cls.tmp, "www")
        cls.out = os.path.join(cls.docroot, SUB)
        build(cls.site, cls.out)
        cls.search = "search"  # the search index the build writes
        if not os.path.isfile(os.path.join(cls.out, cls.search, "index.json")):
            raise AssertionError("no search index (search/index.json) in the built site")
        cls.server = None
        cls.start_apache()

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            os.killpg(cls.server.pid, signal.SIGTERM)  # graceful stop of the parent and its workers
            try:
                cls.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
                cls.server.wait()
            cls.server.stderr.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def start_apache(cls):
        conf_dir = os.path.join(cls.tmp, "apache")
        for d in ("run", "logs"):
            os.makedirs(os.path.join(conf_dir, d))
        open(os.path.join(conf_dir, "empty.types"), "w").close()
        # A CMS in the document root sends every missing address to its front controller
        # (as 1C-Bitrix's urlrewrite.php does); the site's own .htaccess must switch that off.
        with open(os.path.join(cls.docroot, ".htaccess"), "w") as f:
            f.write("RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteCond %{REQUEST_FILENAME} !-d\n"
                    "RewriteRule ^ /cms.html [L]\n")
        with open(os.path.join(cls.docroot, "cms.html"), "w") as f:
            f.write("<!doctype html><title>CMS</title><p>front controller</p>\n")
        cls.port = free_port()
        modules = ["mpm_event", "authz_core", "dir", "mime", "headers", "rewrite", "filter", "deflate", "alias"]
        user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
        conf = os.path.join(conf_dir, "httpd.conf")
        with open(conf, "w") as f:
            f.write("".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in modules))
            f.write(f"""ServerRoot "{conf_dir}"
ServerName 127.0.0.1
Listen 127.0.0.1:{cls.port}
{user}PidFile "{conf_dir}/run/httpd.pid"
DefaultRuntimeDir "{conf_dir}/run"
Mutex file:{conf_dir}/run default
ErrorLog "{conf_dir}/logs/error.log"
LogLevel warn
TypesConfig "{conf_dir}/empty.types"
DocumentRoot "{cls.docroot}"
DirectoryIndex index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "{cls.docroot}">
  Options FollowSymLinks
  AllowOverride FileInfo
  Require all granted
</Directory>
<Files ".ht*">
  Require all denied
</Files>
""")
        run([APACHE, "-t", "-f", conf])
        cls.error_log = os.path.join(conf_dir, "logs", "error.log")
        cls.server = subprocess.Popen([APACHE, "-f", conf, "-DFOREGROUND"], start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                return
            except OSError:
                if cls.server.poll() is not None:
                    raise AssertionError("apache2 did not start: " + cls.server.stderr.read().decode())
                time.sleep(0.1)
        raise AssertionError("apache2 does not listen on its port")

    def get(self, path):
        """(status, headers, body) of GET path; errors are answers too."""
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "identity"})) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    # -- Apache ------------------------------------------------------------------------------

    def test_every_link_of_every_page_answers_200(self):
        start = f"/{SUB}/"
        queue, seen, pages = [start], {start}, 0
        while queue:
            path = queue.pop()
            status, headers, body = self.get(path)
            self.assertEqual(status, 200, f"{path} (linked from the site)")
            if not headers.get("Content-Type", "").startswith("text/html"):
                continue
            pages += 1
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                url = urllib.parse.urlsplit(urllib.parse.urljoin(path, link))
                if url.scheme or url.netloc or not url.path.startswith(start):
                    continue  # other sites, mailto:, data:
                target = re.sub(r"/index\.html$", "/", urllib.parse.unquote(url.path))
                if target not in seen:
                    seen.add(target)
                    queue.append(urllib.parse.quote(target))
        # every page of the tree is reachable from the home page
        self.assertEqual(pages, sum(1 for p in files(self.out) if p.endswith(".html")) - 1)  # all but 404.html

    def test_every_file_is_served_with_its_type_and_charset(self):
        served = 0
        for rel in files(self.out):
            ext = os.path.splitext(rel)[1]
            if rel == ".htaccess":
                continue
            if rel == ".vitrina-output":  # Vitrina's list of its files: not served (.htaccess)
                self.assertEqual(self.get(f"/{SUB}/.vitrina-output")[0], 404)
                continue
            with self.subTest(file=rel):
                status, headers, body = self.get(f"/{SUB}/" + urllib.parse.quote(rel))
                self.assertEqual(status, 200)
                self.assertIn(ext, TYPES, f"a file type the .htaccess does not know: {rel}")
                self.assertEqual(headers.get("Content-Type", "").lower(), TYPES[ext].lower())
                self.assertEqual(body, read(os.path.join(self.out, rel)))
                served += 1
        kinds = {os.path.splitext(p)[1] for p in files(self.out)}
        self.assertTrue({".xlsx", ".csv", ".svg", ".json"} <= kinds)
        self.assertTrue(any(p.startswith("search/terms/") for p in files(self.out)))
        self.assertGreater(served, 100)

    def test_a_missing_address_gets_the_sites_404_page(self):
        page = read(os.path.join(self.out, "404.html"))
        for path in (f"/{SUB}/no-such-page/", f"/{SUB}/programmes/nope.html", f"/{SUB}/data/x.csv"):
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 404)  # not the CMS's front controller (RewriteEngine Off)
                self.assertEqual(headers.get("Content-Type", "").lower(), "text/html; charset=utf-8")
                self.assertEqual(body, page)
        # the 404 page's stylesheet and links are absolute, so they load at any depth
        assets = re.findall(rb'(?:href|src)="(/' + SUB.encode() + rb'/[^"]+)"', page)
        self.assertTrue(assets)
        for a in assets:
            self.assertEqual(self.get(a.decode())[0], 200, a)
        # outside the site the CMS still answers (the site's .htaccess is local to its folder)
        self.assertEqual(self.get("/elsewhere/")[2], read(os.path.join(self.docroot, "cms.html")))

    def test_caching_headers_and_hidden_htaccess(self):
        hashed = next(p for p in files(self.out) if re.match(r"assets/style\.[0-9a-f]{10}\.css$", p))
        self.assertIn("immutable", self.get(f"/{SUB}/{hashed}")[1].get("Cache-Control", ""))
        for plain in ("index.html", "data/index.json"):
            self.assertEqual(self.get(f"/{SUB}/{plain}")[1].get("Cache-Control", ""), "no-cache", plain)
        self.assertEqual(self.get(f"/{SUB}/index.html")[1].get("X-Content-Type-Options"), "nosniff")
        self.assertEqual(self.get(f"/{SUB}/.htaccess")[0], 403)

    def test_apache_logged_no_error(self):
        self.get(f"/{SUB}/")
        log = read(self.error_log).decode()
        self.assertNotRegex(log, r"\[(core|mime|headers|rewrite):(error|alert)\]|not allowed here|Invalid command", log)

    # -- upload of only the changed files ----------------------------------------------------

    def test_lftp_and_rsync_upload_exactly_the_changed_files(self):
        out = os.path.join(self.tmp, "upload", "output")
        site = os.path.join(self.tmp, "upload", "site")
        shutil.copytree(self.site, site)
        build(site, out)
        lftp_dest, rsync_dest = os.path.join(self.tmp, "lftp"), os.path.join(self.tmp, "rsync")

        def lftp():
            # file:// stands in for the server: lftp decides what to send exactly as over FTP/SFTP
            r = run(["lftp", "-c", f"open file:///; mirror --reverse --delete --only-newer --verbose=1 {out}/ {lftp_dest}/"])
            sent = set(re.findall(r"^Transferring file `(.*)'$", r.stdout, re.M))
            removed = set(re.findall(r"^Removing old file `(.*)'$", r.stdout, re.M)) - sent
            return sent, removed

        def rsync():
            r = run(["rsync", "-rlt", "--delete", "--itemize-changes", f"{out}/", f"{rsync_dest}/"])
            sent = set(re.findall(r"^>f\S* (.*)$", r.stdout, re.M))
            removed = set(re.findall(r"^\*deleting +(.*)$", r.stdout, re.M)) - {p for p in re.findall(r"^\*deleting +(.*/)$", r.stdout, re.M)}
            return sent, {p for p in removed if not p.endswith("/")}

        before = files(out)
        self.assertEqual(lftp()[0], set(before))
        self.assertEqual(rsync()[0], set(before))
        self.assertIn(".htaccess", before)

        time.sleep(1.1)  # FTP servers keep times in seconds: the rebuild must be newer than the upload
        data = os.path.join(site, "data", "programmes")
        programme = sorted(os.listdir(data))[0]
        path = os.path.join(data, programme, "indicators.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        fact = next(f for i in doc["indicators"] for f in i.get("facts", []) if isinstance(f.get("value"), (int, float)))
        fact["value"] = fact["value"] + 1
        fact.pop("numerator", None), fact.pop("denominator", None)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
        build(site, out)
        after = files(out)
        changed = {p for p in after if before.get(p) != after[p]}
        gone = set(before) - set(after)
        self.assertTrue(changed)
        self.assertLess(len(changed), len(after) // 2, "a one-value change rewrote most of the site")

        for name, upload, dest in (("lftp", lftp, lftp_dest), ("rsync", rsync, rsync_dest)):
            with self.subTest(tool=name):
                sent, removed = upload()
                self.assertEqual(sent, changed)
                self.assertEqual(removed, gone)
                self.assertEqual(files(dest), after)


if __name__ == "__main__":
    unittest.main()
