#!/bin/sh
# Regenerate the bundled sample exports and their planted truth.
# Everyone in them is invented; the output is byte-identical for the same seed.
# tests/test_sample_bundled.py checks that the committed files equal a fresh generation.
set -eu
cd "$(dirname "$0")"
for persona in insider bridger switcher newcomer; do
    python -m netscan sample --persona "$persona" --seed 7 \
        -o "$persona.zip" --truth "$persona.truth.csv"
done
