"""Start real nginx and Apache from the configuration files docs/hosting.md includes.

``nginx(site)`` and ``apache(site)`` are context managers giving a ``Hosted`` with two base URLs:
``root`` (the site at ``/``) and ``subpath`` (the site under ``/zhibu/``). They run as the current
user on free high ports, with every runtime file (pid, logs, temp folders) in a temporary folder.
The guide's files are used verbatim except for three substitutions a reader makes too: the site's
folder (``/srv/zhibu/site``), the port (``listen 80``) and where the snippet was saved.
Raises ``ServerUnavailable`` (with the reason) when the server is not installed or cannot start.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

REPO = pathlib.Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "hosting"
SITE_PLACEHOLDER = "/srv/zhibu/site"
SUBPATH = "zhibu/"
NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"


class ServerUnavailable(RuntimeError):
    """The web server is missing or would not start; the message says why."""


@dataclass
class Hosted:
    root: str  # http://127.0.0.1:<port>/
    subpath: str  # http://127.0.0.1:<port>/zhibu/
    log: pathlib.Path
    warnings: list[str]  # what the server's configuration test printed besides "OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def guide_file(name: str, site: pathlib.Path, port: int | None = None) -> str:
    """A configuration file from docs/hosting/, with the site folder (and port) filled in."""
    text = (GUIDE / name).read_text(encoding="utf-8")
    text = text.replace(SITE_PLACEHOLDER, str(site))
    if port is not None:
        text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    return text


def readable_copy(site: pathlib.Path, tmp: pathlib.Path) -> pathlib.Path:
    """The site where an unprivileged worker can read it (hard links; a copy across filesystems)."""
    dest = tmp / "site"

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(site, dest, copy_function=link)
    for d in [tmp, *[p for p in dest.rglob("*") if p.is_dir()], dest]:
        d.chmod(0o755)
    return dest


def _wait(url: str, proc: subprocess.Popen, log: pathlib.Path, name: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            err = log.read_text(errors="replace") if log.exists() else ""
            raise ServerUnavailable(f"{name} exited with {proc.returncode}: {out.strip()} {err.strip()}"[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise ServerUnavailable(f"{name} did not answer on {url} within 20 s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def _server_folder(binary: str, package: str):
    """A temporary folder for one server's runtime files, once the server is known to be installed."""
    if not os.access(binary, os.X_OK):
        raise ServerUnavailable(f"{binary} is not installed (make setup installs the Debian package {package})")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f"zhibu-{package}-"))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _place_guide_files(tmp: pathlib.Path, site: pathlib.Path, files: dict[str, tuple[str, int | None]]) -> None:
    """Each guide file (site folder and port filled in) at its path under ``tmp``: {dest: (guide file, port)}."""
    for dest, (name, port) in files.items():
        (tmp / dest).parent.mkdir(parents=True, exist_ok=True)
        (tmp / dest).write_text(guide_file(name, site, port), encoding="utf-8")


@contextlib.contextmanager
def _run(name, cmd, check_args, foreground_args, tmp, root_port, sub_port):
    """Check the configuration, start the server in the foreground, wait for it, stop it after."""
    test = subprocess.run(cmd + check_args, capture_output=True, text=True)
    output = (test.stderr + test.stdout).strip()
    if test.returncode != 0:
        raise ServerUnavailable(f"{name} {' '.join(check_args)} failed: {output}")
    ok = ("Syntax OK", "syntax is ok", "test is successful")
    warnings = [line for line in output.splitlines() if line.strip() and not any(k in line for k in ok)]
    proc = subprocess.Popen(cmd + foreground_args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait(f"http://127.0.0.1:{root_port}/", proc, tmp / "error.log", name)
        yield Hosted(
            f"http://127.0.0.1:{root_port}/", f"http://127.0.0.1:{sub_port}/{SUBPATH}", tmp / "error.log", warnings
        )
    finally:
        _stop(proc)


NGINX_MAIN = """\
# test wrapper: global settings only; everything about the site comes from the guide's files
{user}
{modules}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {access_log}
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include conf.d/zhibu.conf;
    include sites/root.conf;
    include sites/subpath.conf;
}}
"""


NGINX_BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


# what bench/checker_load.py reads back: the address asked for, the status, the body's bytes as sent
ACCESS_LOG_FORMAT = "log_format zhibu_bytes '$request_uri $status $body_bytes_sent';"


@contextlib.contextmanager
def nginx(site: pathlib.Path, brotli: bool = False, access_log: pathlib.Path | None = None):
    """nginx as the guide sets it up; ``brotli``: with Debian's brotli_static module loaded and the
    guide's nginx-zhibu-brotli.conf included after the site snippet; ``access_log``: a file that gets
    one line per response (``ACCESS_LOG_FORMAT``), else none."""
    site = pathlib.Path(site).resolve()  # nginx reads a relative root against its prefix, not the cwd
    if brotli and not os.path.isfile(NGINX_BROTLI):
        raise ServerUnavailable(f"{NGINX_BROTLI} is missing (make setup installs libnginx-mod-http-brotli-static)")
    with _server_folder(NGINX, "nginx") as tmp:
        root_port, sub_port = free_port(), free_port()
        user = "user root root;" if os.geteuid() == 0 else ""
        modules = f"load_module {NGINX_BROTLI};" if brotli else ""
        log = f"{ACCESS_LOG_FORMAT}\n    access_log {access_log} zhibu_bytes;" if access_log else "access_log off;"
        (tmp / "nginx.conf").write_text(
            NGINX_MAIN.format(tmp=tmp, user=user, modules=modules, access_log=log), encoding="utf-8"
        )
        guide = {
            "conf.d/zhibu.conf": ("nginx-zhibu-http.conf", None),
            "snippets/zhibu.conf": ("nginx-zhibu-location.conf", None),
            "sites/root.conf": ("nginx-server-root.conf", root_port),
            "sites/subpath.conf": ("nginx-server-subpath.conf", sub_port),
        }
        if brotli:
            guide["snippets/zhibu-brotli.conf"] = ("nginx-zhibu-brotli.conf", None)
        _place_guide_files(tmp, site, guide)
        if brotli:  # the guide: include it right after snippets/zhibu.conf
            for name in ("sites/root.conf", "sites/subpath.conf"):
                text = (tmp / name).read_text(encoding="utf-8")
                text = text.replace(
                    "include snippets/zhibu.conf;",
                    "include snippets/zhibu.conf;\n        include snippets/zhibu-brotli.conf;",
                )
                (tmp / name).write_text(text, encoding="utf-8")
        cmd = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
        with _run("nginx", cmd, ["-t"], ["-g", "daemon off;"], tmp, root_port, sub_port) as hosted:
            yield hosted


APACHE_MAIN = """\
# test wrapper: global settings only; everything about the site comes from the guide's files
ServerRoot {tmp}
ServerName 127.0.0.1
Listen 127.0.0.1:{root_port}
Listen 127.0.0.1:{sub_port}
PidFile {tmp}/apache2.pid
ErrorLog {tmp}/error.log
LogLevel warn
DefaultRuntimeDir {tmp}
Mutex file:{tmp} default
{user}
LoadModule mpm_event_module {mods}/mod_mpm_event.so
LoadModule authz_core_module {mods}/mod_authz_core.so
LoadModule mime_module {mods}/mod_mime.so
LoadModule dir_module {mods}/mod_dir.so
LoadModule alias_module {mods}/mod_alias.so
LoadModule filter_module {mods}/mod_filter.so
LoadModule deflate_module {mods}/mod_deflate.so
LoadModule headers_module {mods}/mod_headers.so
LoadModule env_module {mods}/mod_env.so
{rewrite}
TypesConfig /etc/mime.types
<Directory />
    Require all denied
</Directory>
Include zhibu.conf
<VirtualHost 127.0.0.1:{root_port}>
    # named, so Apache does not look the address up (a machine without /etc/hosts warns AH00549)
    ServerName 127.0.0.1
    Include root.conf
</VirtualHost>
<VirtualHost 127.0.0.1:{sub_port}>
    ServerName 127.0.0.1
    DocumentRoot {tmp}/empty
    Include subpath.conf
</VirtualHost>
"""


@contextlib.contextmanager
def apache(site: pathlib.Path, rewrite: bool = False):
    """Apache as the guide sets it up; ``rewrite``: with mod_rewrite, which sends the build's .br/.gz files."""
    site = pathlib.Path(site).resolve()  # Apache reads a relative DocumentRoot against ServerRoot
    with _server_folder(APACHE, "apache2") as tmp:
        if os.geteuid() == 0:
            # Apache refuses to serve as root; its children run as www-data, which must read the site.
            user = "User www-data\nGroup www-data"
            site = readable_copy(site, tmp)
        else:
            user = ""
        (tmp / "empty").mkdir()
        root_port, sub_port = free_port(), free_port()
        (tmp / "apache2.conf").write_text(
            APACHE_MAIN.format(
                tmp=tmp,
                root_port=root_port,
                sub_port=sub_port,
                user=user,
                mods=APACHE_MODULES,
                rewrite=f"LoadModule rewrite_module {APACHE_MODULES}/mod_rewrite.so" if rewrite else "",
            ),
            encoding="utf-8",
        )
        guide = {
            "zhibu.conf": ("apache-zhibu.conf", None),
            "root.conf": ("apache-root.conf", None),
            "subpath.conf": ("apache-subpath.conf", None),
        }
        _place_guide_files(tmp, site, guide)
        cmd = [APACHE, "-d", str(tmp), "-f", str(tmp / "apache2.conf")]
        with _run("apache2", cmd, ["-t"], ["-DFOREGROUND"], tmp, root_port, sub_port) as hosted:
            yield hosted
