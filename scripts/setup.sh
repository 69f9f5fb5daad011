#!/usr/bin/env bash
# Set up Khabar: a virtual environment with everything the app and its tests need, all offline-capable.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# stanza needs torch. Take the CPU build first so pip does not pull a multi-GB CUDA build: from this
# machine's wheel store where it has one, else from PyTorch's CPU index.
if .venv/bin/pip install --quiet --no-index --no-deps torch==2.13.0 >/dev/null 2>&1; then
  .venv/bin/pip install --quiet torch==2.13.0
else
  .venv/bin/pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu
fi
.venv/bin/pip install --quiet -r requirements-dev.txt

# The browser test drives Debian's Chromium; it skips with a reason where Chromium is missing.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } \
    || echo "note: could not install Chromium; the browser test will be skipped"
fi

# A shared library can live on PostgreSQL; the store's tests also run against a throwaway server of Debian's
# package (scripts/postgres.sh). Where it cannot be installed, that half of the tests is skipped with a reason.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq postgresql >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1; } \
    || echo "note: could not install PostgreSQL; the store's PostgreSQL tests will be skipped"
fi

echo
echo "Khabar is set up. Start it with:"
echo "    .venv/bin/streamlit run app.py"
