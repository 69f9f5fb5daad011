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

# Scans and image PDFs are read by Tesseract's Hindi model (libraqm shapes Devanagari where Pillow draws it, as the
# OCR tests do). Without them the OCR tests skip with a reason and the app says how to install them.
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx hin; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq tesseract-ocr tesseract-ocr-hin libraqm0 >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tesseract-ocr tesseract-ocr-hin libraqm0 >/dev/null 2>&1; } \
      || echo "note: could not install Tesseract; scans will not be read and the OCR tests will be skipped"
  else
    echo "note: install Tesseract with its Hindi model to read scans (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-hin)"
  fi
fi

# Rebuilding the loanword index (python -m khabar.translate.loanwords build) reads which English words are names
# from Debian's word list; the shipped index needs nothing at run time.
if [ ! -f /usr/share/dict/words ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq wamerican >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wamerican >/dev/null 2>&1; } \
    || echo "note: could not install wamerican; a rebuilt loanword index would not know English names' capitals"
fi

echo
echo "Khabar is set up. Start it with:"
echo "    .venv/bin/streamlit run app.py"
