#!/usr/bin/env bash
# Install kg with its test extra into ./.venv and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh test
exec .venv/bin/python -m pytest -q "$@"
