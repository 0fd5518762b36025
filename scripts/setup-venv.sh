#!/usr/bin/env bash
# Create ./.venv (if missing) and install kg into it, with the test extra when asked:
#   scripts/setup-venv.sh [test]
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3.11}
command -v "$py" >/dev/null 2>&1 || py=python3
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi
extra=""
[ "${1:-}" = "test" ] && extra="[test]"
echo "installing kg${extra} into .venv (log: .venv/install.log)" >&2
.venv/bin/pip install -e ".${extra}" > .venv/install.log 2>&1 || { tail -n 30 .venv/install.log >&2; exit 1; }
