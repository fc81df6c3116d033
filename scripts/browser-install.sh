#!/usr/bin/env bash
# The real browser the dashboard's tests drive (Tests/PierDashboardTests/DashboardBrowserTests.swift): Debian's
# chromium and chromium-driver, and Selenium for Python from PyPI. Installs only what is missing. Measured on a
# fresh Debian 12 on 2 shared cores: about 3 minutes (apt-get update 8 s, the packages 140-170 s, 330 MB
# installed, Selenium 11 s); 1 s when they are there.
set -euo pipefail

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "installing chromium and chromium-driver" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
    echo "installing selenium" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore 'selenium>=4.20,<5' >&2
fi
# Debian's /usr/bin/chromium wrapper complains on standard error when it looks at the machine's memory.
echo "$(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version | cut -d' ' -f1-2)," \
    "selenium $(python3 -c 'import selenium; print(selenium.__version__)')" >&2
