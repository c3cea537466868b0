#!/usr/bin/env python3
"""Reduce LiteLLM's model_prices_and_context_window.json to the fields Junction reads.

Usage:
    python3 router-verticle/scripts/reduce_model_table.py \
        /work/shared/data/model_prices_and_context_window.json \
        router-verticle/src/main/resources/junction-model-table.json

The output is read by dev.junction.router.model.ModelTable. It keeps, per model key, the fields named in
FIELDS as one positional array (the "fields" header names the positions), which keeps the resource small
(about a fifth of the source) while staying greppable: one model per line, keys sorted so a refresh from a
newer upstream file gives a readable diff. Missing values are null. Whole-number limits written as floats
upstream (2000000.0) become integers; any value of the wrong type is dropped with a warning on stderr.

The source is MIT-licensed data from the LiteLLM project (https://github.com/BerriAI/litellm); see
src/main/resources/junction-model-table.README.md for its provenance. Re-run this script and commit both
files together when refreshing the table.
"""
import json
import sys

FIELDS = [
    "max_input_tokens",
    "max_output_tokens",
    "max_tokens",
    "input_cost_per_token",
    "output_cost_per_token",
    "litellm_provider",
    "mode",
    "input_cost_per_image",
    "output_cost_per_image",
    "input_cost_per_pixel",
    "input_cost_per_second",
    "input_cost_per_character",
    "input_cost_per_query",
]
WHOLE = {"max_input_tokens", "max_output_tokens", "max_tokens"}
PRICES = {
    "input_cost_per_token",
    "output_cost_per_token",
    "input_cost_per_image",
    "output_cost_per_image",
    "input_cost_per_pixel",
    "input_cost_per_second",
    "input_cost_per_character",
    "input_cost_per_query",
}
# Upstream keys that document the format rather than name a model.
NOT_MODELS = {"sample_spec", "fallback_generalizations"}


def clean(key, field, value):
    if value is None:
        return None
    if field in WHOLE:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            return warn(key, field, value)
        return int(value)
    if field in PRICES:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return warn(key, field, value)
        return float(value)
    return value if isinstance(value, str) else warn(key, field, value)


def warn(key, field, value):
    print(f"dropped {key}.{field}={value!r}", file=sys.stderr)
    return None


def reduce(source):
    models = {}
    for key in sorted(source):
        entry = source[key]
        if key in NOT_MODELS or not isinstance(entry, dict):
            continue
        models[key] = [clean(key, field, entry.get(field)) for field in FIELDS]
    return models


def write(models, out):
    out.write('{"fields": ' + json.dumps(FIELDS) + ',\n"models": {\n')
    lines = [json.dumps(key) + ": " + json.dumps(row, separators=(",", ":")) for key, row in models.items()]
    out.write(",\n".join(lines))
    out.write("\n}}\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        models = reduce(json.load(f))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        write(models, out)
    print(f"{len(models)} models written to {sys.argv[2]}", file=sys.stderr)


if __name__ == "__main__":
    main()
