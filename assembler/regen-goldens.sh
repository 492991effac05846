#!/usr/bin/env bash
# Regenerates the assembler's golden files and docs/portable.md from the current code, then shows
# what changed. Review the diff before committing: every change must be one you meant.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl assembler -am test -Dtoyisa.regenerate=true \
    -Dtest='GoldenTest,PortableCardTest' -Dsurefire.failIfNoSpecifiedTests=false
git status --short -- assembler/src/test/resources/golden docs/portable.md
echo "Regenerated. Review it: git diff -- assembler/src/test/resources/golden docs/portable.md"
