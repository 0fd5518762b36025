#!/usr/bin/env bash
# The demo: install kg into ./.venv, ingest the sample articles into a fresh
# embedded store, and ask who met whom.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
store=.venv/demo-store   # kept, so that `kg serve` can show it afterwards
rm -rf "$store"
kg=.venv/bin/kg
echo "== kg ingest scripts/samples/demo.jsonl"
"$kg" --store "$store" ingest scripts/samples/demo.jsonl
echo
echo "== kg query meetings (who met whom, when, where)"
"$kg" --store "$store" query meetings
echo
echo "== kg who-met Netanyahu"
"$kg" --store "$store" who-met Netanyahu
echo
echo "== kg query roles"
"$kg" --store "$store" query roles
echo
echo "== explore it in your browser: who met whom, when, with the evidence"
echo "   $kg --store $store serve --open      (then http://127.0.0.1:8000/ ; Ctrl-C stops)"
