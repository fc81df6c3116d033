#!/usr/bin/env bash
# The real browser the dashboard's tests drive (Tests/PierDashboardTests/DashboardBrowserTests.swift): Debian's
# chromium and chromium-driver, and Selenium for Python from PyPI. Installs only what is missing.
set -euo pipefail

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q 'selenium>=4.20,<5'
echo "$(/usr/bin/chromium --version), $(/usr/bin/chromedriver --version | cut -d' ' -f1-2)," \
    "selenium $(python3 -c 'import selenium; print(selenium.__version__)')"
