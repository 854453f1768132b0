#!/usr/bin/env bash
# Install the Debian/Ubuntu packages zhibu needs, only those missing; uses sudo when not root.
#   graphviz            dot, to render the diagrams
#   fonts-wqy-microhei  a CJK font, so dot measures Chinese labels and Chromium can draw them
#   chromium            headless browser for the browser tests and screenshots
#   nodejs, npm         the npm pyodide package and the Pyodide-under-Node tests
#   python3-venv        the project's virtualenv
#   libatomic1          needed by the Node.js binary that Playwright for Python bundles
#   nginx, apache2      the hosting tests start both, from the configurations docs/hosting.md shows
#   libnginx-mod-http-brotli-static  nginx's brotli_static, which the hosting tests try with and without
set -euo pipefail

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
fc-list 2>/dev/null | grep -q "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
command -v make >/dev/null 2>&1 || missing+=(make)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q "libatomic.so.1" || missing+=(libatomic1)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing ${missing[*]} and this is not a Debian/Ubuntu system; install them by hand" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing system packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
