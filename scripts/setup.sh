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

# Debian packages, installed in one apt-get run where this is Debian and we are root; each feature that needs
# one says so (and its tests skip with a reason) where it cannot be had:
# - chromium: the browser tests drive Debian's Chromium;
# - postgresql: a shared library can live on PostgreSQL, and the store's tests also run against a throwaway
#   server (scripts/postgres.sh);
# - tesseract-ocr, tesseract-ocr-hin, libraqm0: scans and image PDFs are read by Tesseract's Hindi model
#   (libraqm shapes Devanagari where Pillow draws it, as the OCR tests do);
# - wamerican: rebuilding the loanword index reads which English words are names (the shipped index needs none).
wanted=()
[ -x /usr/bin/chromium ] || wanted+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || wanted+=(postgresql)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx hin; } \
  || wanted+=(tesseract-ocr tesseract-ocr-hin libraqm0)
[ -f /usr/share/dict/words ] || wanted+=(wamerican)
if [ ${#wanted[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    if ! apt-get install -y -qq "${wanted[@]}" >/dev/null 2>&1; then
      apt-get update -qq >/dev/null 2>&1 || true
      # One at a time, so a package this Debian lacks does not keep the others out.
      for package in "${wanted[@]}"; do
        apt-get install -y -qq "$package" >/dev/null 2>&1 \
          || echo "note: could not install $package; the features and tests that need it are skipped"
      done
    fi
  else
    echo "note: for every feature, install these Debian/Ubuntu packages: ${wanted[*]}"
  fi
fi

echo
echo "Khabar is set up. Start it with:"
echo "    .venv/bin/streamlit run app.py"
